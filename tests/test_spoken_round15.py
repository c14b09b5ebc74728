"""Round 15: times said the way people tell them, non-native phrasings, and numbers that are not
treatment minutes.

- Clock ranges said in words: "from two o'clock to twenty to three", an hourless start read from the
  full time after it ("from half past to ten to four"), and "at ten past one and wrapped up at five
  to two" (start and end said as two moments, an end verb between).
- Amounts: "thirty or so minutes"; minutes with their own unit ("12m") closing a clause that lists
  its areas with commas.
- Areas that are not treated: "med/lat" (a glide direction, not the latissimus), the therapist's
  thumb or elbow named as the tool after a technique noun, hands steadying the hips in an exercise.
- Pain timing: "more than before" is a comparison, not a timing cue; "leaving clinic" after a score.
- Context: "the school of her son" (a non-native possessive) is a place, not another person's care.
- Findings: "quad lag 8 deg with SLR" measures the knee, it is no exercise given.

Phrasings are our own, not the blind corpus's; each has a counter-test."""

from __future__ import annotations

import pytest

from billing import bill, load_profiles
from models import CueKind, RuleId
from tests.reading import lines, pain, run


def _regions(text: str) -> set[str]:
    return {r.value for t in run(text).treatments for a in t.areas for r in a.regions}


def _flags(text: str, payer: str = "commercial") -> set[RuleId]:
    return {f.id for f in bill(run(text), load_profiles().get(payer)).rule_findings}


# --- clock times and spoken amounts -------------------------------------------------------------

@pytest.mark.parametrize("text, minutes", [
    ("Deep tissue massage on the neck from two o'clock to twenty to three.", 40),
    ("Swedish massage to the low back from a quarter to four till five o'clock.", 75),
    ("Swedish massage to the shoulders from three o'clock to four o'clock.", 60),
    ("Put him on the table at ten past one and I wrapped up at five to two, all Swedish massage on the back.", 45),
    ("Started her at a quarter past nine and finished at ten, deep tissue massage to the hips.", 45),
    ("Swedish massage on her back, at 3:10 and we finished up at 3:50.", 40),
])
def test_clock_ranges_said_in_words(text, minutes):
    assert [m for _, m in lines(text)] == [minutes]


def test_hourless_start_is_read_from_the_full_time_after_it():
    text = ("Therapeutic exercise from five past three to half past, bridges and clamshells. "
            "Then balance training from half past to ten to four, single leg stance on foam.")
    assert lines(text) == [("97110", 25), ("97112", 20)]


def test_hourless_start_in_the_hour_before_the_end():
    # "twenty past" before "five past nine" is 8:20, the last such time before the end
    text = "Gait training in the hallway from twenty past to five past nine with the walker."
    assert lines(text) == [("97116", 45)]


def test_a_start_time_alone_is_no_range():
    # counter: an appointment time with no end said gives no minutes
    text = "She got here at quarter past two and we did Swedish massage on the neck."
    assert lines(text) == [("97124", None)]


@pytest.mark.parametrize("text, minutes", [
    ("Thirty or so minutes of Swedish massage on the upper back.", 30),
    ("Twenty-five or thereabouts minutes of deep tissue on the calves.", 25),
])
def test_or_so_between_the_count_and_its_unit(text, minutes):
    assert lines(text) == [("97124", minutes)]


def test_or_so_without_a_minute_unit_is_no_minutes():
    # counter: "a six or so" is a score said loosely; only the count with its unit is minutes
    text = "Neck pain a six or so coming in. Then thirty minutes of Swedish massage on the neck."
    assert lines(text) == [("97124", 30)]
    assert pain(text)[0] == 6


def test_minutes_letter_after_a_comma_list_of_areas():
    text = ("Swedish massage back 25m. Myofascial release sole of the left foot, plantar fascia, 12m. "
            "Foot pain 3/10 after.")
    assert lines(text) == [("97124", 25), ("97140", 12)]


def test_letter_m_after_a_list_without_an_area_is_not_read_through_commas():
    # counter: a comma after a word that is no area still ends the clause ("walked, 20m" is a distance)
    assert lines("Gait training with the cane, outdoors, 20m.") != [("97116", 20)]


# --- areas that were not treated ----------------------------------------------------------------

def test_med_lat_is_a_glide_direction_not_the_latissimus():
    text = "Joint mobilization to the right knee, patellar glides sup/inf and med/lat, 10 min."
    assert _regions(text) == {"lower_extremity"}


def test_lat_alone_is_still_the_muscle():
    assert "thoracic" in _regions("Soft tissue mobilization to the R lat, 10 min.")


def test_thumb_as_the_tool_is_no_treated_hand():
    text = "Trigger point pressure with thumb on the levator scapulae, 15 min."
    assert _regions(text) == {"cervical"}


def test_hand_worked_on_is_still_the_hand():
    assert "upper_extremity" in _regions("Myofascial release to the left hand and thumb, 10 min.")


def test_hands_steadying_the_hips_are_contact_not_a_treated_area():
    text = "Lumbar stabilization exercise, 20 minutes: dead bugs and bird dogs with me steadying his hips."
    assert _regions(text) == {"lumbar"}


def test_hip_exercise_still_names_the_hip():
    assert "lower_extremity" in _regions("Therapeutic exercise for the hips, 20 minutes: clamshells and bridges.")


# --- pain timing ---------------------------------------------------------------------------------

def test_more_than_before_is_a_comparison_not_a_timing():
    text = ("Knee pain 6/10 when she come. We do exercises for the knee 25 mins. "
            "After, she say pain is 4/10 and she walk more easy than before.")
    assert pain(text) == (6, 4)


def test_before_after_a_score_still_times_it():
    # counter: "before" right after a score is still the before score
    assert pain("Swedish massage 30 min. Neck was 5/10 before, 2/10 after.") == (5, 2)


def test_leaving_clinic_after_a_score_is_the_after_score():
    text = "Pt reports R hip pain 5/10. Ther ex 30 min. Pt reports 3/10 leaving the clinic."
    assert pain(text) == (5, 3)


# --- context and findings ------------------------------------------------------------------------

def test_school_of_her_son_is_a_place_not_another_persons_care():
    text = ("Swedish massage low back 20 min only, she get call from the school of her son "
            "and she had to leave early. Pain 3/10 after.")
    cues = [f for f in run(text).facts if f.kind == "cue" and f.cue == CueKind.reduced_session]
    assert cues and cues[0].context == "performed"
    assert RuleId("REDUCED_SERVICE") in _flags(text)


def test_her_sons_own_pain_is_still_another_person():
    # counter: the son's own complaint is still not the client's
    text = "Swedish massage to the neck, 30 min. Her son has knee pain, she asked about it."
    assert all(c.area != "knee" for c in run(text).facts_of("condition"))


def test_quad_lag_with_slr_is_a_finding_not_an_exercise():
    text = ("O: Quad lag 8 deg with SLR. Knee flexion 95 deg.\n"
            "Tx: Ther ex 20 min: quad sets, heel slides. Pain 3/10 after.")
    assert lines(text) == [("97110", 20)]


def test_slr_given_is_still_an_exercise():
    assert lines("SLR 3x10 and quad sets, 15 min of ther ex.") == [("97110", 15)]
