"""Durations (durations.jsonl): minutes, hours, fixed phrases, ranges and clock times.

A range keeps its lower value and its upper one (billing never invents minutes); a clock
range is the minutes between the two times, across noon when needed. A duration said with
a session marker ("sixty minutes in the room", "a 60 minute session") is the session's
length, not a treatment's.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extraction import vocab
from extraction.matching import AnchoredMatcher
from extraction.spans import DURATIONS, DurationHit, longest, numbers, phrase_matcher, put

_SKIPPABLE = {"a", "an", "the", "about", "around", "approximately", "roughly", "for", "-", "long", "full", "whole", "approx"}
MAX_MINUTES = 8 * 60


class DurationMatcher:
    def __init__(self, nlp: Language):
        self.rules = {r.id: r for r in vocab.load("durations.jsonl")}  # type: ignore[attr-defined]
        self.matcher = AnchoredMatcher(nlp.vocab, [(r.id, vocab.expand_pattern(r.pattern)) for r in self.rules.values()])
        markers = vocab.load("session_length.jsonl")
        self.before = phrase_matcher(nlp, [(m.id, m.terms) for m in markers if m.position == "before"])  # type: ignore[attr-defined]
        self.after = phrase_matcher(nlp, [(m.id, m.terms) for m in markers if m.position == "after"])  # type: ignore[attr-defined]

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        found = []
        before_ends = {e for _, _, e in self.before(doc)}
        after_starts = {s for _, s, _ in self.after(doc)}
        for key, start, end in longest((strings[k], s, e) for k, s, e in self.matcher(doc)):
            rule = self.rules[key]
            span = doc[start:end]
            value = _minutes(rule, span, numbers(doc))
            if value is None:
                continue
            low, high = value
            session = _near(doc, start, before_ends, back=True) or _near(doc, end, after_starts, back=False)
            found.append((span, DurationHit(rule_id=f"durations/{key}", minutes=low, minutes_max=high, session=session)))
        put(doc, DURATIONS, found)
        return doc


def _minutes(rule, span: Span, table) -> tuple[int, int | None] | None:
    """(minutes, upper bound of a range) for a matched span, or None when it makes no sense."""
    if rule.kind == "fixed":
        return rule.minutes, None
    if rule.kind == "clock":
        times = [table.clock[i] for i in range(span.start, span.end) if i in table.clock]
        ampm = [t.lower_ for t in span if t.lower_.strip(".") in {"am", "pm", "a.m", "p.m"}]
        start, stop = times[0], times[-1]
        if ampm and ampm[-1].startswith("p") and stop < 12 * 60 and start < 12 * 60 and start > stop:
            stop += 12 * 60
        while stop <= start:
            stop += 12 * 60
        minutes = stop - start
        return (minutes, None) if 0 < minutes <= MAX_MINUTES else None
    nums = [table.value[i] for i in range(span.start, span.end) if i in table.value]
    if not nums:
        return None
    if rule.kind == "hours_and_minutes":
        total = round(nums[0] * 60 + nums[1])
        return (total, None) if 0 < total <= MAX_MINUTES else None
    if rule.kind == "range":
        low, high = sorted(round(n * rule.unit_minutes) for n in nums[:2])
        if not 0 < low <= MAX_MINUTES or high > MAX_MINUTES:
            return None
        return (low, high) if high != low else (low, None)
    minutes = round(nums[0] * rule.unit_minutes)
    return (minutes, None) if 0 < minutes <= MAX_MINUTES else None


def _near(doc: Doc, index: int, marks: set[int], back: bool) -> bool:
    """Whether a session marker ends right before (or starts right after) index, skipping filler."""
    step = -1 if back else 1
    i = index
    for _ in range(3):
        if i in marks:
            return True
        probe = i - 1 if back else i
        if not 0 <= probe < len(doc) or doc[probe].lower_ not in _SKIPPABLE:
            return False
        i += step
    return i in marks


@Language.factory("scribe_durations")
def make_durations(nlp: Language, name: str) -> DurationMatcher:
    return DurationMatcher(nlp)
