"""Complaints and conditions (conditions.jsonl), each tied to the areas it is about.

"right shoulder pain", "pain in the low back", "tight hamstrings", "neck and shoulder
pain": the areas right before the condition word, or right after it behind a preposition,
along with the rest of their list. A condition word inside a response ("less pain",
"decreased tension") or a technique name is no complaint.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Iterator

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.components.areas import LateralityFinder, opening_heading
from extraction.components.fuzzy import SplitNames
from extraction.components.hedges import HedgeFinder
from extraction.spans import (
    AREAS,
    CONDITIONS,
    CUES,
    TECHNIQUES,
    ConditionHit,
    Sentences,
    hits,
    longest,
    phrase_matcher,
    put,
    sentences,
)
from models import CueKind, Laterality

# Words allowed between a condition and its area (token_sets.jsonl).
_LINK_AFTER = vocab.words("AREA_LINK_AFTER_CONDITION")
_LINK_BEFORE = vocab.words("AREA_LINK_BEFORE_CONDITION")
# A symptom said to travel ("sciatica going down the left leg", "numbness radiating into the right
# hand") is about where it travels to: the area after the radiating words.
_RADIATING = vocab.words("RADIATING_LINK")
_RADIATING_FILLER = vocab.words("RADIATING_FILLER")
RADIATING_REACH = 6  # tokens from the condition word to the area it radiates to, at most
_LIST = vocab.words("LIST_JOINER")
_SIDE_NEGATION = vocab.words("SIDE_NEGATION")
_DETERMINERS = vocab.words("PROP_DETERMINER")
# A condition word inside a response ("less pain") or a denial of any complaint ("nothing hurting",
# "no pain or complaints") is no complaint.
_BLOCKING_CUES = {CueKind.response, CueKind.relaxation_only}


def _with_sentence_case(terms: list[str]) -> list[str]:
    """Terms matched only as written, plus each one whose first word is lower case written as a
    sentence's first word: "tension HA" opens a line as "Tension HA". Only the abbreviation's own
    case is what the exact match protects."""
    return list(terms) + [t[0].upper() + t[1:] for t in terms if " " in t and t[0].islower()]


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
            nlp, [(f"conditions/{e.id}", _with_sentence_case(vocab.cased_forms(e.case_sensitive))) for e in entries], attr="ORTH"  # type: ignore[attr-defined]
        )
        self.target = {f"conditions/{e.id}": e.id for e in entries} | {f"mishearings/{m.id}": m.target for m in mishearings}  # type: ignore[attr-defined]
        self.sentence_sided = {e.id for e in entries if e.side_in_sentence}  # type: ignore[attr-defined]
        self.sides = LateralityFinder(nlp)
        self.hedges = HedgeFinder(nlp)
        self.split = SplitNames({t.lower(): e.id for e in entries for t in e.terms if t not in e.case_sensitive})  # type: ignore[attr-defined]

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        blocked = {i for group in (TECHNIQUES,) for s in doc.spans.get(group, []) for i in range(s.start, s.end)}
        blocked |= {i for s, h in hits(doc, CUES) if h.cue in _BLOCKING_CUES for i in range(s.start, s.end)}
        areas = _Areas([(s.start, s.end) for s in doc.spans.get(AREAS, [])])
        techniques = [s.start for s in doc.spans.get(TECHNIQUES, [])]
        lows = [strings[h] for h in doc.to_array(LOWER).tolist()] if len(doc) else []
        commas = [i for i, w in enumerate(lows) if w == ","]
        sents = sentences(doc)
        raw = [(strings[k], s, e) for k, s, e in self.matcher(doc)] + [(strings[k], s, e) for k, s, e in self.exact(doc)]
        claimed = {i for _, s, e in raw for i in range(s, e)}
        for start, end, condition in self.split.find(doc, claimed):
            key = f"split/{condition}"
            self.target[key] = condition
            raw.append((key, start, end))
        ends, starts = None, None
        found = []
        for key, start, end in longest(raw):
            if any(i in blocked for i in range(start, end)):
                continue
            linked = _linked_areas(doc, lows, areas, start, end, techniques, commas, sents)
            if not linked and (heading := _under_heading(doc, areas, techniques, start)) is not None:
                linked = [heading]
            lat = Laterality.unspecified
            if linked and self.target[key] in self.sentence_sided:
                # "right sciatica into the back of the thigh": a side said right before a sided condition
                # word is the complaint's own, whether or not the areas it reaches name one
                if ends is None:
                    ends, starts = self.sides.find(doc)
                lat = (ends.get(start) or (0, Laterality.unspecified))[1]
            elif not linked:
                if ends is None:
                    ends, starts = self.sides.find(doc)
                # "low back pain with sciatica, left.": a side set off by a comma after the condition
                after_comma = starts.get(end + 1) if end < len(doc) and lows[end] == "," else None
                lat = (ends.get(start) or starts.get(end) or after_comma or (0, Laterality.unspecified))[1]
                if lat == Laterality.unspecified and self.target[key] in self.sentence_sided:
                    lat = _sentence_side(doc, lows, sents.bounds(start), ends, starts)
            found.append((doc[start:end], ConditionHit(rule_id=key, condition=self.target[key], laterality=lat,
                                                        areas=tuple(linked))))
        if found:
            hedged = self.hedges.find(doc, [(s.start, s.end, h.condition) for s, h in found], sents)
            for span, hit in found:
                hit.hedge = hedged.get(span.start)
        put(doc, CONDITIONS, found)
        return doc


def _linked_areas(doc: Doc, lows: list[str], areas: _Areas, start: int, end: int, techniques: list[int],
                  commas: list[int], sents: Sentences) -> list[tuple[int, int]]:
    """The areas a condition word is about: 'shoulder pain', 'pain in the shoulder', lists included.

    Not back across a comma to the areas of a technique ("MFR to the left upper trap, pain was
    3/10 after"): there the condition word opens a new statement about the outcome.

    Areas are walked outwards from the condition word, one at a time, so a long note with many
    complaints stays linear.
    """
    sent_start, sent_end = sents.bounds(start)
    before = areas.before(sent_start, start)
    after = areas.after(end, sent_end)
    last = next(before, None)
    first = next(after, None)

    def only(lo: int, hi: int, words: set[str]) -> bool:
        return all(lows[i] in words for i in range(lo, hi))

    def treated_across_comma(lo: int, hi: int, area_start: int) -> bool:
        """A comma back to an area named after a technique: that area is the technique's target."""
        return _any_in(commas, lo, hi) and _any_in(techniques, sent_start, area_start)

    between = (last[1], start) if last else (start, start)
    treated = last and treated_across_comma(*between, last[0])
    adjective = between[1] > between[0] and first is not None and first[0] == end  # "the back and the tight hamstrings"
    if last and not treated and not adjective and only(*between, _LINK_BEFORE):
        chain = [last]
        for a in before:
            if only(a[1], chain[-1][0], _LIST) and not treated_across_comma(a[1], chain[-1][0], a[0]):
                chain.append(a)
            else:
                break
        return list(reversed(chain))
    radiates = first is not None and any(lows[i] in _RADIATING for i in range(end, first[0])) \
        and first[0] - end <= RADIATING_REACH and only(end, first[0], _LINK_AFTER | _RADIATING | _RADIATING_FILLER)
    if first and (radiates or (first[0] - end <= 4 and only(end, first[0], _LINK_AFTER))):
        chain = [first]
        for a in after:
            if only(chain[-1][1], a[0], _LIST):
                chain.append(a)
            else:
                break
        return chain
    return []


def _under_heading(doc: Doc, areas: "_Areas", techniques: list[int], start: int) -> tuple[int, int] | None:
    """The note's opening area heading, for a complaint said with no area of its own before any other
    area or any technique is named ("Right shoulder, the tennis player. Hurts reaching overhead"):
    nothing else has been named for it to be about."""
    if not areas.spans or areas.spans[0][0] != 0 or (techniques and techniques[0] < start):
        return None
    if len(areas.spans) > 1 and areas.spans[1][0] < start:
        return None
    heading = opening_heading(doc)
    return (heading.start, heading.end) if heading is not None and heading.end <= start else None


def _sentence_side(doc: Doc, lows: list[str], bounds: tuple[int, int], ends: dict, starts: dict) -> Laterality:
    """The one side a sentence says and does not deny ("the left side, not the right"); none when it
    says two different sides, or none at all."""
    lo, hi = bounds
    said: set[Laterality] = set()
    for start, lat in [*((s, lat) for s, lat in ends.values()), *((s, lat) for s, (_, lat) in starts.items())]:
        if not lo <= start < hi or lat == Laterality.unspecified:
            continue
        at = start - 1
        if at >= lo and lows[at] in _DETERMINERS:
            at -= 1
        if at >= lo and lows[at] in _SIDE_NEGATION:
            continue  # "not the right": the side denied
        said.add(lat)
    return said.pop() if len(said) == 1 else Laterality.unspecified


class _Areas:
    """Area spans (start, end) in text order, walked outwards from a token by bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def before(self, sent_start: int, start: int) -> Iterator[tuple[int, int]]:
        """Areas of the sentence ending by ``start``, nearest first."""
        for k in range(bisect_left(self.starts, start) - 1, bisect_left(self.starts, sent_start) - 1, -1):
            if self.spans[k][1] <= start:
                yield self.spans[k]

    def after(self, end: int, sent_end: int) -> Iterator[tuple[int, int]]:
        """Areas of the sentence from ``end`` on, nearest first."""
        for k in range(bisect_left(self.starts, end), len(self.spans)):
            area = self.spans[k]
            if area[0] >= sent_end:
                return
            if area[1] <= sent_end:
                yield area


def _any_in(positions: list[int], lo: int, hi: int) -> bool:
    k = bisect_left(positions, lo)
    return k < len(positions) and positions[k] < hi


@Language.factory("scribe_conditions")
def make_conditions(nlp: Language, name: str) -> ConditionMatcher:
    return ConditionMatcher(nlp)
