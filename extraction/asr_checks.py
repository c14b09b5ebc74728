"""Sanity checks on minutes a speech model wrote: "fifteen" heard as "50" (asr-notes.md).

Whisper confuses the -teen and -ty forms (13-19 and 30-90) of a number. Extraction never
rewrites what was transcribed: it raises LOW_CONFIDENCE on the treatment's minutes, naming
the other reading and its units, when the speech model itself was not sure of the number, when
a second listen changed it (``Word.heard_as``, scribe/relisten.py), or when only the other
reading fits the dictated session length. The therapist decides.
"""

from __future__ import annotations

import re

from models import DurationFact, RuleFinding, RuleId, Transcript, Treatment
from models.minutes import twin, units

# Lowest word probability at which a twin-prone number is taken as heard. Measured on the
# sample dictations (tiny.en): "50" written for "fifteen" scored 0.76; correct "15"/"30"
# mostly scored 0.8-0.99. Stricter than the general LOW_CONFIDENCE threshold on purpose.
TWIN_CONFIDENCE = 0.8
_NUMBER = re.compile(r"\d+")
_TWIN_RULES = ("durations/dur.minutes", "durations/dur.minute_range")


def twin_findings(transcript: Transcript, facts: list, treatments: list[Treatment],
                  session: int | None) -> list[RuleFinding]:
    """LOW_CONFIDENCE on treatment minutes that may be the other of a -teen/-ty pair."""
    if transcript.source != "audio":
        return []
    by_id = {f.id: f for f in facts}
    total = sum(t.minutes or 0 for t in treatments)
    out = []
    for tr in treatments:
        dur = next((by_id[i] for i in tr.fact_ids if isinstance(by_id.get(i), DurationFact)), None)
        if dur is None or dur.evidence.rule_id not in _TWIN_RULES or tr.minutes is None:
            continue
        other = twin(tr.minutes)
        if other is None:
            continue
        ev = dur.evidence
        digits = _NUMBER.search(ev.text)
        lo = ev.char_start + (digits.start() if digits else 0)
        hi = ev.char_start + digits.end() if digits else ev.char_end
        prob = transcript.min_probability(lo, hi)  # the number's own word, not "minutes"
        first = transcript.first_heard(lo, hi)
        unsure = prob is not None and prob < TWIN_CONFIDENCE
        only_other_fits = session is not None and total > session >= total - tr.minutes + other
        if not (first or unsure or only_other_fits):
            continue
        if first:
            why = f'it was first heard as "{first}", then as {tr.minutes} on a second listen to just those words'
        elif unsure:
            why = f"the speech model was unsure of it (word confidence {prob:.2f})"
        else:
            why = f"only {other} fits the {session}-minute session"
        out.append(RuleFinding(
            id=RuleId.LOW_CONFIDENCE, cpt=tr.cpt, treatment_id=tr.id, evidence=[ev],
            message=(f'"{ev.text}" for {tr.label} may be {other} minutes: speech models confuse '
                     f"the -teen and -ty numbers, and {why}. {tr.minutes} minutes is "
                     f"{units(tr.minutes)} unit(s); {other} would be {units(other)}."),
            fix=f"Play the recording there and correct the minutes for {tr.label} if they were {other}.",
        ))
    return out
