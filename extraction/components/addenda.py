"""Addenda, late entries and corrections written below a note (addenda.jsonl).

A note is often finished later: a supervising PT adds an addendum to a PTA's or student's note, an
LMT adds a "late entry" at the end of the day, a clinician corrects the minutes, the side or the
technique ("Addendum: that fifteen minutes was myofascial release, not deep tissue"), or the note
is amended after a biller's question. What the addendum says of a service already in the note is
that service corrected or completed; only what it adds is new. This component finds where each
addendum starts; extraction.linking decides which of its services restate an earlier one.

A heading opens an addendum when it is among the first words of its line or sentence ("Supervising
PT addendum:", "Late entry 7:05 PM -"); the addendum runs to the next heading or the note's end.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extraction import vocab
from extraction.spans import phrase_matcher, sentences

ADDENDA = "scribe_addenda"
HEADING_LEAD_MAX = 3  # words before the heading on its line ("Supervising PT addendum")


class AddendumFinder:
    def __init__(self, nlp: Language):
        self.matcher = phrase_matcher(nlp, [(r.id, r.terms) for r in vocab.load("addenda.jsonl") if not r.inline])  # type: ignore[attr-defined]

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc)
        if not matches:
            return doc
        sents = sentences(doc)
        starts: list[int] = []
        for _, start, end in sorted(matches, key=lambda m: m[1]):
            lo = sents.bounds(start)[0]
            lead = [t for t in doc[lo:start] if not t.is_space]
            if len(lead) <= HEADING_LEAD_MAX and not any(t.is_punct for t in lead) and (not starts or start >= starts[-1] + 1):
                if not starts or sents.of[start] != sents.of[starts[-1]]:
                    starts.append(start)
        if starts:
            ends = starts[1:] + [len(doc)]
            doc.spans[ADDENDA] = [Span(doc, s, e, label="addendum") for s, e in zip(starts, ends)]
        return doc


def addendum_starts(doc: Doc) -> list[int]:
    """Where each addendum starts (character offsets, in order); empty when the note has none."""
    return [s.start_char for s in doc.spans.get(ADDENDA, [])]


@Language.factory("scribe_addenda")
def make_addenda(nlp: Language, name: str) -> AddendumFinder:
    return AddendumFinder(nlp)
