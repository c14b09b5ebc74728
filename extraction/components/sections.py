"""Sections of a charted note: what is written under "Plan:", "HEP:" or "A:" is no service of today.

An EMR note lists the home program ("HEP: wall sits, bridges"), the plan ("P: begin heel raises
next wk") and an assessment ("A: gait quality improving") under headings; the words there name
techniques without any of ConText's trigger words. A heading (sections.jsonl) starts a line, or
a sentence, and ends with a colon, maybe after a parenthesis ("HEP (done at home): ..."); its
section runs to the next heading or a blank line (a ``one_paragraph`` heading's, written on its line,
to that paragraph's end). A log-step word ("next:") under a line that opens with a time of day
heads the clock log's next step, not a plan. Techniques, minutes and areas in a ``planned``
section are planned; an ``assessment`` section is kept as a span group that linking reads (its
technique words describe the services recorded elsewhere, they start none). Notes without
headings (a spoken dictation) are untouched.
"""

from __future__ import annotations

import re

from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.spans import AREAS, CONDITIONS, DURATIONS, PAIN, TECHNIQUES, hits, numbers, put, text_of
from models import Context

SECTIONS = "scribe_sections"
SERVICES = "scribe_service_sections"  # sections whose items are today's services (untimed gate evidence)
_PLANNED_GROUPS = (TECHNIQUES, DURATIONS, AREAS)
_CODING_GROUPS = (TECHNIQUES, DURATIONS, AREAS, CONDITIONS, PAIN)


def _alternation(terms: list[str]) -> str:
    """Terms longest first, case-blind; an apostrophe may be curly or left out ("todays tx")."""
    return "(?i:" + "|".join(re.escape(t).replace("'", "['’]?")
                             for t in sorted(set(terms), key=len, reverse=True)) + ")"


class _Headings(NamedTuple):
    heading: re.Pattern[str]
    opener: re.Pattern[str] | None  # a heading at a line's start with no colon
    kinds: dict[str, str]  # heading word -> kind
    score_kinds: dict[str, str]  # the kind a word takes when a pain score follows its colon (``before_score``)
    openers: frozenset[str]  # words that open a line with no qualifier ("Tx today, ...")
    paragraphs: frozenset[str]  # words whose section written on their line is that one paragraph
    targets: frozenset[str]  # words whose section's pain scores are goals, not today's ratings
    services: frozenset[str]  # words whose section lists the services given today
    log_steps: frozenset[str]  # words that head a clock log's next step after a line opening with a time


def _key(term: str) -> str:
    """A heading's lookup key: lower case, apostrophes left out ("todays tx" is "today's tx")."""
    return term.lower().replace("\u2019", "").replace("'", "")


