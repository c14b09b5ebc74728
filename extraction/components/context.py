"""ConText (Harkema et al. 2009) over every extracted span: negated, planned, historical, other person.

Rules are data (context.jsonl): trigger phrases with a category, a direction and a maximum
scope in tokens; pseudo-triggers ("no change") that look like triggers but are not; and
terminators ("but", "today", "did") that end a scope, for all or some categories. A scope
never leaves its sentence. When several scopes cover a span, the first category of
``PRIORITY`` wins: "will not do cupping" is negated, not planned.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.spans import CONTEXT_TARGETS, PAIN, hits, longest, phrase_matcher
from models import Context

PRIORITY = (Context.negated, Context.other_person, Context.historical, Context.planned)
# A score is a score: "no pain today, zero out of ten" gives 0, it does not negate the rating.
NOT_NEGATED = {PAIN}


class ContextTagger:
    def __init__(self, nlp: Language):
        self.rules = {r.id: r for r in vocab.load("context.jsonl")}  # type: ignore[attr-defined]
        self.matcher = phrase_matcher(nlp, [(r.id, r.terms) for r in self.rules.values()])

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        triggers, terminators = [], []
        raw = [(strings[k], s, e) for k, s, e in self.matcher(doc)]
        kept = {(s, e) for _, s, e in longest(raw)}
        for key, start, end in raw:  # a phrase in two rules ("last visit": forward and backward) keeps both
            rule = self.rules[key]
            if (start, end) not in kept:
                continue
            if rule.category == "terminate":
                terminators.append((start, end, rule))
            elif rule.category != "pseudo":
                triggers.append((start, end, rule))
        if any(r.category == "pseudo" for k, s, e in raw if (s, e) in kept for r in [self.rules[k]]):
            pseudo = {(s, e) for k, s, e in raw if self.rules[k].category == "pseudo"}
            triggers = [t for t in triggers if (t[0], t[1]) not in pseudo]
        if not triggers:
            return doc
        scopes = [self._scope(doc, start, end, rule, terminators) for start, end, rule in triggers]
        for group in CONTEXT_TARGETS:
            for span, hit in hits(doc, group):
                own = {Context(r.category) for t_start, t_end, r in triggers if span.start <= t_start and t_end <= span.end}
                found = {
                    Context(rule.category)
                    for (t_start, t_end, rule), ranges in zip(triggers, scopes)
                    if not (t_start < span.end and span.start < t_end)
                    and any(lo <= span.start < hi for lo, hi in ranges)
                } - own  # "no specific complaints" carries its own negation
                if group in NOT_NEGATED:
                    found.discard(Context.negated)
                if found:
                    hit.context = next(c for c in PRIORITY if c in found)
        return doc

    @staticmethod
    def _scope(doc: Doc, start: int, end: int, rule, terminators) -> list[tuple[int, int]]:
        """Token ranges a trigger reaches: to the sentence edge, a terminator or max_scope."""
        sent = doc[start].sent
        ends = [
            (t_start, t_end)
            for t_start, t_end, term in terminators
            if not term.applies_to or Context(rule.category) in term.applies_to
        ]
        ranges = []
        if rule.direction in ("forward", "both"):
            hi = min(sent.end, end + rule.max_scope)
            hi = min([hi] + [t_start for t_start, _ in ends if t_start >= end])
            ranges.append((end, hi))
        if rule.direction in ("backward", "both"):
            lo = max(sent.start, start - rule.max_scope)
            lo = max([lo] + [t_end for _, t_end in ends if t_end <= start])
            if rule.stops_at_comma:
                lo = max([lo] + [t.i + 1 for t in doc[lo:start] if t.text == ","])
            ranges.append((lo, start))
        return ranges


@Language.factory("scribe_context")
def make_context(nlp: Language, name: str) -> ContextTagger:
    return ContextTagger(nlp)
