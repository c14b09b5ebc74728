"""Sentence starts the punctuation-only sentencizer misses in typed notes: "R>L. STM ...".

The tokenizer keeps "L." or "min." whole (like an initial), so the sentencizer sees no
period; a short token ending in "." followed by a capital or a digit starts a sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class SentenceFixer:
    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[:-1]:
            nxt = doc[tok.i + 1]
            if len(tok.text) > 1 and tok.text.endswith(".") and len(tok.text) <= 5 and (nxt.is_title or nxt.is_upper or nxt.is_digit):
                nxt.is_sent_start = True
        return doc


@Language.factory("scribe_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceFixer:
    return SentenceFixer()
