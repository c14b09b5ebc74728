"""Sentence starts the punctuation-only sentencizer misses in typed notes: "R>L. STM ...".

The tokenizer keeps "L." or "min." whole (like an initial), so the sentencizer sees no
period; a short token ending in "." followed by a capital or a digit starts a sentence. A title
before a name ("Mr. K", "Dr. Patel", token set NAME_TITLE) is the name's first word, never a sentence end.
The sentencizer ends a sentence at a line break only when the break is a token of its own
("\n"); a blank line ("\n\n") is one whitespace token it passes over, so a trigger in a form's
header line ("Rx: ... per ordering physician") reached into the next section. A whitespace token
holding a blank line ends its sentence; an indented next line (" - towel scrunch" under
"TherEx 18 min:") goes on with the item above it.
"""

from __future__ import annotations

from spacy.attrs import IS_DIGIT, IS_SPACE, IS_TITLE, IS_UPPER, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.spans import mark_sentence_starts

_TITLES = vocab.words("NAME_TITLE")


class SentenceFixer:
    def __init__(self) -> None:
        self.abbrev: dict[int, bool] = {}  # orth -> "L."-like token, a per-process cache by lexeme

    def _is_abbrev(self, doc: Doc, orth: int) -> bool:
        found = self.abbrev.get(orth)
        if found is None:
            text = doc.vocab.strings[orth]
            found = len(text) > 1 and text.endswith(".") and len(text) <= 5 and text.lower() not in _TITLES
            if len(self.abbrev) < 100_000:
                self.abbrev[orth] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        rows = doc.to_array([ORTH, IS_TITLE, IS_UPPER, IS_DIGIT, IS_SPACE]).tolist()
        starts = [i + 1 for i, row in enumerate(rows[:-1])
                  if self._is_abbrev(doc, row[0]) and any(rows[i + 1][1:4])
                  or row[4] and doc[i].text.count("\n") > 1]
        mark_sentence_starts(doc, starts)
        return doc


@Language.factory("scribe_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceFixer:
    return SentenceFixer()
