"""Pain before/after for the session, and the findings extraction itself raises."""

from __future__ import annotations

from extraction.asr_checks import twin_findings
from extraction.components.fuzzy import FUZZY_RULE
from models import (
    AreaFact,
    Context,
    DurationFact,
    PainFact,
    PainTiming,
    RuleFinding,
    RuleId,
    TechniqueFact,
    Transcript,
    Treatment,
)

LOW_CONFIDENCE = 0.5  # lowest word probability under which a fact's words are called unsure


def place_unspecified(facts: list) -> list:
    """A score with no cue is 'before' when said before the first technique, 'after' past the last.

    Dictation runs in session order, so position is the best remaining evidence; a score
    between techniques stays unspecified, except the opening one: the first score said with no
    cue, before any "before" score and ahead of an "after" one, is how the client arrived, even
    when a heading ("Medical massage.") named a technique first. The "after" it must be ahead of
    may itself be placed by position ("achy, 3/10 ... massage ... lighter, 1/10").
    """
    done = [f for f in facts if isinstance(f, TechniqueFact) and f.context == Context.performed]
    # A billing code said as a technique ("billing 97110 times 1") restates the services in a
    # summary, wherever it is said: it marks no moment of the session while a worded one does.
    worded = [f for f in done if not _is_code(f.evidence.text)] or done
    starts = [f.evidence.char_start for f in worded]

    def by_position(f):
        if isinstance(f, PainFact) and f.timing == PainTiming.unspecified and starts:
            at = f.evidence.char_start
            if at < min(starts):
                return f.model_copy(update={"timing": PainTiming.before})
            if at > max(starts):
                return f.model_copy(update={"timing": PainTiming.after})
        return f

    scores = [f for f in facts if isinstance(f, PainFact) and f.context == Context.performed]
    opening = next((f for f in scores if f.timing != PainTiming.after), None)
    placed = [by_position(f) for f in scores]
    if opening is not None and not (opening.timing == PainTiming.unspecified and any(
            f.timing == PainTiming.after and f.evidence.char_start > opening.evidence.char_start for f in placed)):
        opening = None
    return [f.model_copy(update={"timing": PainTiming.before}) if f is opening else by_position(f) for f in facts]


def _is_code(text: str) -> bool:
    """A CPT code as said: five digits."""
    return len(text) == 5 and text.isdigit()


def pain_before_after(facts: list, recap: tuple[int, int] | None = None) -> tuple[PainFact | None, PainFact | None]:
    """Before: the first before-score; after: the last after-score (eval-format.md).

    A dictated wrap-up (``recap``: its character range, extraction.components.recap) is the
    therapist's own statement of the scores: a before or after score said in it wins over one
    heard in the conversation before it ("how's the hip now / about a four ... okay for the
    note: hip six to four": the four answered mid-session is not how the client arrived)."""
    scores = [f for f in facts if isinstance(f, PainFact) and f.context in (Context.performed,)]
    stated = [f for f in scores if recap is not None and recap[0] <= f.evidence.char_start < recap[1]]
    before = next((f for f in stated + scores if f.timing == PainTiming.before), None)
    after = next((f for f in [*reversed(stated), *reversed(scores)] if f.timing == PainTiming.after), None)
    if before is None and after is None and len(scores) == 1:
        before = scores[0]  # a lone score with no cue and no technique: how the client arrived
    return before, after


def session_minutes(facts: list) -> int | None:
    """The first session length said; a timed-services total ("Total timed minutes: 40") only when
    no other length is: beside it, "Total treatment time: 30" is how long the visit was."""
    lengths = [f for f in facts if isinstance(f, DurationFact) and f.session_length and f.context == Context.performed]
    lengths.sort(key=lambda f: f.timed_total)  # stable: said order within each kind
    return lengths[0].minutes if lengths else None


def findings(transcript: Transcript, facts: list, treatments: list[Treatment]) -> list[RuleFinding]:
    out: list[RuleFinding] = []
    by_id = {f.id: f for f in facts}
    for tr in treatments:
        for fid in tr.fact_ids:
            fact = by_id.get(fid)
            if isinstance(fact, DurationFact) and fact.minutes_max is not None:
                out.append(RuleFinding(
                    id=RuleId.DURATION_RANGE, cpt=tr.cpt, treatment_id=tr.id, evidence=[fact.evidence],
                    message=f'"{fact.evidence.text}" is a range; {fact.minutes} minutes (the lower value) '
                            f"were used for {tr.label}.",
                    fix=f"Enter the actual minutes for {tr.label} if they were more than {fact.minutes}.",
                ))
    out.extend(_near_misses(facts, treatments))
    if transcript.source == "audio":
        twins = twin_findings(transcript, facts, treatments, session_minutes(facts))
        said = {(f.evidence[0].char_start, f.evidence[0].char_end) for f in twins}
        out.extend(f for f in _low_confidence(transcript, facts)
                   if (f.evidence[0].char_start, f.evidence[0].char_end) not in said)  # one finding a span
        out.extend(twins)
    return out


def _near_misses(facts: list, treatments: list[Treatment]) -> list[RuleFinding]:
    """LOW_CONFIDENCE on a treatment whose technique or area was read from a near-miss spelling
    ("trapezious", "efflurage") and from nothing said exactly: a guess the therapist confirms."""
    by_id = {f.id: f for f in facts}
    out = []
    for tr in treatments:
        said = [by_id[i] for i in tr.fact_ids if isinstance(by_id.get(i), (TechniqueFact, AreaFact))]
        techniques = [f for f in said if isinstance(f, TechniqueFact)]
        guessed = [f for f in said if f.evidence.rule_id.startswith(FUZZY_RULE)]
        technique_guessed = bool(techniques) and all(f in guessed for f in techniques)
        if not (technique_guessed or any(isinstance(f, AreaFact) for f in guessed)):
            continue
        words = ", ".join(f'"{f.evidence.text}" as {f.label}' for f in guessed)
        out.append(RuleFinding(
            id=RuleId.LOW_CONFIDENCE, cpt=tr.cpt, treatment_id=tr.id, evidence=[f.evidence for f in guessed],
            message=f"{tr.label} rests on a near-miss reading: {words} (no vocabulary term was said exactly).",
            fix="Check the words; correct the technique or area if the reading is wrong.",
        ))
    return out


def _low_confidence(transcript: Transcript, facts: list) -> list[RuleFinding]:
    out = []
    for fact in facts:
        ev = fact.evidence
        prob = transcript.min_probability(ev.char_start, ev.char_end)
        if prob is None or prob >= LOW_CONFIDENCE:
            continue
        at = f" at {ev.audio_start:.1f} s" if ev.audio_start is not None else ""
        out.append(RuleFinding(
            id=RuleId.LOW_CONFIDENCE, evidence=[ev],
            message=f'The speech model was unsure of "{ev.text}"{at} (word confidence {prob:.2f}), '
                    f"which carries a {fact.kind} fact.",
            fix="Play the recording there and correct the transcript or the fact if it is wrong.",
        ))
    return out
