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

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc
from text_to_num import text2num

from extraction import vocab
from extraction.spans import CLOCK, HEARD, NUM, TEN, forget_sentences, numbers, words_of

_DIGITS = re.compile(r"^\d{1,15}(?:\.\d{1,15})?$")  # longer is no quantity (and int() refuses >4300 digits)
_ASR_TENS = re.compile(r"^(\d)t(\d)$")  # "4t5 minutes": forty-five
_FRACTION = re.compile(r"^(\d{1,2})/10$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
# "00:22:30", "1:00:00": hours, minutes and seconds, the form an export gives a service's elapsed time
# (seconds dropped: billing never invents minutes); as a time of day, "09:02:00" is the minute it names
_HMS = re.compile(r"^(\d{1,2}):([0-5]\d):([0-5]\d)$")
_MILITARY = re.compile(r"^([01]\d|2[0-3])([0-5]\d)$")  # "0810", "1335": a 24-hour time without its colon
# "710" -> 7/10, "2510" -> "to 5/10", "5.10" -> 5/10; never "2010", the one reading that is also a year of
# the client's history ("hysterectomy 2010"): a score going to zero is said "pain-free", not "to 0/10"
_ASR_TEN = re.compile(r"^(?!2010$)(?:2?(\d)|(10))\.?10$")
_JOINERS = {"-", "and"}
_HUNDREDS = {"hundred", "thousand"}
_PLAIN = object()  # a token that is no number
_CACHE_SIZE = 100_000  # distinct words whose number reading is remembered
MAX_NUMBER_TOKENS = 64
_CORRECTION_REACH = 8  # tokens after a block's end within which its correction is said (", no, correction, to 0825")
MILITARY_BLOCK_MAX = 240  # minutes a charted block "0810-0832" may span; longer is two numbers ("1200-1500 yards")


@lru_cache(maxsize=8192)
def spoken_number(words: str) -> int | None:
    """The value of number words, or None when text2num does not read them as one number."""
    try:
        return text2num(words, "en")
    except ValueError:
        return None


def _is_number_word(lower: str) -> bool:
    return lower.isalpha() and spoken_number(lower) is not None


def _mark_military(table, first, a, second, b) -> None:
    """Two four-digit 24-hour times, the second later within a block's reach: marked as clock times."""
    start, stop = (int(m.group(1)) * 60 + int(m.group(2)) for m in (a, b))
    if not 0 < stop - start <= MILITARY_BLOCK_MAX:
        return
    for tok, minutes in ((first, start), (second, stop)):
        table.value.pop(tok.i, None)
        table.clock[tok.i] = minutes
        tok.norm_ = CLOCK


class NumberTagger:
    """Marks number tokens (NORM, see extraction.spans) and keeps their values in a per-Doc table."""

    def __init__(self) -> None:
        self.heard = {
            w.lower(): int(m.target)  # type: ignore[attr-defined]
            for m in vocab.load("mishearings.jsonl") if m.kind == "number"  # type: ignore[attr-defined]
            for w in m.heard  # type: ignore[attr-defined]
        }
        self.kinds: dict[int, tuple | object] = {}  # orth -> _kind(text), per process
        self.military_join = vocab.words("MILITARY_JOIN")
        self.clock_in, self.clock_out = vocab.words("CLOCK_IN_WORD"), vocab.words("CLOCK_OUT_WORD")
        self.clock_in_gap = vocab.words("CLOCK_IN_OUT_GAP")
        self.minute_words = vocab.words("MINUTE")
        self.correction_open, self.correction_more = vocab.words("CORRECTION_OPEN"), vocab.words("CORRECTION_MORE")

    def __call__(self, doc: Doc) -> Doc:
        self._merge_spoken(doc)
        table = numbers(doc)
        strings = doc.vocab.strings
        kinds = self.kinds
        for i, orth in enumerate(doc.to_array(ORTH).tolist() if len(doc) else []):
            kind = kinds.get(orth)
            if kind is None:
                kind = self._kind(strings[orth])
                if len(kinds) < _CACHE_SIZE:
                    kinds[orth] = kind
            if kind is _PLAIN:
                continue
            norm, slot, value, asr_ten = kind
            getattr(table, slot)[i] = value
            if slot == "stopwatch":  # a reading with seconds is a time too: "09:02:00-09:24:00" is a clock range
                table.clock[i] = value
            if asr_ten is not None:
                table.asr_ten[i] = asr_ten
            doc[i].norm_ = norm
        self._military_ranges(doc, table)
        doc.user_data.pop("scribe_columns", None)  # NORM written: the matchers' columns read again
        return doc

    def _military_ranges(self, doc: Doc, table) -> None:
        """A flowsheet's clock block "0810-0832" is two 24-hour times: four digits on each side of a
        range joiner (token set MILITARY_JOIN), the second later in the day. A four-digit number alone
        ("2019", "bib 2214") stays a number; only the pair says it is a time."""
        lowers, _ = words_of(doc)  # plain strings: a Token is built only where a joiner or in-word is
        for i in range(len(doc) - 2):
            if lowers[i + 1] not in self.military_join:
                if lowers[i] in self.clock_in:
                    self._clocked_in_out(doc, i, table)
                continue
            first, second = doc[i], doc[i + 2]
            a, b = _MILITARY.match(first.text), _MILITARY.match(second.text)
            if a and b:
                _mark_military(table, first, a, second, b)
                if second.i in table.clock:
                    self._corrected_end(doc, i + 3, first, a, table)

    def _corrected_end(self, doc: Doc, k: int, first, a, table) -> None:
        """A block's end time corrected as it is said ("0800 to 0820, no, correction, to 0825"): after
        a correction word (CORRECTION_OPEN), with only commas, correction words and a range joiner
        between, a third four-digit time later than the start is the block's end, a time like the
        other two; the duration rule then reads the block from its first time to its last."""
        corrected = False
        for tok in doc[k : k + _CORRECTION_REACH]:
            if tok.lower_ in self.correction_open:
                corrected = True
            elif not (tok.is_punct or tok.lower_ in self.correction_more or tok.lower_ in self.military_join):
                m = _MILITARY.match(tok.text)
                if corrected and m and not self._opens_range(doc, tok.i):
                    _mark_military(table, first, a, tok, m)
                return

    def _opens_range(self, doc: Doc, i: int) -> bool:
        """A four-digit time that starts a range of its own ("no, 0830-0850"): a whole new block."""
        return (i + 2 < len(doc) and doc[i + 1].lower_ in self.military_join
                and _MILITARY.match(doc[i + 2].text) is not None)

    def _clocked_in_out(self, doc: Doc, i: int, table) -> None:
        """A clinician's clock-in and clock-out, "time in 1400, time out 1430", "in/out: 0900/0945":
        after an in-word, two four-digit numbers with an out-word before the second, and only
        separators (CLOCK_IN_OUT_GAP) around them. The out-word is what says they are times."""
        found, out_said = [], False
        for tok in doc[i + 1 : i + 10]:
            m = _MILITARY.match(tok.text)
            if m and (len(found) == 0 or out_said):
                found.append((tok, m))
                if len(found) == 2:
                    _mark_military(table, found[0][0], found[0][1], tok, m)
                    return
            elif tok.lower_ in self.clock_out:
                out_said = True
            elif not (tok.is_space or tok.lower_ in self.clock_in_gap):
                return

    def _kind(self, text: str) -> tuple | object:
        """What a token text is: (NORM marker, table slot, value, Whisper score) or _PLAIN.

        Depends on the text only, so it is worked out once per distinct word."""
        lower = text.lower()
        if lower in self.heard:
            return HEARD, "heard", self.heard[lower], None
        if text[0].isdigit():
            return _digit_forms(text)
        if lower.endswith(" teen") and (value := self._teen(lower[:-5])) is not None:
            return NUM, "value", value, None
        if lower.endswith("/10") and lower[:-3].isalpha():
            # "seven/10": a typist spelling the score and writing the scale, the same 0-10 score as "7/10"
            value = spoken_number(lower[:-3])
            return (TEN, "ten", value, None) if value is not None and 0 <= value <= 10 else _PLAIN
        if text.isalpha() and lower.endswith("s") and spoken_number(lower[:-1]) is not None:
            # A number word in the plural names a kind, not a count: "TENS" (the unit, which text2num
            # reads as 10), "ones", "counting by fives"; text2num reads them as the number.
            return _PLAIN
        if text.isalpha() or "-" in text or " " in text:
            value = spoken_number(lower.replace("-", " "))
            if value is not None and lower not in _JOINERS:
                return NUM, "value", value, None
        return _PLAIN

    def _teen(self, stem: str) -> int | None:
        """The teen number a recogniser wrote in two pieces ("for teen", "fif teen", "six teen"):
        the stem joined to "teen" is one ("fif" + "teen"), or the stem is a digit said or heard
        ("six", "for" of mishearings.jsonl) from three to nine."""
        value = spoken_number(stem + "teen") if stem.isalpha() else None
        if value is None:
            value = self.heard.get(stem, spoken_number(stem) if stem.isalpha() else None)
            value = value + 10 if isinstance(value, int) and 3 <= value <= 9 else None
        return value if value is not None and 13 <= value <= 19 else None

    def _merge_spoken(self, doc: Doc) -> None:
        """Merge each run of number words into one token ("twenty - five" -> "twenty-five"), and a
        teen number heard in two pieces before a minutes word ("for teen minutes"); elsewhere "teen"
        keeps its own meaning ("massage for teen athletes")."""
        strings = doc.vocab.strings
        lows = [strings[h] for h in doc.to_array(LOWER).tolist()] if len(doc) else []
        runs: list[tuple[int, int]] = []
        i, n = 0, len(doc)
        while i < n:
            if (i + 2 < n and lows[i + 1] == "teen" and lows[i + 2] in self.minute_words
                    and self._teen(lows[i]) is not None):
                runs.append((i, i + 2))
                i += 2
                continue
            if not _is_number_word(lows[i]):
                i += 1
                continue
            j = i + 1
            while j < n:
                low = lows[j]
                if _is_number_word(low):
                    j += 1
                elif low in _JOINERS and j + 1 < n and _is_number_word(lows[j + 1]) and (
                    low == "-" or lows[j - 1] in _HUNDREDS
                ):
                    j += 2
                else:
                    break
            runs.extend(_split_run(lows, i, j))
            i = j
        if any(end - start > 1 for start, end in runs):
            with doc.retokenize() as retok:
                for start, end in runs:
                    if end - start > 1:
                        retok.merge(doc[start:end])
            forget_sentences(doc)


def _digit_forms(text: str) -> tuple | object:
    if _DIGITS.match(text):
        m = _ASR_TEN.match(text)
        return NUM, "value", float(text) if "." in text else int(text), int(m.group(1) or m.group(2)) if m else None
    if m := _ASR_TENS.match(text):
        return NUM, "value", int(m.group(1) + m.group(2)), None
    if m := _FRACTION.match(text):
        return (TEN, "ten", int(m.group(1)), None) if int(m.group(1)) <= 10 else _PLAIN
    if m := _CLOCK.match(text):
        return CLOCK, "clock", int(m.group(1)) * 60 + int(m.group(2)), None
    if m := _HMS.match(text):
        return CLOCK, "stopwatch", int(m.group(1)) * 60 + int(m.group(2)), None
    return _PLAIN


def _split_run(lows: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Greedy longest prefixes that text2num reads as one number ("seven ten" -> seven | ten).

    A prefix is at most ``MAX_NUMBER_TOKENS`` long (text2num reads up to the billions, about
    thirty tokens), so a long run of number words costs linear time, not cubic."""
    out = []
    i = start
    while i < end:
        j = min(end, i + MAX_NUMBER_TOKENS)
        while j > i + 1 and spoken_number(" ".join(w for w in lows[i:j] if w != "-")) is None:
            j -= 1
        if lows[j - 1] in _JOINERS:
            j -= 1
        out.append((i, j))
        i = j
        while i < end and lows[i] in _JOINERS:
            i += 1
    return out


@Language.factory("scribe_numbers")
def make_numbers(nlp: Language, name: str) -> NumberTagger:
    return NumberTagger()
