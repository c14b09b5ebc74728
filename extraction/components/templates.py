"""EMR template marks: checkbox state and copied-forward blocks say what is today's work.

A note pasted out of an EMR template lists every service the template offers, each behind a
checkbox and a minute field, and only the checked ones were given:

    [x] Ther ex 97110: 18 min -- bridges, dead bugs
    [ ] Manual therapy 97140: ____ min

The box is the clinician's statement about its item, as a trigger word is in speech: an
unchecked box negates everything on its item (the service it names, its blank minute field),
so neither a line nor a MISSING_DURATION comes from it. An item runs from its box to the next
box or the end of its line, and over the indented lines under it.

A template may also paste text from an earlier note and say so ("Copied forward from 04/02
(not performed today): ..."); what it copies is history, never a service of this visit. A
block opened by a banner line ("-- Copied forward from 04/02 note --") runs to its closing
phrase or a blank line; an inline copy ("Copied forward from 11/04: "...") runs to the end of
its line (or of the quotation it opens). The marks are data (templates.jsonl). Runs after the
ConText and section taggers: the template's own statement about a field outranks the words.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.components.tables import MINUTE_KINDS, table_rows
from extraction.spans import CONTEXT_TARGETS, PAIN, TECHNIQUES, hits, text_of
from models import Context

RESTATED = "scribe_template_restated"

_NEGATED_GROUPS = tuple(g for g in CONTEXT_TARGETS if g != PAIN)  # a score is a score (as in ConText)


def _alternation(terms: list[str], flags: str = "") -> str:
    return "(?" + flags + ":" + "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)) + ")"


def _marks() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for rule in vocab.load("templates.jsonl"):
        found.setdefault(rule.kind, []).extend(rule.terms)  # type: ignore[attr-defined]
    return found


_MARKS = _marks()
# A box opens an item only where a template prints one: at a line start or after a space.
_BOX = re.compile(
    r"(?:(?<=\s)|^)(?:(?P<unchecked>" + _alternation(_MARKS.get("unchecked_box", [])) + ")|(?P<checked>"
    + _alternation(_MARKS.get("checked_box", [])) + r"))(?=\s|$)", re.M)
# Searched in the lower-cased text: an alternation with re.IGNORECASE tries every phrase at every
# character, ten times slower than the same search without the flag (0.13 ms per 100-word note).
_COPY_OPEN = re.compile(_alternation([t.lower() for t in _MARKS.get("copied_forward", [])]) + r"\b")
_COPY_END = re.compile(_alternation([t.lower() for t in _MARKS.get("copy_end", [])]) + r"\b")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# "Ice - N/A", "MHP: held, running behind", "(deferred)": a not-done value in a row's field, after
# its label and a dash, colon or bracket, ending the field (a reason may follow, "held 30s" is a hold).
_ROW_NOT_DONE = re.compile(
    r"(?:(?<=[\s\w)])[-–—]|[:=(])[ \t]*" + _alternation([t.lower() for t in _MARKS.get("row_not_done", [])])
    + r"(?=[ \t]*(?:$|[,.;:()\[\]/\-–—])|[ \t]+(?:to|until|till|per|due|d/t|secondary|as|because|since|pending|"
    r"today|this|at pt|by pt|pt)\b)", re.M)
_ROW_OPENERS = "\n;|•"
_QUOTES = {'"': '"', "“": "”"}


def box_items(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, checked) of every checkbox item: from its box to the next box or the end of
    its line, and on over the indented, unboxed lines under it."""
    boxes = list(_BOX.finditer(text))
    items = []
    for n, box in enumerate(boxes):
        nxt = boxes[n + 1].start() if n + 1 < len(boxes) else len(text)
        end = text.find("\n", box.end())
        end = len(text) if end < 0 else end
        while end < nxt:  # an indented continuation line belongs to the item above it
            line_end = text.find("\n", end + 1)
            line_end = len(text) if line_end < 0 else line_end
            line = text[end + 1 : line_end]
            if not line.strip() or not line[:1].isspace():
                break
            end = line_end
        items.append((box.end(), min(end, nxt), box.group("checked") is not None))
    return items


