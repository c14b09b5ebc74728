"""Areas said by reference to an earlier mention (area_references.jsonl): "the same area",
"the other side", "same on the right", "the opposite knee".

A reference is an area fact of its own, with the reference words as its evidence, carrying the
area of the mention it points back to: the areas said earlier in the same sentence, else those
of the nearest sentence before that named any. "The other side" flips left and right; a side said
after a repeat word ("same on the left", "then the right") gives its side; "the same area" keeps
both. Linking then treats a reference like any area, so "Then the other side, 10 minutes" is a
block on the opposite side and "STM to the same area" treats what was treated before.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extraction import vocab
from extraction.components.areas import LateralityFinder
from extraction.spans import AREAS, AreaHit, hits, phrase_matcher, put, sentences
from models import Laterality

_FLIP = {Laterality.left: Laterality.right, Laterality.right: Laterality.left}


class AreaReferences:
    def __init__(self, nlp: Language):
        rules = vocab.load("area_references.jsonl")
        self.kind = {f"area_references/{r.id}": r.kind for r in rules}  # type: ignore[attr-defined]
        self.gap = {w.lower() for r in rules if r.kind == "gap" for w in r.terms}  # type: ignore[attr-defined]
        self.matcher = phrase_matcher(nlp, [(f"area_references/{r.id}", r.terms) for r in rules if r.kind != "gap"])  # type: ignore[attr-defined]
        self.sides = LateralityFinder(nlp)
        self.midline = {e.id for e in vocab.areas() if e.midline}

    def __call__(self, doc: Doc) -> Doc:
        raw = self.matcher(doc)
        if not raw:
            return doc
        strings = doc.vocab.strings
        areas = list(hits(doc, AREAS))
        covered = {i for span, _ in areas for i in range(span.start, span.end)}
        sent_of = sentences(doc).of
        new: list[tuple[Span, AreaHit]] = []
        # Longest first; a candidate that resolves to nothing ("the same" with no side after it)
        # leaves its words to a shorter or overlapping one ("the same area").
        for key, start, end in sorted(((strings[k], s, e) for k, s, e in raw), key=lambda m: (m[1] - m[2], m[1])):
            if any(i in covered for i in range(start, end)):
                continue
            kind = self.kind[key]
            if kind == "side" and self._after_direction(doc, start, covered):
                continue
            if kind == "side":
                found = self._side_after(doc, end, covered)
                if found is None:
                    continue
                end, side = found
            if kind == "opposite_before_area":
                self._flip_next_area(areas, end)
                continue
            refs = self._antecedents(areas, start, sent_of)
            if kind != "same":
                refs = [h for _, h in refs if h.area not in self.midline]
                refs = [(h.area, side if kind == "side" else _FLIP.get(h.laterality), h.regions) for h in refs]
                refs = [r for r in refs if r[1] is not None]
            else:
                refs = [(h.area, h.laterality, h.regions) for _, h in refs]
            refs = list(dict.fromkeys(refs))
            if not refs:
                continue
            hits_ = [AreaHit(rule_id=key, area=a, laterality=lat, regions=reg) for a, lat, reg in refs]
            first = hits_[0]
            first.more = tuple(hits_[1:])
            new.append((Span(doc, start, end), first))
            covered.update(range(start, end))
        if new:
            put(doc, AREAS, areas + new)
        return doc

    def _side_after(self, doc: Doc, end: int, covered: set[int]) -> tuple[int, Laterality] | None:
        """A side said right after a repeat word, with no area of its own: "same on the left"."""
        k = end
        while k < len(doc) and k - end < 3 and doc[k].lower_ in self.gap:
            k += 1
        ends, starts = self.sides.find(doc)
        phrases = [(e, lat) for e, (s, lat) in ends.items() if s == k] + ([starts[k]] if k in starts else [])
        for stop, lat in sorted(phrases, reverse=True):
            if lat in _FLIP and not any(i in covered for i in range(k, stop)) and not self._position(doc, stop):
                return stop, lat
        return None

    def _after_direction(self, doc: Doc, start: int, covered: set[int]) -> bool:
        """The repeat word joins two directions, not a second side of the work: "stand-pivot transfers
        toward right and left", "weight shifts towards the R and L" (a bare side after a DIRECTION_LEAD
        word just before the repeat word), so the side after it is where the client moved, no area."""
        ends, _ = self.sides.find(doc)
        side = ends.get(start)
        if side is None or start - 1 in covered:
            return False
        k = side[0] - 1
        while k >= 0 and doc[k].lower_ in self.gap:
            k -= 1
        return k >= 0 and doc[k].lower_ in vocab.words("DIRECTION_LEAD")

    @staticmethod
    def _position(doc: Doc, stop: int) -> bool:
        """The side is how the client lay ("prone then left side-lying", "then right sidelying with a
        bolster"): a posture word (SIDE_POSITION_WORD) after it, past a hyphen, not a side worked."""
        k = stop
        while k < len(doc) and doc[k].lower_ in {"-", "\u2013", "side"}:  # "left" of "left side-lying" too
            k += 1
        return k < len(doc) and doc[k].lower_ in vocab.words("SIDE_POSITION_WORD")

    @staticmethod
    def _antecedents(areas: list[tuple[Span, AreaHit]], start: int, sent_of: list[int]) -> list[tuple[Span, AreaHit]]:
        """The areas said before ``start`` in its sentence, else in the nearest earlier sentence with any."""
        before = [(s, h) for s, h in areas if s.end <= start]
        if not before:
            return []
        sent = sent_of[before[-1][0].start]
        return [(s, h) for s, h in before if sent_of[s.start] == sent]

    @staticmethod
    def _flip_next_area(areas: list[tuple[Span, AreaHit]], end: int) -> None:
        """"the other knee": the knee of the side not said before."""
        nxt = next(((s, h) for s, h in areas if s.start == end), None)
        if nxt is None or nxt[1].laterality != Laterality.unspecified:
            return
        earlier = [h for s, h in areas if s.end <= end and h.area == nxt[1].area and h.laterality in _FLIP]
        if earlier:
            nxt[1].laterality = _FLIP[earlier[-1].laterality]


@Language.factory("scribe_area_references")
def make_area_references(nlp: Language, name: str) -> AreaReferences:
    return AreaReferences(nlp)
