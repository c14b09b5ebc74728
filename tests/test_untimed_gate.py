"""The untimed gate: a timed technique named without minutes is a pending service (MISSING_DURATION,
blocking) only when the note shows it was done today; otherwise it is a warning (UNTIMED_MENTION)
and nothing waits. Phrasings are our own; both directions are tested."""

from __future__ import annotations

import pytest

from billing import bill, load_profiles
from models import RuleId, Severity, severity_of
from tests.reading import run

TIMED = "Did deep tissue to the low back for 25 minutes."  # one service timed, so the gate is on


def _billed(text: str, payer: str = "commercial"):
    result = bill(run(text), load_profiles().get(payer))
    return result.claim, {f.id for f in result.rule_findings}


@pytest.mark.parametrize("said", [
    "Her balance on the left is still poor.",  # a finding
    "Long-term aim: independent gait on the stairs.",  # a goal, in a sentence of its own
    "She stopped cycling because of the knee.",  # a reason, another sense
    "Told me the gym has a new ultrasound machine.",  # something the client said
    "Good candidate for myofascial release someday.",  # an opinion, no sign of doing
])
def test_a_bare_mention_with_no_sign_of_doing_is_a_warning(said):
    claim, flags = _billed(f"{TIMED} {said}")
    assert [ln.cpt for ln in claim.lines] == ["97124"]
    assert RuleId.MISSING_DURATION not in flags
    assert not claim.pending
    if RuleId.UNTIMED_MENTION in flags:  # the word may not even be read as a technique
        assert severity_of(RuleId.UNTIMED_MENTION) == Severity.warning


def test_a_named_finding_raises_the_new_warning_with_its_evidence():
    result = bill(run(f"{TIMED} Balance is poor on the left leg, she sways."), load_profiles().get("commercial"))
    found = [f for f in result.rule_findings if f.id == RuleId.UNTIMED_MENTION]
    assert found and found[0].evidence and "alance" in found[0].evidence[0].text
    assert "minutes" in found[0].fix.lower()
    assert not result.claim.pending


@pytest.mark.parametrize("said", [
    "We also worked on balance on the foam pad.",  # a verb of doing opens the clause
    "Then some gait training in the hall.",  # a sequence word opens it
    "Myofascial release was performed on the pecs.",  # a participle of doing after it
    "Bridges 3x12 and clamshells.",  # a dose
    "Grade III mobs to the right knee.",  # a grade and an area of its own
    "STM to the upper traps.",  # a treated area linked in its own clause
    "Gait training with the rollator.",  # a terse list item
    "Single-leg stance drills on the Airex, eyes closed.",  # a surface it was done on
    "Some balance work at the end, I forgot to time it.",  # the note says its minutes are missing
])
def test_evidence_of_doing_keeps_the_pending_service(said):
    claim, flags = _billed(f"{TIMED} {said}")
    assert RuleId.MISSING_DURATION in flags
    assert RuleId.UNTIMED_MENTION not in flags
    assert claim.pending


def test_an_item_of_a_treatment_section_is_pending():
    note = "Interventions:\nSTM low back 20 min\nneuromuscular re-ed for balance\n\nPain 2/10 after."
    _, flags = _billed(note)
    assert RuleId.MISSING_DURATION in flags and RuleId.UNTIMED_MENTION not in flags


def test_a_note_that_times_nothing_keeps_every_mention_pending():
    # nothing timed at all: the services are what the note names, each waits for minutes
    claim, flags = _billed("Balance is poor. Neck tight, client sore.")
    ex = run("Balance is poor. Neck tight, client sore.")
    assert not any(t.named_only for t in ex.treatments)
    if ex.treatments:
        assert RuleId.MISSING_DURATION in flags


def test_a_remark_about_missing_minutes_reaches_only_its_own_code():
    text = (f"{TIMED} Her granddaughter just flew in from the US. Gait training with the cane in the hall, "
            "did great. Forgot to write down the time on gait.")
    ex = run(text)
    gait = [t for t in ex.treatments if t.cpt == "97116"]
    assert gait and not any(t.named_only for t in gait)
    assert all(t.named_only for t in ex.treatments if t.cpt == "97035")


def test_entering_minutes_on_a_named_only_service_bills_it():
    ex = run(f"{TIMED} Her balance on the left is still poor.")
    named = [t for t in ex.treatments if t.named_only]
    assert named
    timed = ex.model_copy(update={"treatments": [t.model_copy(update={"minutes": 10, "edited": True}) if t.named_only
                                                 else t for t in ex.treatments]})
    result = bill(timed, load_profiles().get("commercial"))
    assert named[0].cpt in {ln.cpt for ln in result.claim.lines}
    assert RuleId.UNTIMED_MENTION not in {f.id for f in result.rule_findings}


def test_an_edited_service_without_minutes_waits_for_them():
    ex = run(f"{TIMED} Her balance on the left is still poor.")
    edited = ex.model_copy(update={"treatments": [t.model_copy(update={"edited": True}) for t in ex.treatments]})
    result = bill(edited, load_profiles().get("commercial"))
    assert RuleId.MISSING_DURATION in {f.id for f in result.rule_findings}


def test_an_untimed_code_is_not_gated():
    # a hot pack is one unit whatever its minutes: the gate speaks of timed codes only
    claim, flags = _billed(f"{TIMED} Moist heat after.")
    assert RuleId.UNTIMED_MENTION not in flags


def test_the_note_does_not_say_a_named_only_technique_was_done():
    from extraction import draft_soap
    from models import Transcript

    text = f"{TIMED} Her balance on the left is still poor."
    objective = draft_soap(Transcript.from_text(text), run(text)).objective
    assert "neuromuscular" not in objective.lower()  # not written as a treatment given
    assert "massage" in objective.lower()  # the timed service still is
