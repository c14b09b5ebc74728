"""Session cues (cues.jsonl): cut short, tolerance, response, home care, next visit, injection...

A cue's service may name what it was done to with a technique's word: "dry needling to the right
glute, two trigger points, five minutes" needles trigger points, it does not release them by
hand. Such a word (the cue's ``targets``) said after the cue in its sentence, before any other
technique or a word that moves on to the next service ("then"), is no technique of its own, so
neither it nor the minutes said for it are billed. Nor is such a word inside the cue's own name
("trigger point dry needling", "trigger point injection").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.spans import CUES, TECHNIQUES, CueHit, hits, longest, phrase_matcher, put, sentences

_NEXT_SERVICE = vocab.words("NEXT_SERVICE")


class CueMatcher:
    def __init__(self, nlp: Language):
        entries = vocab.load("cues.jsonl")
        self.by_key = {f"cues/{e.id}": e for e in entries}  # type: ignore[attr-defined]
        self.lower = phrase_matcher(nlp, [(k, [t for t in e.terms if t not in e.case_sensitive]) for k, e in self.by_key.items()])
        self.exact = phrase_matcher(nlp, [(k, vocab.cased_forms(e.case_sensitive)) for k, e in self.by_key.items()], attr="ORTH")

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        raw = [(strings[k], s, e) for k, s, e in self.lower(doc)] + [(strings[k], s, e) for k, s, e in self.exact(doc)]
        inside = {(s.start, s.end) for s in doc.spans.get(TECHNIQUES, [])}
        found = []
        for key, start, end in longest(raw):
            if any(s <= start and end <= e for s, e in inside):
                continue  # "released" in "myofascial released" names the technique, not a response
            entry = self.by_key[key]
            found.append((doc[start:end], CueHit(rule_id=key, cue=entry.cue, label=entry.label)))
        put(doc, CUES, found)
        targeted = [(span, self.by_key[hit.rule_id].targets) for span, hit in found if self.by_key[hit.rule_id].targets]
        if targeted:
            self._drop_targets(doc, targeted)
        return doc

    @staticmethod
    def _drop_targets(doc: Doc, targeted: list) -> None:
        sents = sentences(doc)
        techniques = list(hits(doc, TECHNIQUES))
        dropped = set()
        for cue, targets in targeted:
            _, sent_end = sents.bounds(cue.start)
            reached = cue.end
            for span, hit in techniques:
                if cue.start <= span.start and span.end <= cue.end and hit.technique in targets:
                    dropped.add((span.start, span.end))  # the cue's own words: "trigger point dry needling"
                    continue
                if span.start < cue.end:
                    continue
                if span.start >= sent_end or hit.technique not in targets:
                    break
                if any(t.lower_ in _NEXT_SERVICE for t in doc[reached : span.start]):
                    break
                dropped.add((span.start, span.end))
                reached = span.end
        if dropped:
            put(doc, TECHNIQUES, [(s, h) for s, h in techniques if (s.start, s.end) not in dropped])


@Language.factory("scribe_cues")
def make_cues(nlp: Language, name: str) -> CueMatcher:
    return CueMatcher(nlp)