def _heading_regex() -> _Headings:
    """The heading patterns and what each heading word says, from sections.jsonl."""
    kinds: dict[str, str] = {}
    score_kinds: dict[str, str] = {}
    words, letters, openers, qualifiers, paragraphs, targets, services = [], [], [], [], [], [], []
    log_steps: list[str] = []
    for rule in vocab.load("sections.jsonl"):
        qualifiers += rule.qualifiers  # type: ignore[attr-defined]
        log_steps += [_key(t) for t in rule.log_steps]  # type: ignore[attr-defined]
        for term in rule.terms:  # type: ignore[attr-defined]
            if rule.before_score:  # type: ignore[attr-defined]
                score_kinds[term.lower()] = rule.kind  # type: ignore[attr-defined]
            else:
                kinds[_key(term)] = rule.kind  # type: ignore[attr-defined]
                if rule.one_paragraph:  # type: ignore[attr-defined]
                    paragraphs.append(_key(term))
                if rule.scores_planned:  # type: ignore[attr-defined]
                    targets.append(_key(term))
                if rule.services:  # type: ignore[attr-defined]
                    services.append(_key(term))
            (letters if len(term) == 1 else words).append(term)
            if rule.opens_line:  # type: ignore[attr-defined]
                openers.append(_key(term))
    words_alt = _alternation(words)
    alternatives = "|".join([words_alt] + [re.escape(t.upper()) for t in sorted(set(letters))])
    # "Today after the eval:", "Treatment today, following the re-eval." time the heading in the visit
    qualified = (r"(?:[ \t]*,?[ \t]+" + _alternation(qualifiers) + r"\b)?") if qualifiers else ""
    # markdown markup is layout round a heading: "## Plan", "**Objective:**", "**Billing summary**:"
    lead = r"(?:^|(?<=\n)|(?<=[.!?]\s))[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(?:[-*\u2022>]\s*|\d+[.)]\s*)?"
    bold = r"(?:\*\*|__)?"
    # a heading ends in a colon, or stands alone on its line ("PLAN", "## Assessment")
    close = (r"(?:" + bold + r"[ \t]*(?P<colon>:)(?!\d)(?:[ \t]*(?:\*\*|__))?"
             r"|" + bold + r"[ \t]*(?=\n|$))")
    heading = re.compile(lead + r"(?P<head>" + alternatives + r")\b" + qualified
                         + r"[ \t]*(?:\([^)\n]{0,80}\)[ \t]*)?" + close)
    # At a line's start, an opener ("Tx today, ...") or any heading word a qualifier times ("Today
    # after the eval, ...") heads the paragraph with no colon; its comma or stop is layout.
    opener = re.compile(r"(?m)^[ \t]*(?:[-*\u2022>]\s*)?(?P<head>" + words_alt + r")\b(?P<when>" + qualified
                        + r")(?=[ \t]*[,.;:\-\u2013\u2014]|[ \t]+\w)[ \t]*[,.;:\-\u2013\u2014]?") if openers else None
    return _Headings(heading, opener, kinds, score_kinds, frozenset(openers), frozenset(paragraphs), frozenset(targets),
                     frozenset(services), frozenset(log_steps))


_H = _heading_regex()
_HEADING, _KINDS, _SCORE_KINDS = _H.heading, _H.kinds, _H.score_kinds
# A 0-10 rating right after the colon: "5/10", "5 -> 3", "6 to 4" (a plan's "2x/wk" or "2 wks" is none).
_SCORE_AFTER = re.compile(r"[ \t]*(?:10|\d)(?:[ \t]*/[ \t]*10\b|[ \t]*(?:->|-->|=>|→|to)[ \t]*\d)")


def _kind(match: re.Match[str], text: str) -> str | None:
    """The heading's kind; None for a score label's word with no score after it."""
    head = match.group("head").lower()
    if match.group("colon") is None and len(head) == 1:
        return None  # a lone "A" or "P" on its line is no heading; "A:" is
    if head in _SCORE_KINDS and _SCORE_AFTER.match(text, match.end()):
        return _SCORE_KINDS[head]
    return _KINDS.get(_key(head))


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SPACE = re.compile(r"\s*")


def _body_start(match: re.Match[str], text: str) -> int:
    """Where the heading's section starts: after its colon, or, for a heading alone on its line,
    after the line breaks under it (a blank line there does not end an empty section)."""
    return match.end() if match.group("colon") else _SPACE.match(text, match.end()).end()


def _with_line_openers(heads: list[tuple[int, int, str, bool]], text: str) -> list[tuple[int, int, str, bool]]:
    """The headings plus the paragraphs a line opener heads ("Tx today, ..."), in order; where a
    colon heading already starts there, it stands."""
    if _H.opener is None:
        return heads
    taken = {head[0] for head in heads}
    more = [(m.start("head"), m.end(), kind, False) for m in _H.opener.finditer(text)
            if m.start("head") not in taken and (m.group("when") or _key(m.group("head")) in _H.openers)
            and (kind := _KINDS.get(_key(m.group("head"))))]
    return sorted(heads + more) if more else heads


# A line break before a capitalised line: a new paragraph (a list's "- bridges" or a wrapped
# line's lower-case word is none).
_NEW_PARAGRAPH = re.compile(r"\n(?=[ \t]*[A-Z])")


