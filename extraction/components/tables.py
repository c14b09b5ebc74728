"""Markdown tables an EMR or note app exports: each body row is one service's clause.

    | Service | Minutes | Area |
    |---|---|---|
    | Myofascial release | 15 | L upper trap |

A row names its service, its time and its area in cells, and the header says which cell is
which: a bare "15" is minutes under "Minutes" or "Time", and a count of sets and reps under
"Sets x Reps". A spoken note would say "15 minutes"; a table leaves the unit to its header. The
header words are data (templates.jsonl, kinds ``table_minutes``, ``table_counts``,
``table_area``). The bars and the separator row are layout; they are no words of the note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.spans import AREAS, CONDITIONS, DURATIONS, TECHNIQUES, hits, put, text_of

_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")


@dataclass(frozen=True, slots=True)
class Cell:
    start: int  # character offsets of the cell's text, without its padding
    end: int
    kind: str | None  # the header's kind ("table_minutes", ...); None for a column of no known kind


@cache
def _header_kinds() -> dict[str, str]:
    return {t.lower(): rule.kind for rule in vocab.load("templates.jsonl")  # type: ignore[attr-defined]
            if rule.kind.startswith("table_") for t in rule.terms}  # type: ignore[attr-defined]


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each cell's stripped text on the row text[start:end]: between its bars, and
    between a bar and the line's edge when the row has no outer bar ("97110 | TherEx | 0:12")."""
    line = text[start:end]
    bars = [i for i, ch in enumerate(line) if ch == "|"]
    edges = [-1, *bars, len(line)]
    if line[:bars[0]].strip() == "":
        edges = edges[1:]  # an outer bar opens the row: nothing before it is a cell
    if line[bars[-1] + 1:].strip() == "":
        edges = edges[:-1]
    out = []
    for lo, hi in zip(edges, edges[1:]):
        cell = line[lo + 1:hi]
        pad = len(cell) - len(cell.lstrip())
        out.append((start + lo + 1 + pad, start + lo + 1 + pad + len(cell.strip())))
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    return lines


def header_rows(text: str) -> list[tuple[int, int]]:
    """(start, end) of each table's header row and separator row: the column names ("| Exercise |
    Minutes |") are layout, not a service given or its time."""
    if "|" not in text:
        return []
    lines = _lines(text)
    return [(lines[n][0], lines[n + 1][1]) for n in range(len(lines) - 1)
            if _ROW.match(text[lines[n][0]:lines[n][1]]) and _SEPARATOR.match(text[lines[n + 1][0]:lines[n + 1][1]])]


@cache
def duration_labels() -> frozenset[str]:
    """The one-word headers that name elapsed time ("dur", "duration"), also labels before a reading."""
    return frozenset(t for t, kind in _header_kinds().items() if kind == "table_duration" and " " not in t)


@cache
def area_labels() -> frozenset[tuple[str, ...]]:
    """The names of an area column ("area", "body part") as lower-case words: also the label of an
    EMR field line that says where the work was ("Areas: upper back, neck" among "Technique:" and
    "Duration:" lines), which is the service's own field like "Areas treated:"."""
    return frozenset(tuple(t.split()) for t, kind in _header_kinds().items() if kind == "table_area")


def table_rows(text: str) -> list[list[Cell]]:
    """Every body row of every bar table in the text, its cells tagged with the kind of their
    column's header. A markdown table is a header row, a separator row of dashes, and the rows
    after them that open and close with a bar. Software pastes its rows with bars between cells
    only, and often without the separator ("CPT|desc|time", "Svc | Area | Dur"): such a header is
    known by a column name of a known kind, and its rows run while lines hold a bar."""
    if "|" not in text:
        return []
    kinds = _header_kinds()
    lines = _lines(text)
    rows: list[list[Cell]] = []
    n = 0
    while n + 1 < len(lines):
        (hs, he), (ss, se) = lines[n], lines[n + 1]
        markdown = _ROW.match(text[hs:he]) and _SEPARATOR.match(text[ss:se])
        header = ([kinds.get(re.sub(r"[*_]", "", text[a:b]).strip().lower()) for a, b in _cells(text, hs, he)]
                  if markdown or "|" in text[hs:he] else [])
        if not markdown and not any(header):
            n += 1
            continue
        n += 2 if markdown else 1
        if not markdown and _SEPARATOR.match(text[lines[n][0]:lines[n][1]]):
            n += 1
        while n < len(lines) and (_ROW.match(text[lines[n][0]:lines[n][1]])
                                  or (not markdown and "|" in text[lines[n][0]:lines[n][1]])):
            if not _SEPARATOR.match(text[lines[n][0]:lines[n][1]]):
                cells = _cells(text, *lines[n])
                rows.append([Cell(a, b, header[i] if i < len(header) else None) for i, (a, b) in enumerate(cells)])
            n += 1
    return rows


def minute_cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of the cells under a minutes header that hold a bare count: "15" is 15 minutes."""
    return [(c.start, c.end) for row in table_rows(text) for c in row
            if c.kind in MINUTE_KINDS and re.fullmatch(r"\d{1,3}", text[c.start:c.end])]


def duration_cells(text: str) -> list[tuple[int, int]]:
    """(start, end) of the cells under a header that says they are elapsed times ("Dur", "h:mm"):
    "1:05" there is an hour and five minutes, not five past one."""
    return [(c.start, c.end) for row in table_rows(text) for c in row if c.kind == "table_duration"]


MINUTE_KINDS = frozenset({"table_minutes", "table_duration"})
_LAYOUT_GROUPS = (TECHNIQUES, DURATIONS, AREAS, CONDITIONS)


class TableHeaders:
    """Drops what the taggers read in a table's header rows ("| Exercise | Sets x Reps | Time |"
    names no exercise done)."""

    def __call__(self, doc: Doc) -> Doc:
        heads = header_rows(text_of(doc))
        if not heads:
            return doc
        for group in _LAYOUT_GROUPS:
            put(doc, group, [(span, hit) for span, hit in hits(doc, group)
                             if not any(lo <= span.start_char < hi for lo, hi in heads)])
        return doc


@Language.factory("scribe_tables")
def make_tables(nlp: Language, name: str) -> TableHeaders:
    return TableHeaders()
