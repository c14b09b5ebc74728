"""The dictated wrap-up of an ambient recording (recap.jsonl): "okay for the note: ...".

A recogniser running through a session writes down the room: the therapist naming what they do as
they do it, the client's answers, chatter. Many such recordings end with the therapist dictating
the note ("okay for the note: deep tissue low back twenty minutes, low back six to three"). That
wrap-up is the therapist's own statement of the services, their minutes and the pain scores; a
service or score said in passing earlier is the same one said first, so the wrap-up wins
(extraction.linking folds untimed earlier mentions into it, extraction.outcome takes its scores).

The wrap-up opens at a cue followed by a colon, comma or dash and runs to the end of its line. A
cue that is talk as well as a heading ("Dictating.", "Note.", "For the record:") opens it only as
the first words of a sentence or line (after at most one word and a comma or colon: "Okay,
dictating.", "Therapist: Dictating, Medicare."), and there a full stop closes it too.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extraction import service_format, vocab
from extraction.spans import phrase_matcher

RECAP = "scribe_recap"
_OPENERS = {":", ",", "-", "\u2013", "\u2014"}
_SENTENCE_ENDS = {".", "?", "!"}
_BRACKETS = {"[": "]", "(": ")"}  # a transcript's stage direction: "[dictating] Right shoulder ..."
_MIN_TURNS = 3  # lines opening with a speaker's label that make a note a room recording


class RecapFinder:
    def __init__(self, nlp: Language):
        rules = vocab.load("recap.jsonl")
        self.matcher = phrase_matcher(nlp, [(r.id, r.terms) for r in rules])  # type: ignore[attr-defined]
        self.own_sentence = {nlp.vocab.strings[r.id] for r in rules if r.own_sentence}  # type: ignore[attr-defined]
        self.block = {nlp.vocab.strings[r.id] for r in rules if r.block}  # type: ignore[attr-defined]

    def __call__(self, doc: Doc) -> Doc:
        for key, start, end in sorted(self.matcher(doc), key=lambda m: m[1]):
            if end >= len(doc):
                continue
            if key in self.block:
                block = _closing_block(doc, start, end)
                if block is not None:
                    doc.spans[RECAP] = [block]
                    break
                continue
            own = key in self.own_sentence
            bracketed = start > 0 and doc[start - 1].text in _BRACKETS and doc[end].text == _BRACKETS[doc[start - 1].text]
            if own and not bracketed and not _opens_sentence(doc, start):
                continue
            if doc[end].text in _OPENERS or (own and doc[end].text == ".") or bracketed:
                stop = next((t.i for t in doc[end:] if t.is_space and "\n" in t.text), len(doc))
                if stop > end + 1:
                    doc.spans[RECAP] = [Span(doc, end + 1, stop, label="recap")]
                    break
        return doc


def _closing_block(doc: Doc, start: int, end: int) -> Span | None:
    """The lines under a heading alone on its line ("Time:" and a line break) when they close the
    note: an audit-ready note's time block, one service and its minutes a line, restates the services
    its body described. None for a heading inside a line, one with nothing under it, or a block
    that prose follows after a blank line (a section of the note, not its closing)."""
    if not _line_start(doc, start) or doc[end].text != ":" or end + 1 >= len(doc):
        return None
    brk = doc[end + 1]
    if not (brk.is_space and "\n" in brk.text):
        return None
    body_end = len(doc)
    while body_end > end + 2 and doc[body_end - 1].is_space:
        body_end -= 1
    if body_end <= end + 2 or any(t.is_space and t.text.count("\n") > 1 for t in doc[end + 2 : body_end]):
        return None
    return Span(doc, end + 2, body_end, label="recap")


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text)


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Whether token i begins a sentence or line, or follows one opening word and a comma or colon
    (a filler, a speaker's label)."""
    def starts(j: int) -> bool:
        return j == 0 or doc[j - 1].text in _SENTENCE_ENDS or (doc[j - 1].is_space and "\n" in doc[j - 1].text)
    return starts(i) or (i >= 2 and doc[i - 1].text in {",", ":"} and starts(i - 2))


def room_recording(text: str) -> bool:
    """Whether the note is a recording of the room (at least ``_MIN_TURNS`` lines open with a
    speaker's label, or a transcriber's gap "[...]" stands in it), not a dictation."""
    if service_format.gap_mark().search(text):
        return True
    return sum(1 for _ in zip(range(_MIN_TURNS), service_format.speaker_turn().finditer(text))) >= _MIN_TURNS


def closing_turn(text: str) -> tuple[int, int] | None:
    """The last line of a room recording: where an uncued wrap-up is said ("Therapist: Auto claim,
    whiplash. Myofascial release, suboccipitals, twenty minutes. ..."). None for a note of one line
    or one that is no room recording. Whether that line is a wrap-up is linking's call: it restates
    the session's services with their minutes."""
    body = text.rstrip()
    start = body.rfind("\n") + 1
    if start == 0 or not room_recording(body[:start]):
        return None
    return start, len(body)


def recap_chars(doc: Doc) -> tuple[int, int] | None:
    """The wrap-up's character range, or None when the note dictates none."""
    spans = doc.spans.get(RECAP, [])
    return (spans[0].start_char, spans[0].end_char) if spans else None


@Language.factory("scribe_recap")
def make_recap(nlp: Language, name: str) -> RecapFinder:
    return RecapFinder(nlp)
