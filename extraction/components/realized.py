"""A planned service that was then partly done (realized.jsonl): "Plan was fifty minutes of deep
tissue, low back and glutes. We got twenty minutes in on the low back and then daycare called."

ConText reads the plan's technique as planned, and rightly: a plan alone bills nothing. A later
sentence that says how much was actually done ("got twenty minutes in", "only managed fifteen",
"ended up doing ten minutes") but names no technique of its own is about the planned one: it is
today's service, with the minutes that sentence says and the areas it names (not the plan's, so
"never got to the glutes" leaves the glutes out). The service is written as a technique hit on the
words that say it was done, so linking gives it that sentence's minutes and areas like any other.

Only then, and conservatively:
- the words must be followed (within ``MINUTES_REACH`` filler tokens) by minutes ConText left
  performed: "next time we'll get thirty minutes in" is a plan, its minutes are planned;
- the plan is the nearest earlier sentence with a planned technique, and it names one technique
  only (with two, which one was done is not said);
- no technique was performed between the plan and the words (then the minutes are that one's);
- the plan is not one for a later visit (a next-visit cue in its sentence).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.spans import CUES, DURATIONS, TECHNIQUES, TechniqueHit, hits, longest, phrase_matcher, put, sentences
from models import Context, CueKind

MINUTES_REACH = 4  # filler tokens between the words and the minutes ("got maybe, um, twenty-five minutes")


class PlanRealized:
    def __init__(self, nlp: Language):
        rules = vocab.load("realized.jsonl")
        self.matcher = phrase_matcher(nlp, [(f"realized/{r.id}", r.terms) for r in rules])  # type: ignore[attr-defined]

    def __call__(self, doc: Doc) -> Doc:
        techs = list(hits(doc, TECHNIQUES))
        planned = [(s, h) for s, h in techs if h.context == Context.planned]
        if not planned:
            return doc
        strings = doc.vocab.strings
        raw = [(strings[k], s, e) for k, s, e in self.matcher(doc)]
        if not raw:
            return doc
        sents = sentences(doc)
        minutes = [s.start for s, h in hits(doc, DURATIONS) if h.context == Context.performed and not h.session]
        later_visit = {sents.of[s.start] for s, h in hits(doc, CUES) if h.cue == CueKind.next_visit}
        new = []
        for key, start, end in longest(raw):
            sent = sents.of[start]
            lo, hi = sents.starts[sent], sents.ends[sent]
            if any(lo <= s.start < hi for s, _ in techs):
                continue  # the sentence names what was done itself
            if not any(end <= m <= end + MINUTES_REACH and m < hi for m in minutes):
                continue
            before = [(s, h) for s, h in planned if s.end <= lo]
            if not before:
                continue
            plan_sent = sents.of[before[-1][0].start]
            if plan_sent in later_visit:
                continue
            if any(h.context == Context.performed and sents.starts[plan_sent] <= s.start < lo for s, h in techs):
                continue
            ids = {h.technique for s, h in before if sents.of[s.start] == plan_sent}
            if len(ids) != 1:
                continue
            new.append((doc[start:end], TechniqueHit(rule_id=key, technique=ids.pop())))
        if new:
            put(doc, TECHNIQUES, techs + new)
        return doc


@Language.factory("scribe_realized")
def make_realized(nlp: Language, name: str) -> PlanRealized:
    return PlanRealized(nlp)
