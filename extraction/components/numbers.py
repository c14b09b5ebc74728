"""Numbers as the dictation gives them: digits, spoken words, clock times, scores, Whisper forms.

Spoken numbers go through text2num (``text2num("twenty five", "en") == 25``); runs of
number words ("twenty - five", "one hundred and five") are merged into one token so the
duration and pain rules can treat "twenty-five" and "25" alike. Whisper's renderings that a
pattern cannot express are decoded here: "4t5" is 45, and "710"/"410"/"2510"/"5.10" stand for
"7/10", "4/10", "to 5/10" and "5/10" (only the pain rules, which ask for a pain word, use
these). Words heard for a digit ("to" for "two", mishearings.jsonl) are marked ``HEARD`` and
keep their own meaning everywhere else.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from text_to_num import text2num

from extraction import vocab
from extraction.spans import CLOCK, HEARD, NUM, TEN, numbers

_DIGITS = re.compile(r"^\d{1,15}(?:\.\d{1,15})?$")  # longer is no quantity (and int() refuses >4300 digits)
_ASR_TENS = re.compile(r"^(\d)t(\d)$")  # "4t5 minutes": forty-five
_FRACTION = re.compile(r"^(\d{1,2})/10$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_ASR_TEN = re.compile(r"^(?:2?(\d)|(10))\.?10$")  # "710" -> 7/10, "2510" -> "to 5/10", "5.10" -> 5/10
_JOINERS = {"-", "and"}
_HUNDREDS = {"hundred", "thousand"}


@lru_cache(maxsize=8192)
def spoken_number(words: str) -> int | None:
    """The value of number words, or None when text2num does not read them as one number."""
    try:
        return text2num(words, "en")
    except ValueError:
        return None


def _is_number_word(lower: str) -> bool:
    return lower.isalpha() and spoken_number(lower) is not None


class NumberTagger:
    """Marks number tokens (NORM, see extraction.spans) and keeps their values in a per-Doc table."""

    def __init__(self) -> None:
        self.heard = {
            w.lower(): int(m.target)  # type: ignore[attr-defined]
            for m in vocab.load("mishearings.jsonl") if m.kind == "number"  # type: ignore[attr-defined]
            for w in m.heard  # type: ignore[attr-defined]
        }

    def __call__(self, doc: Doc) -> Doc:
        self._merge_spoken(doc)
        table = numbers(doc)
        for tok in doc:
            text = tok.text
            if tok.lower_ in self.heard:
                table.heard[tok.i] = self.heard[tok.lower_]
                tok.norm_ = HEARD
                continue
            if text[0].isdigit():
                self._digit_forms(tok, text, table)
            elif text.isalpha() or "-" in text or " " in text:
                value = spoken_number(tok.lower_.replace("-", " "))
                if value is not None and tok.lower_ not in _JOINERS:
                    table.value[tok.i] = value
                    tok.norm_ = NUM
        return doc

    @staticmethod
    def _digit_forms(tok, text: str, table) -> None:
        if _DIGITS.match(text):
            table.value[tok.i] = float(text) if "." in text else int(text)
            tok.norm_ = NUM
            if m := _ASR_TEN.match(text):
                table.asr_ten[tok.i] = int(m.group(1) or m.group(2))
        elif m := _ASR_TENS.match(text):
            table.value[tok.i] = int(m.group(1) + m.group(2))
            tok.norm_ = NUM
        elif m := _FRACTION.match(text):
            if int(m.group(1)) <= 10:
                table.ten[tok.i] = int(m.group(1))
                tok.norm_ = TEN
        elif m := _CLOCK.match(text):
            table.clock[tok.i] = int(m.group(1)) * 60 + int(m.group(2))
            tok.norm_ = CLOCK

    @staticmethod
    def _merge_spoken(doc: Doc) -> None:
        """Merge each run of number words into one token ("twenty - five" -> "twenty-five")."""
        runs: list[tuple[int, int]] = []
        i, n = 0, len(doc)
        while i < n:
            if not _is_number_word(doc[i].lower_):
                i += 1
                continue
            j = i + 1
            while j < n:
                low = doc[j].lower_
                if _is_number_word(low):
                    j += 1
                elif low in _JOINERS and j + 1 < n and _is_number_word(doc[j + 1].lower_) and (
                    low == "-" or doc[j - 1].lower_ in _HUNDREDS
                ):
                    j += 2
                else:
                    break
            runs.extend(_split_run(doc, i, j))
            i = j
        if any(end - start > 1 for start, end in runs):
            with doc.retokenize() as retok:
                for start, end in runs:
                    if end - start > 1:
                        retok.merge(doc[start:end])


def _split_run(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Greedy longest prefixes that text2num reads as one number ("seven ten" -> seven | ten)."""
    out = []
    i = start
    while i < end:
        j = end
        while j > i + 1 and spoken_number(" ".join(t.lower_ for t in doc[i:j] if t.lower_ != "-")) is None:
            j -= 1
        if doc[j - 1].lower_ in _JOINERS:
            j -= 1
        out.append((i, j))
        i = j
        while i < end and doc[i].lower_ in _JOINERS:
            i += 1
    return out


@Language.factory("scribe_numbers")
def make_numbers(nlp: Language, name: str) -> NumberTagger:
    return NumberTagger()
