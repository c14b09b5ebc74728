"""Complaints and conditions (conditions.jsonl), each tied to the areas it is about.

"right shoulder pain", "pain in the low back", "tight hamstrings", "neck and shoulder
pain": the areas right before the condition word, or right after it behind a preposition,
along with the rest of their list. A condition word inside a response ("less pain",
"decreased tension") or a technique name is no complaint.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.components.areas import LateralityFinder
from extraction.spans import AREAS, CONDITIONS, CUES, TECHNIQUES, ConditionHit, hits, longest, phrase_matcher, put
from models import CueKind, Laterality

_LINK_AFTER = {"in", "on", "at", "of", "along", "across", "through", "around", "into", "down", "over", "throughout",
               "the", "her", "his", "their", "both", "my", "upper", "lower"}
_LINK_BEFORE = {"and", ",", "&", "/", "or", "the", "her", "his", "their", "muscle", "muscles", "-", "area", "region",
                "joint", "sided", "side"}
_LIST = {"and", ",", "&", "/", "or", "the", "her", "his", "their", "both"}
_BLOCKING_CUES = {CueKind.response}


class ConditionMatcher:
    def __init__(self, nlp: Language):
        entries = vocab.load("conditions.jsonl")
        mishearings = [m for m in vocab.load("mishearings.jsonl") if m.kind == "condition"]  # type: ignore[attr-defined]
        self.matcher = phrase_matcher(
            nlp,
            [(f"conditions/{e.id}", [t for t in e.terms if t not in e.case_sensitive]) for e in entries]  # type: ignore[attr-defined]
            + [(f"mishearings/{m.id}", m.heard) for m in mishearings],
        )
        self.exact = phrase_matcher(
            nlp, [(f"conditions/{e.id}", e.case_sensitive) for e in entries], attr="ORTH"  # type: ignore[attr-defined]
        )
        self.target = {f"conditions/{e.id}": e.id for e in entries} | {f"mishearings/{m.id}": m.target for m in mishearings}  # type: ignore[attr-defined]
        self.sides = LateralityFinder(nlp)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        blocked = {i for group in (TECHNIQUES,) for s in doc.spans.get(group, []) for i in range(s.start, s.end)}
        blocked |= {i for s, h in hits(doc, CUES) if h.cue in _BLOCKING_CUES for i in range(s.start, s.end)}
        areas = list(doc.spans.get(AREAS, []))
        techniques = [s.start for s in doc.spans.get(TECHNIQUES, [])]
        raw = [(strings[k], s, e) for k, s, e in self.matcher(doc)] + [(strings[k], s, e) for k, s, e in self.exact(doc)]
        ends, starts = None, None
        found = []
        for key, start, end in longest(raw):
            if any(i in blocked for i in range(start, end)):
                continue
            linked = _linked_areas(doc, areas, start, end, techniques)
            lat = Laterality.unspecified
            if not linked:
                if ends is None:
                    ends, starts = self.sides.find(doc)
                lat = (ends.get(start) or starts.get(end) or (0, Laterality.unspecified))[1]
            found.append((doc[start:end], ConditionHit(rule_id=key, condition=self.target[key], laterality=lat,
                                                        areas=tuple((a.start, a.end) for a in linked))))
        put(doc, CONDITIONS, found)
        return doc


def _linked_areas(doc: Doc, areas: list, start: int, end: int, techniques: list[int]) -> list:
    """The areas a condition word is about: 'shoulder pain', 'pain in the shoulder', lists included.

    Not back across a comma to the areas of a technique ("MFR to the left upper trap, pain was
    3/10 after"): there the condition word opens a new statement about the outcome.
    """
    sent_start, sent_end = doc[start].sent.start, doc[start].sent.end
    before = [a for a in areas if sent_start <= a.start and a.end <= start]
    after = [a for a in areas if a.start >= end and a.end <= sent_end]
    between = doc[before[-1].end : start] if before else []
    treated = before and _treated_across_comma(between, before[-1].start, sent_start, techniques)
    adjective = bool(between) and bool(after) and after[0].start == end  # "the back and the tight hamstrings"
    if before and not treated and not adjective and all(t.lower_ in _LINK_BEFORE for t in between):
        chain = [before[-1]]
        for a in reversed(before[:-1]):
            joint = doc[a.end : chain[-1].start]
            if all(t.lower_ in _LIST for t in joint) and not _treated_across_comma(joint, a.start, sent_start, techniques):
                chain.append(a)
            else:
                break
        return list(reversed(chain))
    if after and after[0].start - end <= 4 and all(t.lower_ in _LINK_AFTER for t in doc[end : after[0].start]):
        chain = [after[0]]
        for a in after[1:]:
            if all(t.lower_ in _LIST for t in doc[chain[-1].end : a.start]):
                chain.append(a)
            else:
                break
        return chain
    return []


def _treated_across_comma(between, area_start: int, sent_start: int, techniques: list[int]) -> bool:
    """A comma back to an area named after a technique: that area is the technique's target."""
    return any(t.text == "," for t in between) and any(sent_start <= i < area_start for i in techniques)


@Language.factory("scribe_conditions")
def make_conditions(nlp: Language, name: str) -> ConditionMatcher:
    return ConditionMatcher(nlp)
