"""A clinic's taught words (extraction/clinic.py), matched after the shipped techniques and areas.

Runs only when the pipeline is built with a clinic vocabulary. A taught phrase becomes a hit
of the shipped technique or area it points at, with the rule id ``clinic/<id>`` as evidence;
a shipped match of the same words or longer wins, so a taught line never takes words from a
shipped term. "not_billable" phrases take the technique hits inside them off the note.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extraction import clinic, vocab
from extraction.components.areas import LateralityFinder
from extraction.spans import AREAS, TECHNIQUES, AreaHit, TechniqueHit, hits, longest, phrase_matcher, put
from models import Laterality


class ClinicMatcher:
    def __init__(self, nlp: Language, words: str):
        self.words = {f"clinic/{w.id}": w for w in clinic.parsed(words)}
        self.matcher = phrase_matcher(nlp, [(key, w.heard) for key, w in self.words.items()])
        self.sides = LateralityFinder(nlp)

    def __call__(self, doc: Doc) -> Doc:
        if not self.words:
            return doc
        strings = doc.vocab.strings
        found = longest((strings[k], s, e) for k, s, e in self.matcher(doc))
        if not found:
            return doc
        techniques, areas = list(hits(doc, TECHNIQUES)), list(hits(doc, AREAS))
        shipped = [(span.start, span.end) for span, _ in techniques + areas]
        new_t, new_a, silenced = [], [], []
        for key, start, end in found:
            word = self.words[key]
            if word.kind == "not_billable":
                silenced.append((start, end))
                continue
            if any(s < end and start < e and (e - s) >= (end - start) for s, e in shipped):
                continue  # a shipped match of these words, as long or longer, keeps them
            if word.kind == "technique":
                new_t.append((doc[start:end], TechniqueHit(rule_id=key, technique=word.target)))
            else:
                new_a.append(self._area(doc, start, end, key, word))
        covered = [(s.start, s.end) for s, _ in new_t + new_a]

        def kept(span) -> bool:
            inside_silenced = any(s <= span.start and span.end <= e for s, e in silenced)
            under_taught = any(s < span.end and span.start < e for s, e in covered)
            return not under_taught and not inside_silenced

        put(doc, TECHNIQUES, [(s, h) for s, h in techniques if kept(s)] + new_t)
        put(doc, AREAS, [(s, h) for s, h in areas if not any(a < s.end and s.start < b for a, b in covered)] + new_a)
        return doc

    def _area(self, doc: Doc, start: int, end: int, key: str, word: clinic.ClinicWord):
        ends, starts = self.sides.find(doc)
        lat, s, e = word.laterality or Laterality.unspecified, start, end
        if start in ends:
            s, lat = ends[start]
        elif end in starts:
            e, lat = starts[end]
        regions = tuple(vocab.area_by_id()[word.target].regions)
        return doc[s:e], AreaHit(rule_id=key, area=word.target, laterality=lat, regions=regions)


@Language.factory("scribe_clinic", default_config={"words": ""})
def make_clinic(nlp: Language, name: str, words: str) -> ClinicMatcher:
    return ClinicMatcher(nlp, words)
