"""A supervisor's inline corrections, carried out before a note is read.

A student's or assistant's note is co-signed by a clinical instructor or supervising PT, who writes
corrections into it in brackets: "[CI: 22 min per the timer, not 23.]", "[CI note: it was 12 min.]",
"[CI: the MFR was on the upper traps, not the rhomboids.]". What the supervisor says is what was
done and billed: the corrected figure, area, side or word replaces the student's, and the comment
itself is no second service. Like the dictation commands (extraction/dictation.py) the correction
is carried out on a copy of the text, and the replacing characters remember where in the comment
they were written, so the evidence of the corrected fact points at the correction.

A comment is read as a correction when it opens with a supervisor's name (addenda.jsonl, rules with
``inline``) right after "[" or "(":
- "B, not A": the last A said before the comment becomes B. A number (minutes, a pain score) is
  replaced by the first number of B; words by B's corrected words, what follows its last restating
  word ("the MFR was on the upper traps and levator" -> "upper traps and levator").
- "it was N min" with no "not": the last minutes said before the comment become N, unless the
  comment says the supervisor added something ("also", "added": a service of their own).
A comment that corrects nothing ("[CI: agree]") is left as written. Only a note that holds an
opening bracket followed by a supervisor's name is touched (one regular-expression search).
"""

from __future__ import annotations

import re
from functools import cache

from extraction import vocab
from extraction.dictation import Edited

_CLOSE = {"[": "]", "(": ")"}
_DETERMINERS = ("the", "a", "an", "his", "her", "their")
_MAX_COMMENTS = 20


@cache
def _rules() -> list:
    return [r for r in vocab.load("addenda.jsonl") if r.inline]  # type: ignore[attr-defined]


def _alts(terms) -> str:
    return "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(terms, key=len, reverse=True))


@cache
def _opening() -> re.Pattern:
    """An opening bracket, a supervisor's name and the colon, comma or dash after it."""
    names = _alts(t for r in _rules() for t in r.terms)
    return re.compile(rf"[\[(]\s*(?:{names})\s*[:,\-\u2013\u2014]\s*", re.IGNORECASE)


@cache
def _minutes_after() -> str:
    """The unit words after a number that make it minutes ("23 min", "10'")."""
    units = sorted(vocab.words("MINUTE") | vocab.words("PRIME"), key=len, reverse=True)
    return r"\s*-?\s*(?:" + "|".join(re.escape(u) for u in units) + r")(?![a-z])"


def _number(text: str) -> str:
    return rf"(?<![\d.]){re.escape(text)}(?![\d])"


def apply(ed: Edited) -> Edited:
    """The note with its supervisor's bracketed corrections carried out; unchanged without any."""
    if not _rules() or not _opening().search(ed.text):
        return ed
    skip = 0
    for _ in range(_MAX_COMMENTS):
        found = list(_opening().finditer(ed.text))
        if len(found) <= skip:
            break
        nxt = _correct(ed, found[skip])
        if nxt is None:
            skip += 1  # a comment that corrects nothing stays where it was written
        else:
            ed = nxt
    return ed


def _correct(ed: Edited, m: re.Match) -> Edited | None:
    """Carry out one comment: put the right part for the wrong one said before it, drop the comment."""
    text = ed.text
    close = text.find(_CLOSE[text[m.start()]], m.end())
    line_end = text.find("\n", m.end())
    if close < 0 or (0 <= line_end < close):
        return None
    body_at, body = m.end(), text[m.end():close]
    first = re.split(r"(?<=[.;!?])\s|\s[-\u2013\u2014]{1,2}\s", body, maxsplit=1)[0].strip(" .;!?")
    rule = _rules()[0]
    joined = re.search(rf"^(?P<right>.+?)[,;]?\s+{re.escape(rule.joiner)}\s+(?P<wrong>.+)$", first, re.IGNORECASE)
    if joined:
        put = _replacement(ed, text, m.start(), body_at, body, joined.group("right"), joined.group("wrong").strip())
    else:
        put = _minutes_only(text, m.start(), body_at, body, first)
    if put is None:
        return None
    at, end, new, where = put
    src = _src(ed, where) or [ed.src[m.start()]] * len(new)  # the corrected fact's evidence: the comment
    cut_from = m.start()
    while cut_from > 0 and text[cut_from - 1] in " \t":
        cut_from -= 1
    without = ed.splice(cut_from, close + 1)  # the comment goes; what it corrects is before it
    return without.splice(at, end, new, src)


def _replacement(ed: Edited, text: str, before: int, body_at: int, body: str, right: str, wrong: str):
    """Where the wrong part was said before the comment, and what to put there (with its sources)."""
    wrong = _strip_determiner(wrong)
    num = re.fullmatch(r"(\d+)(?:" + _minutes_after() + r")?", wrong, re.IGNORECASE)
    if num:
        got = re.search(r"\d+", right)
        if got is None:
            return None
        hits = _numbers_before(text, before, num.group(1))
        if not hits:
            return None
        hit = hits[-1]
        return hit.start(), hit.end(), got.group(), (body_at + body.find(right) + got.start(), len(got.group()))
    words = _corrected_words(right)
    if not words or not wrong:
        return None
    hits = list(re.finditer(rf"\b{_words(wrong)}\b", text[:before], re.IGNORECASE))
    if not hits:
        return None
    hit = hits[-1]
    return hit.start(), hit.end(), words, (body_at + body.find(right) + right.rfind(words), len(words))


def _minutes_only(text: str, before: int, body_at: int, body: str, first: str):
    """ "it was 12 min": the last minutes said before the comment, unless the supervisor added a service."""
    rule = _rules()[0]
    if re.search(rf"\b(?:{_alts(rule.adds)})\b", first, re.IGNORECASE):
        return None
    got = re.search(r"(?<![\d.])(\d+)" + _minutes_after(), first, re.IGNORECASE)
    if got is None:
        return None
    hits = [h for h in re.finditer(r"(?<![\d.])(\d+)(?=" + _minutes_after() + ")", text[:before], re.IGNORECASE)]
    if not hits:
        return None
    hit = hits[-1]
    at = body_at + body.find(first) + got.start(1)
    return hit.start(1), hit.end(1), got.group(1), (at, len(got.group(1)))


def _numbers_before(text: str, before: int, number: str) -> list[re.Match]:
    """Where a number was said before the comment, as minutes first ("23 min", "x23") else anywhere."""
    hits = list(re.finditer(_number(number), text[:before]))
    as_minutes = [h for h in hits if re.match(_minutes_after(), text[h.end():before], re.IGNORECASE)
                  or text[max(h.start() - 1, 0):h.start()].lower() == "x"]
    return as_minutes or hits


def _corrected_words(right: str) -> str:
    """The words a right part puts: what follows its last restating word, less a determiner."""
    rule = _rules()[0]
    lead = list(re.finditer(rf"\b(?:{_alts(rule.restating)})\b", right, re.IGNORECASE))
    tail = right[lead[-1].end():] if lead else right
    return _strip_determiner(tail.strip(" ,:"))


def _strip_determiner(words: str) -> str:
    parts = words.split(None, 1)
    return parts[1].strip() if len(parts) == 2 and parts[0].lower() in _DETERMINERS else words.strip()


def _words(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


def _src(ed: Edited, where: tuple[int, int]) -> list[tuple[int, int]] | None:
    """The transcript spans of ``n`` characters written at ``at`` in the comment."""
    at, n = where
    span = ed.src[at:at + n]
    return span if len(span) == n else None
