"""Charting symbols read as the words they stand for, before a note is read.

Shorthand notes write words as symbols: "p̄ tx 3/10" (after treatment), "ā tx" (before),
"c̄ stairs" (with), "s̄ radiating sx" (without), "rot ↑" (increased), "x½ hr" (half an hour).
Every rule reads words, so rather than teach each rule each symbol, the note is read with the
word put in for the symbol (patterns/symbols.jsonl), as the dictation commands are
(extraction/dictation.py): every character of the read text remembers the span it came from,
so evidence still points at the symbol as typed.

A barred letter is typed either precomposed ("ā", U+0101) or as the letter and a combining
macron or overline (a + U+0304, p + U+0305: there is no precomposed p̄ or c̄); the data lists
every form, and one regular expression finds them all, so a note without a symbol costs one
search of its text.
"""

from __future__ import annotations

import re
from functools import cache

from extraction import vocab
from extraction.dictation import Edited

# What must not touch a symbol for it to be read as its word (SymbolReading.apart).
_APART = {"letters": (r"(?<![^\W\d_])", r"(?![^\W\d_]|[\u0300-\u036f])"),
          "digits": (r"(?<!\d)", r"(?![\d\u0300-\u036f])"),
          "nothing": ("", "")}


@cache
def _table() -> tuple[re.Pattern | None, dict[str, str], re.Pattern | None]:
    """One pattern over every symbol form (longest first), each named group's word, and a
    character class of the marks that end the forms: a note has none of them, mostly, and one
    class search says so far faster than the guarded pattern (its look-behinds defeat the
    regex engine's first-character scan)."""
    alts, reads, marks = [], {}, set()
    for n, rule in enumerate(vocab.load("symbols.jsonl")):
        lead, tail = _APART[rule.apart]  # type: ignore[attr-defined]
        forms = "|".join(re.escape(s) for s in sorted(rule.symbols, key=len, reverse=True))  # type: ignore[attr-defined]
        alts.append(f"(?P<s{n}>{lead}(?:{forms}){tail})")
        reads[f"s{n}"] = rule.reads  # type: ignore[attr-defined]
        marks.update(form[-1] for form in rule.symbols)  # type: ignore[attr-defined]
    if not alts:
        return None, reads, None
    return re.compile("|".join(alts)), reads, re.compile("[" + "".join(re.escape(m) for m in sorted(marks)) + "]")


def apply(ed: Edited) -> Edited:
    """``ed`` with each charting symbol replaced by its word, blanks added where the word would
    otherwise run into a neighbouring word or number ("x½hr" -> "x half hr")."""
    pattern, reads, marks = _table()
    if pattern is None or marks.search(ed.text) is None:  # type: ignore[union-attr]
        return ed
    text = ed.text
    out, src, at = [], [], 0
    for m in pattern.finditer(text):
        word = reads[m.lastgroup]  # type: ignore[index]
        if m.start() > 0 and text[m.start() - 1].isalnum():
            word = " " + word
        if m.end() < len(text) and text[m.end()].isalnum():
            word += " "
        out.append(text[at : m.start()])
        src.extend(ed.src[at : m.start()])
        out.append(word)
        lo, hi = ed.source(m.start(), m.end())
        src.extend([(lo, hi)] * len(word))
        at = m.end()
    out.append(text[at:])
    src.extend(ed.src[at:])
    return Edited("".join(out), src)