def _section_end(text: str, body: int, end: int, one_paragraph: bool) -> int:
    """Where the section whose body starts at ``body`` ends, before ``end`` (the next heading): at
    a blank line; and, for a one-paragraph heading with text on its own line, at the next
    capitalised line."""
    blank = _BLANK_LINE.search(text, body, end)
    end = blank.start() if blank else end
    if one_paragraph:
        line_break = text.find("\n", body, end)
        own_line = text[body:line_break].strip() if line_break != -1 else ""
        if own_line and not own_line.endswith(":"):  # "Plan: continue with:" introduces the lines under it
            new = _NEW_PARAGRAPH.search(text, line_break, end)
            end = new.start() if new else end
    return end


class SectionTagger:
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = [m for m in _HEADING.finditer(text) if not _log_step(doc, text, m)]
        heads = [(m.start("head"), _body_start(m, text), kind, _key(m.group("head")) in _H.paragraphs)
                 for m in found if (kind := _kind(m, text))]
        targets = {m.start("head") for m in found if _key(m.group("head")) in _H.targets}
        heads = _with_line_openers(heads, text)
        if not heads:
            return doc
        spans = []
        goal_spans = []
        service_spans = []
        for n, (at, body, kind, one_paragraph) in enumerate(heads):
            end = _section_end(text, body, heads[n + 1][0] if n + 1 < len(heads) else len(text), one_paragraph)
            if kind == "performed" and end > body and _names_services(text, at):
                span = doc.char_span(body, end, label="services", alignment_mode="expand")
                if span is not None and len(span):
                    service_spans.append(span)
            if kind == "performed" or end <= body:
                continue
            span = doc.char_span(body, end, label=kind, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
                if at in targets:
                    goal_spans.append((span.start, span.end))
        doc.spans[SECTIONS] = spans
        if service_spans:
            doc.spans[SERVICES] = service_spans
        coding = [(s.start, s.end) for s in spans if s.label_ == "coding"]
        if coding:  # the clinician's own coding documents nothing: its words are dropped
            for group in _CODING_GROUPS:
                put(doc, group, [(span, hit) for span, hit in hits(doc, group)
                                 if not any(lo <= span.start < hi for lo, hi in coding)])
        planned = [(s.start, s.end) for s in spans if s.label_ == "planned"]
        if planned:
            for group in _PLANNED_GROUPS:
                for span, hit in hits(doc, group):
                    if hit.context == Context.performed and any(lo <= span.start < hi for lo, hi in planned):
                        hit.context = Context.planned
        for span, hit in hits(doc, PAIN) if goal_spans else ():  # "Goals: pain <3/10": a target
            if hit.context == Context.performed and any(lo <= span.start < hi for lo, hi in goal_spans):
                hit.context = Context.planned
        return doc


def _log_step(doc: Doc, text: str, match: re.Match[str]) -> bool:
    """A log-step word ("next:") opening a line right under a line that opens with a time of day
    ("09:00-09:20 TE ..."): the clock log's next step, not the plan."""
    if _key(match.group("head")) not in _H.log_steps:
        return False
    at = match.start("head")
    line = text.rfind("\n", 0, at)
    if line == -1 or text[line + 1 : at].strip(" \t-*\u2022"):
        return False
    prev = text.rfind("\n", 0, line) + 1
    first = len(text[prev:line]) - len(text[prev:line].lstrip())
    if prev + first >= line:
        return False
    span = doc.char_span(prev + first, prev + first + 1, alignment_mode="expand")
    return span is not None and span.start in numbers(doc).clock


def _names_services(text: str, at: int) -> bool:
    """Whether the heading at ``at`` is one whose section lists today's services."""
    low = _key(text[at : at + 40])
    return any(low.startswith(k) and (len(low) == len(k) or not low[len(k)].isalnum()) for k in _H.services)


def service_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the note's services sections ("Treatment:", "Interventions:")."""
    return [(s.start, s.end) for s in doc.spans.get(SERVICES, [])]


def assessment_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the note's assessment sections."""
    return [(s.start, s.end) for s in doc.spans.get(SECTIONS, []) if s.label_ == "assessment"]


@Language.factory("scribe_sections")
def make_sections(nlp: Language, name: str) -> SectionTagger:
    return SectionTagger()
