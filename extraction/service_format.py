"""The marks a transcription app or service writes round a dictation, taken off before it is read.

A dictation sent through a transcription service comes back with timestamps ("[00:01:12]",
"00:03 -", "(01:45)"), speaker labels ("Speaker 1:", "THERAPIST:", "Client:"), bracketed markers
("[inaudible]", "[crosstalk]", "(unintelligible)"), its paragraphs cut where the service chose
(even mid-sentence: "nine / minutes"), and often an app-written "Summary:" above it all. None of
those are words the clinician said:

- a timestamp is a position in the recording: read as words, "[00:00:16]" became sixteen minutes of
  the service next to it, and "00:07 - 00:15" a clock range of the session;
- a label or a marker is the service's, not the note's;
- a break the service made is no pause of the speaker: "nine" and "minutes" are one duration;
- the summary restates the dictation, incompletely or wrongly ("neck pain" where the client said
  "no pain anywhere"), so beside the dictation it can only add what was never said.

So, when at least ``_MIN_STAMPED`` lines open with a timestamp (a note in that format, not a typed
note with one clock time), the marks are removed from a copy of the text, lines the service split
mid-sentence are joined, and an unstamped summary paragraph is left out. Every kept character
remembers where it stood (dictation.Edited), so evidence still points into the transcript as
received. The marks are data (patterns/transcript_format.jsonl). Notes without a timestamp cost
one scan for a "d:dd" anchor.
"""

from __future__ import annotations

import re
from functools import cache

from extraction import vocab
from extraction.components.tables import table_rows
from extraction.dictation import Edited

_MIN_STAMPED = 2
_ANCHOR = re.compile(r"\d:\d\d")
_SENTENCE_END = ".?!"


@cache
def _rules() -> dict[str, list]:
    out: dict[str, list] = {}
    for r in vocab.load("transcript_format.jsonl"):
        out.setdefault(r.kind, []).append(r)  # type: ignore[attr-defined]
    return out


def _alternation(kind: str) -> str:
    terms = sorted({t for r in _rules().get(kind, []) for t in r.terms}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in terms)


@cache
def _stamp() -> str:
    # a bare stamp that runs on into another time ("9:00-9:45") is a clock range the note gives
    return "(?:" + "|".join(f"(?:{r.pattern})" for r in _rules().get("timestamp", [])) + r")(?![ \t]*[-–—][ \t]*\d)"  # type: ignore[attr-defined]


@cache
def _prefix() -> re.Pattern:
    """The marks a service opens a line with: timestamps and a speaker label, in any order."""
    label = rf"\b(?:{_alternation('speaker')})(?:[ \t]*#?\d{{1,2}}|_\d{{1,2}})?[ \t]*:"
    part = rf"(?:(?P<stamp>{_stamp()})|{label})[ \t]*(?:[-–—|][ \t]*)?"
    return re.compile(rf"[ \t]*(?:{part}){{1,3}}", re.IGNORECASE)


@cache
def _stamped() -> re.Pattern:
    """A line that opens with a timestamp, after at most a speaker label."""
    label = rf"(?:\b(?:{_alternation('speaker')})(?:[ \t]*#?\d{{1,2}}|_\d{{1,2}})?[ \t]*:[ \t]*)?"
    return re.compile(rf"^[ \t]*{label}(?:{_stamp()})", re.IGNORECASE | re.MULTILINE)


@cache
def _marker() -> re.Pattern:
    """A bracketed marker, with the blank after it (or before it, at the end of a line)."""
    return re.compile(
        rf"[\[(][ \t]*(?:{_alternation('marker')})(?:[ \t]+(?:{_stamp()}))?[ \t]*[\])](?:[ \t]+|(?=[^\S\n]*$))?",
        re.IGNORECASE | re.MULTILINE,
    )


@cache
def speaker_turn() -> re.Pattern:
    """A line that opens with a speaker's label ("Therapist:", "Speaker 2:")."""
    return re.compile(rf"^[ \t]*(?:{_alternation('speaker')})(?:[ \t]*#?\d{{1,2}}|_\d{{1,2}})?[ \t]*:", re.IGNORECASE | re.MULTILINE)


@cache
def gap_mark() -> re.Pattern:
    """A transcriber's bracketed gap in a room recording ("[...]")."""
    terms = sorted({t for r in _rules().get("gap", []) for t in r.terms}, key=len, reverse=True)  # type: ignore[attr-defined]
    return re.compile(r"[\[(][ \t]*(?:" + "|".join(re.escape(t) for t in terms) + r")[ \t]*[\])]")


@cache
def _summary() -> re.Pattern:
    return re.compile(rf"[ \t]*(?:{_alternation('summary')})[ \t]*[:\-–—]", re.IGNORECASE)


def _stamped_format(text: str) -> bool:
    """Whether at least ``_MIN_STAMPED`` lines open with a timestamp, as a recording's positions do.
    A table pasted from software may open its rows with a time column ("00:23:00 | 97140 | mobs"):
    those are cells under a header, not positions; and positions in a recording never go back, so
    readings that fall again ("00:23:00" then "00:15:00") are a column of durations."""
    rows = {text.rfind("\n", 0, row[0].start) + 1 for row in table_rows(text) if row} if "|" in text else set()
    found, last = 0, -1.0
    for m in _stamped().finditer(text):
        if m.start() in rows or text.rfind("\n", 0, m.start()) + 1 in rows:
            continue
        digits = [int(d) for d in re.findall(r"\d+", m.group(0))[:3]]
        at = sum(d * 60 ** (len(digits) - 1 - k) for k, d in enumerate(digits))
        if at < last:
            return False
        last, found = at, found + 1
    return found >= _MIN_STAMPED


def read(text: str) -> Edited | None:
    """The dictated words without the service's marks; None when the text is in no such format."""
    if not _ANCHOR.search(text):
        return None
    if not _stamped_format(text):
        return None
    out: list[str] = []
    src: list[tuple[int, int]] = []
    pos = 0
    in_summary = False
    for line in text.splitlines(keepends=True):
        start, body_end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        prefix = _prefix().match(text, start, body_end)
        stamped = bool(prefix and prefix.group("stamp"))
        if not stamped:
            if _summary().match(text, start, body_end):
                in_summary = True
            if in_summary:
                if text[start:body_end].strip():
                    continue  # the app's summary, up to a blank line or the transcript
                in_summary = False
        else:
            in_summary = False
        at = prefix.end() if prefix else start
        if stamped and at < body_end and text[at].islower() and out and _open(out):
            _trim_break(out, src)  # the service split a sentence: "nine / minutes"
            out.append(" ")
            src.append((start - 1, start))
        for m in _marker().finditer(text, at, body_end):
            _keep(text, at, m.start(), out, src)
            at = m.end()
        _keep(text, at, pos, out, src)
    return Edited("".join(out), src)


def _keep(text: str, a: int, b: int, out: list[str], src: list[tuple[int, int]]) -> None:
    if b > a:
        out.append(text[a:b])
        src.extend((i, i + 1) for i in range(a, b))


def _open(out: list[str]) -> bool:
    """The text kept so far ends mid-sentence: its last line has words and no closing mark."""
    tail = "".join(out[-3:]).rstrip()
    return bool(tail) and tail[-1] not in _SENTENCE_END and tail[-1] not in ":"


def _trim_break(out: list[str], src: list[tuple[int, int]]) -> None:
    """Drop the line break (and blanks) the service put at the end of the kept text."""
    while out and out[-1] and out[-1][-1].isspace():
        out[-1] = out[-1][:-1]
        src.pop()
        if not out[-1]:
            out.pop()
