"""Issue 13, round 9: technique names in gym talk and in overseas-trained clinicians' vocabulary.

Classes: soft tissue release written as STR (UK/Australian physio shorthand), Mulligan SNAGs and
NAGs, Maitland PA/AP pressures and deep transverse friction (DTF) as manual therapy (97140);
strength-and-conditioning exercise names (RDLs, split squats, Copenhagen planks, Pallof press)
and rehab shorthand ("ext ex", "repeated extension in lying") as therapeutic exercise (97110);
agility and landing drills as neuromuscular re-education (97112); "Rx:" heading the treatment
given; a bare count after a service heading's colon; a count after a grade or a spinal level is
minutes, not sets by reps. Phrasings are written here, none from any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def treatments(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in extract(Transcript.from_text(text)).treatments]


@pytest.mark.parametrize("text, cpt, minutes", [
    ("STR to the L) upper trap and levator scap 12 min.", "97140", 12),
    ("Cervical SNAGs C5/6 into rotation, 10 min.", "97140", 10),
    ("Mulligan mobs to the R) wrist x 8 min.", "97140", 8),
    ("Central PA pressures T6-8, grade IV, 9 min.", "97140", 9),
    ("DTF to the common extensor origin 6 min.", "97140", 6),
    ("Deep transverse frictions to the patellar tendon for 7 minutes.", "97140", 7),
    ("Bulgarian split squats and goblet squats 3x10, 20 min.", "97110", 20),
    ("Copenhagen planks and Pallof press, 15 min.", "97110", 15),
    ("Ext ex in prone, 10 min.", "97110", 10),
    ("Prone press-ups and repeated extension in standing 12 min.", "97110", 12),
    ("Agility ladder and hop-to-stick drills 14 min.", "97112", 14),
    ("Single-leg landings off a 12 inch box, 11 min.", "97112", 11),
])
def test_a_named_technique_is_billed_under_its_code(text, cpt, minutes):
    assert treatments(text) == [(cpt, minutes)]


def test_str_in_lower_case_is_no_technique():
    assert treatments("She said her str ength is coming back.") == []


def test_a_lift_in_the_injury_story_is_no_exercise_done_today():
    text = ("Hurt his back three weeks ago doing heavy deadlifts at the gym. "
            "Manual therapy to the lumbar spine 15 min.")
    assert treatments(text) == [("97140", 15)]


def test_rx_heads_the_treatment_after_an_impression():
    text = ("Impression: mechanical neck pain, R) sided.\n"
            "Rx: STR R) upper trap 10 min, chin tuck ex 10 min.")
    assert sorted(treatments(text)) == [("97110", 10), ("97140", 10)]


def test_a_count_after_a_service_headings_colon_is_its_minutes():
    text = "NMR: 12. Y-balance reach, SL balance on foam.\nTherEx: 20. Split squats, Nordics."
    assert sorted(treatments(text)) == [("97110", 20), ("97112", 12)]


def test_a_count_after_a_grade_or_a_spinal_level_is_minutes_not_sets():
    assert treatments("Thoracic PA mobs gr 4 x12 first, then nothing else.") == [("97140", 12)]
    assert treatments("Unilateral PA mobs C4-6 x 9 then home.") == [("97140", 9)]


def test_sets_by_reps_are_still_no_minutes():
    assert treatments("Goblet squats 3 x 12, then rest.") == [("97110", None)]


def test_a_headings_time_before_its_colon_stays_the_headings_when_an_item_has_another_code():
    text = "Ther act, 18 minutes: agility ladder and cutting drills."
    assert treatments(text)[0] == ("97530", 18)
    assert ("97112", 18) not in treatments(text)


def test_a_single_leg_squat_used_as_a_retest_is_no_exercise():
    text = "STM to the R) ITB 12 min. Re-tested with a single-leg squat, pain 2/10."
    assert treatments(text) == [("97140", 12)]
