"""Session cues (cues.jsonl): cut short, tolerance, response, home care, next visit, injection..."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.spans import CUES, TECHNIQUES, CueHit, longest, phrase_matcher, put


class CueMatcher:
    def __init__(self, nlp: Language):
        entries = vocab.load("cues.jsonl")
        self.by_key = {f"cues/{e.id}": e for e in entries}  # type: ignore[attr-defined]
        self.lower = phrase_matcher(nlp, [(k, [t for t in e.terms if t not in e.case_sensitive]) for k, e in self.by_key.items()])
        self.exact = phrase_matcher(nlp, [(k, e.case_sensitive) for k, e in self.by_key.items()], attr="ORTH")

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
        return doc


@Language.factory("scribe_cues")
def make_cues(nlp: Language, name: str) -> CueMatcher:
    return CueMatcher(nlp)
