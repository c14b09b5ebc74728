"""Round 12: phantom minute-less services. A word that names a technique but is no service given
today must not become a claim line with no minutes (a blocking MISSING_DURATION): a race heat, a
trainee's note title, the activity a score was rated in, a gait deviation, a rationale or goal,
another patient's care, a service the session ran out of time for. Minutes got in before a colon
are the service's, and "total time in my chair was" is the session's length.

Counter-tests: a real service said with no minutes still raises MISSING_DURATION.
Phrasings are written here, none from any corpus."""

from __future__ import annotations

import pytest

from billing import bill, load_profiles
from models import RuleId
from tests.reading import run


def _lines(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in run(text).treatments)


def _flags(text: str) -> set[RuleId]:
    result = bill(run(text), load_profiles().get("commercial"))
    return {f.id for f in result.rule_findings}


BASE = "STM to the R hamstring 12 min."


# --- a word in another sense, a note's title -------------------------------------------------

@pytest.mark.parametrize("race", [
    "Track meet, 400m, heat 3 lane 6. ",
    "Swim meet, lane 2, heat 4. ",
    "Between heats at the regional meet. ",
    "She ran her qualifying heat an hour ago. ",
    "Heat 1 of 5 in the 100 free. ",
])
def test_a_race_heat_is_no_hot_pack(race):
    assert _lines(race + BASE) == [("97140", 12)]


def test_heat_applied_is_still_a_hot_pack():
    assert ("97010", None) in _lines("Heat to the low back, then " + BASE)


@pytest.mark.parametrize("title", ["Massage student note\n", "PT intern daily note\n", "LMT trainee note -- "])
def test_a_trainee_note_title_names_no_service(title):
    assert _lines(title + BASE) == [("97140", 12)]


# --- the activity a score was rated in, a finding, a rationale -------------------------------

@pytest.mark.parametrize("rated", [
    "Knee 3/10 SLS after treatment.",
    "Hip pain 1/10 gait at discharge from the session.",
    "Pain 4/10 stairs before, 2/10 step-ups after.",
])
def test_a_technique_said_right_after_its_score_is_the_rated_activity(rated):
    assert _lines(BASE + " " + rated) == [("97140", 12)]


def test_a_timed_service_after_a_score_stays_a_service():
    assert ("97112", 10) in _lines("Pain 5/10 on arrival. Pain 3/10 NMR 10 min on foam.")


@pytest.mark.parametrize("finding", [
    "Weak hip abductors with a Trendelenburg gait on the left.",
    "Observed a steppage gait pattern R.",
    "Circumducted gait noted.",
    "Positive Trendelenburg sign L.",
])
def test_a_named_gait_deviation_is_a_finding(finding):
    assert _lines(BASE + " " + finding) == [("97140", 12)]


@pytest.mark.parametrize("rationale", [
    "TherEx 20 min -- step-ups, wall sits (rationale: quad strength needed for stair climbing).",
    "TherEx 20 min -- clamshells, bridges (weak glutes contributing to a waddling gait).",
    "TherEx 20 min -- squats and lunges to improve sit to stand.",
    "TherEx 20 min. Rationale: sit to stand from low chairs.",
    "TherEx 20 min. Quad weakness limiting stair climbing.",
    "TherEx 20 min. Weak glute med leading to poor single leg stance.",
])
def test_a_technique_named_as_a_goal_or_rationale_is_no_service(rationale):
    assert _lines(rationale) == [("97110", 20)]


@pytest.mark.parametrize("timed", [
    "TherEx 20 min. Hip strengthening for balance 10 min on foam.",
    "TherEx 20 min. Weak glutes contributing to poor balance, so balance training 10 min on foam.",
])
def test_a_goal_word_said_with_its_own_minutes_stays_a_service(timed):
    assert _lines(timed) == [("97110", 20), ("97112", 10)]


# --- another patient, a service not reached --------------------------------------------------

OTHER_CODE = "Swedish massage to the back 30 min."


@pytest.mark.parametrize("other", [
    "Watched my CI do IASTM on her 2:30 patient.",
    "Saw the supervising PT do manual traction on another patient (not this pt).",
    "Cupping demo was on my next client.",
])
def test_another_patients_care_is_not_billed(other):
    assert _lines(OTHER_CODE + " " + other) == [("97124", 30)]


@pytest.mark.parametrize("not_reached", [
    "Ran out of time for the balance work.",
    "Did not get to the PNF / NMR we had set up.",
    "Never got around to gait training today.",
])
def test_a_service_not_reached_is_not_billed(not_reached):
    assert _lines(BASE + " " + not_reached) == [("97140", 12)]


# --- minutes got in, the session's length said of a chair -------------------------------------

def test_minutes_got_in_before_a_colon_are_the_service_s():
    text = "Called to the start early, only got eight minutes in: firm compression to both quads."
    assert _lines(text) == [("97124", 8)]


def test_time_in_the_chair_is_the_session_length():
    ex = run("Event tent. Total time in the chair was ten minutes. Sports massage to the calves 8 min, "
             "stretching of the hamstrings 7 min.")
    assert ex.session_minutes == 10
    assert RuleId.DURATION_IMPLAUSIBLE in _flags(
        "Event tent. Total time in the chair was ten minutes. Sports massage to the calves 8 min. "
        "Myofascial release to the R plantar fascia 7 min.")


# --- counter-tests: a real service with no minutes still blocks --------------------------------

@pytest.mark.parametrize("text", [
    "Did some cupping along the low back, then gait training with the walker.",
    "Heat to the neck, then gait training in the hallway with a cane.",
    "Manual therapy 10 min to the knee. Balance work on foam after.",
    "Pain 6/10 on arrival. Gait training with the rollator, pain 3/10 after.",
])
def test_a_real_service_without_minutes_still_raises_missing_duration(text):
    assert RuleId.MISSING_DURATION in _flags(text)