def not_done_rows(text: str) -> list[tuple[int, int]]:
    """(start, end) of the label part of every template row whose field says its service was not
    given today ("Ice - N/A", "Moist heat: held today"). A row is one item of the template: it runs
    back from its field to the line start (or a ';', '|' or bullet joining items on one line), so its
    status speaks of its own label only, never of the rows above or below it."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower()[0] for c in text)
    rows = []
    for found in _ROW_NOT_DONE.finditer(low):
        start = max(low.rfind(c, 0, found.start()) for c in _ROW_OPENERS) + 1
        rows.append((start, found.start()))
    return rows + _not_done_table_rows(text, low)


_NOT_DONE_TERMS = frozenset(t.lower() for t in _MARKS.get("row_not_done", []))


def _not_done_table_rows(text: str, low: str) -> list[tuple[int, int]]:
    """A table row whose time cell says its service was not given ("| Hot pack | - | declined |"):
    the row is one unit, so every cell before that field is its label, negated."""
    if "|" not in text:
        return []
    return [(row[0].start, cell.start) for row in table_rows(text) for cell in row[1:]
            if cell.kind in MINUTE_KINDS and low[cell.start:cell.end].strip(" .") in _NOT_DONE_TERMS]


def _inside_sentence(before: str) -> bool:
    """Whether the words before a copy phrase on its line make it part of a sentence. A banner opens
    its line ("-- Copied forward from 04/02 --") or follows a label ("Prior note: carried forward ...")."""
    before = before.rstrip()
    return any(c.isalnum() for c in before) and not before.endswith((":", "(", "[", "-", "—", "|"))


def copied_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of every block of text copied forward from an earlier note."""
    blocks = []
    pos = 0
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): keep offsets, lose nothing
        low = "".join(c.lower()[0] for c in text)
    while (opener := _COPY_OPEN.search(low, pos)) is not None:
        line_start = text.rfind("\n", 0, opener.start()) + 1
        if _inside_sentence(text[line_start : opener.start()]):
            pos = opener.end()  # "everything is being pulled forward": a verb in the story, no copy banner
            continue
        line_end = text.find("\n", opener.end())
        line_end = len(text) if line_end < 0 else line_end
        rest = text[opener.end() : line_end]
        colon = rest.find(":")
        body = rest[colon + 1 :].strip() if colon >= 0 else ""
        if body:  # inline: the copy follows the colon on this line, or the quotation it opens
            end = line_end
            close = _QUOTES.get(body[0])
            if close:
                quote_at = opener.end() + colon + 1 + rest[colon + 1 :].index(body[0])
                closing = text.find(close, quote_at + 1)
                end = max(end, closing + 1 if closing >= 0 else end)
        else:  # a banner: the block runs to its closing phrase or a blank line
            blank = _BLANK_LINE.search(text, line_end)
            end = blank.start() if blank else len(text)
            closer = _COPY_END.search(low, line_end, end)
            if closer is not None:
                closing_line = text.find("\n", closer.end())
                end = len(text) if closing_line < 0 else closing_line
        blocks.append((line_start, end))
        pos = max(end, opener.end())
    return blocks


class TemplateTagger:
    def __init__(self) -> None:
        self.cpt = {t.id: t.cpt for t in vocab.techniques()}

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        items = box_items(text)
        unchecked = [(s, e) for s, e, checked in items if not checked]
        copied = copied_blocks(text)
        not_done = not_done_rows(text)
        if not items and not copied and not not_done:
            return doc
        self._restated(doc, [(s, e) for s, e, checked in items if checked])
        for ranges, groups, context in ((unchecked + not_done, _NEGATED_GROUPS, Context.negated),
                                        (copied, CONTEXT_TARGETS, Context.historical)):
            tokens = [(span.start, span.end) for s, e in ranges
                      if (span := doc.char_span(s, e, alignment_mode="expand")) is not None]
            if not tokens:
                continue
            for group in groups:
                for span, hit in hits(doc, group):
                    if any(lo <= span.start < hi for lo, hi in tokens):
                        hit.context = context
        return doc

    def _restated(self, doc: Doc, checked: list[tuple[int, int]]) -> None:
        """The free text of a template note ("Therapist notes: full body Swedish, long effleurage")
        tells how the checked services went; a technique there of a code a checked item already
        records is that item told again, not a second service without minutes. Kept as a span group
        that linking reads, as it reads an assessment section."""
        ranges = [(span.start, span.end) for s, e in checked
                  if (span := doc.char_span(s, e, alignment_mode="expand")) is not None]
        inside, outside = [], []
        for span, hit in hits(doc, TECHNIQUES):
            (inside if any(lo <= span.start < hi for lo, hi in ranges) else outside).append((span, hit))
        codes = {self.cpt.get(hit.technique) for _, hit in inside if hit.context == Context.performed}
        doc.spans[RESTATED] = [span for span, hit in outside if self.cpt.get(hit.technique) in codes]


def restated_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of techniques a template note's free text names again for a checked service."""
    return [(s.start, s.end) for s in doc.spans.get(RESTATED, [])]


@Language.factory("scribe_templates")
def make_templates(nlp: Language, name: str) -> TemplateTagger:
    return TemplateTagger()
