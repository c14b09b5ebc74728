"""Gaps found by the audio evaluation cases: spoken clock ranges, plan/negation scope over a
coordinated second technique, and epicondylitis diagnoses (domain.md sections 3, 7, 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from billing import bill, load_profiles
from billing.codeset import validate_code
from extraction.extract import extract
from models import Context, Transcript

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "audio"
PROFILES = load_profiles()


def _extract(text: str):
    return extract(Transcript(text=text))


def _treated(text: str) -> dict[str, int | None]:
    """technique id -> minutes, for the treatments of a note."""
    return {t.technique: t.minutes for t in _extract(text).treatments}


def _durations(text: str) -> list[int]:
    return [f.minutes for f in _extract(text).facts_of("duration", context=None)]


def _diagnoses(text: str) -> list[str]:
    result = bill(_extract(text), PROFILES.get("medicare"))
    return [d.code for d in result.claim.diagnoses]


# 1. Clock ranges said as words or written by Whisper without the colon.

@pytest.mark.parametrize("text, minutes", [
    ("Gait training with a cane from two ten to two forty.", 30),
    ("Gait training from 2 10 to 2 40.", 30),
    ("Gait training from 2:10 to 2:40.", 30),  # the typed form still works
    ("Gait training from 2 50 to 3 20.", 30),  # across the hour
    ("Gait training from two fifty to three twenty.", 30),
    ("Therapeutic exercise from 10 15 until 10 45.", 30),  # same hour, "until"
    ("Therapeutic exercise between nine thirty and nine fifty five.", 25),
    ("Gait training from twelve fifty to one twenty.", 30),  # across noon
    ("Gait training from nine fifty five until ten oh five.", 10),  # "oh five" is :05
    ("Gait training from 2:10 to 2 40.", 30),  # one typed, one spoken
    ("Gait training from two ten to 2:45.", 35),
    ("Gait training from two to two thirty.", 30),  # a bare hour beside a full time
    ("Gait training from 2 to 2:30.", 30),
    ("Gait training from two thirty to three.", 30),
    ("Gait training from 2:30 to 3.", 30),
    ("Gait training from 11 to 12:15 pm.", 75),
])
def test_spoken_and_colon_less_clock_ranges_are_linked_minutes(text, minutes):
    assert _treated(text) == {"gait_training" if "Gait" in text else "therapeutic_exercise": minutes}


@pytest.mark.parametrize("text", [
    "Pain 2 out of 10. Gait training.",
    "Squats from 2 to 4 reps. Gait training.",
    "Gait training, progressed from 2 sets of 10 to 3 sets of 10.",
    "Gait training. Pain went from 7 10 to 3 10.",  # Whisper's "7/10 to 3/10", not 7:10 to 3:10
    "Gait training. Pain went from 4 10 to 5 10.",
    "Gait training from 2 40 to 2 10.",  # the end before the start is no range
    "Gait training from 2 75 to 3 20.",  # no minute 75
    "Gait training from 2 5 to 2 40.",  # Whisper writes "2 05", never "2 5"
    "Gait training 2 10 to 2 40.",  # no "from"/"between": no clock context
    "Gait training. Pain went from 7 to 3.",  # two bare hours are as likely scores as times
    "Gait training from 2 to 1:30.",  # ten and a half hours is no session
])
def test_numbers_that_are_not_clock_ranges_give_no_minutes(text):
    assert _durations(text) == []
    assert _treated(text).get("gait_training", None) is None


def test_the_clock_sample_bills_gait_training_for_thirty_minutes():
    text = (SAMPLES / "medicare_gait_ultrasound_clock.ref.txt").read_text()
    ex = _extract(text)
    assert {t.technique: t.minutes for t in ex.treatments}["gait_training"] == 30
    result = bill(ex, PROFILES.get("medicare"))
    assert ("97116", 2) in {(ln.cpt, ln.units) for ln in result.claim.lines}
    assert "MISSING_DURATION" not in {f.id.value for f in result.rule_findings}


# 2. A plan or a negation covers every technique of a coordinated list, not past a new statement.

@pytest.mark.parametrize("text", [
    "Next visit we will do thirty minutes of deep tissue to the back and fifteen minutes of trigger point work.",
    "Plan: continue with Swedish to the neck and shoulders as well as twenty minutes of myofascial release"
    " to the low back.",
    "Recommend we add fifteen minutes of cupping to the upper back and the shoulders and ten minutes of"
    " stretching for the hamstrings.",
    "Did not do cupping or any deep tissue to the upper back or the neck and no trigger point work either.",
])
def test_a_plan_or_negation_carries_over_a_coordinated_technique(text):
    ex = _extract(text)
    techniques = ex.facts_of("technique", context=None)
    assert len(techniques) >= 2
    assert all(t.context != Context.performed for t in techniques)
    assert ex.treatments == []
    assert "MISSING_DURATION" not in {f.id.value for f in bill(ex, PROFILES.get("commercial")).rule_findings}


@pytest.mark.parametrize("text, performed", [
    ("Did thirty minutes of deep tissue. Next time we'll add trigger point work.", {"deep_tissue_massage": 30}),
    ("Next time we will try thirty minutes of deep tissue to the upper back and we did fifteen minutes of"
     " trigger point work on the right shoulder.", {"trigger_point_therapy": 15}),
    ("We will add cupping next visit, and today I performed twenty minutes of Swedish massage to the back.",
     {"swedish_massage": 20}),
])
def test_a_plan_does_not_leak_into_a_performed_statement(text, performed):
    assert _treated(text) == performed


def test_the_fever_sample_has_nothing_billable():
    text = (SAMPLES / "nothing_billable_fever.ref.txt").read_text()
    ex = _extract(text)
    assert ex.treatments == []
    result = bill(ex, PROFILES.get("commercial"))
    assert result.claim.lines == []
    assert "MISSING_DURATION" not in {f.id.value for f in result.rule_findings}


# 3. Lateral and medial epicondylitis.

@pytest.mark.parametrize("code", ["M77.10", "M77.11", "M77.12", "M77.00", "M77.01", "M77.02"])
def test_epicondylitis_codes_are_billable_leaves(code):
    import simple_icd_10_cm as icd

    assert icd.is_valid_item(code) and icd.is_leaf(code)
    check = validate_code(code)
    assert check.exists and check.billable


def test_there_is_no_bilateral_epicondylitis_code():
    """So bilateral is coded as right plus left (LateralCodes.resolve)."""
    for code in ("M77.13", "M77.03"):
        assert not validate_code(code).exists


@pytest.mark.parametrize("text, codes", [
    ("Right lateral epicondylitis. Fifteen minutes of cross fiber friction to the right forearm extensors.",
     ["M77.11"]),
    ("Left tennis elbow. Ten minutes of STM to the left forearm extensors.", ["M77.12"]),
    ("Tennis elbow on the left side, 12 min of soft tissue mobilization to the left forearm.", ["M77.12"]),
    ("Bilateral lateral epicondylitis. 20 minutes of massage to both forearms.", ["M77.11", "M77.12"]),
    ("Lateral epicondylitis. 20 minutes of massage to the forearm.", ["M77.10"]),
    ("Tennis elbow. 20 minutes of massage to the right forearm.", ["M77.11"]),  # side from the treated area
    ("Golfer's elbow on the right, 15 min cross fiber friction to the right wrist flexors.", ["M77.01"]),
    ("Left medial epicondylitis. Ten minutes of IASTM to the left forearm flexors.", ["M77.02"]),
    ("Golfers elbow. Ten minutes of massage to the forearm.", ["M77.00"]),
    ("Right elbow pain. 20 minutes of massage to the right forearm.", ["M25.521"]),  # plain pain unchanged
])
def test_epicondylitis_diagnoses(text, codes):
    assert _diagnoses(text) == codes


def test_the_elbow_sample_suggests_right_lateral_epicondylitis():
    text = (SAMPLES / "cms_elbow_three_codes.ref.txt").read_text()
    assert _diagnoses(text) == ["M77.11"]  # and no M25.521 elbow pain beside it
