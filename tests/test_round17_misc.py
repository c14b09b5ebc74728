"""Round 17 (miscellaneous classes): each misreading fixed as data or mechanism.

1. The therapist's own forearm or elbow used as the tool ("forearm work on the erectors", "elbow
   strokes along the ITB") is not a body part treated (areas.jsonl forearm/elbow not_before).
2. A body part in a hyphenated exercise name ("head-tracking drills", "head-turns") is moved by
   the exercise, not treated (linking.jsonl link.movement_after_hyphenated).
3. Intrinsic foot and ankle exercises from standard rehab programmes (towel scrunches, toe yoga,
   short foot, marble pick-ups, ankle alphabet) are therapeutic exercise, 97110
   (techniques.jsonl foot_ankle_exercise).
4. Cold and heat applied as a bag of ice, a gel pack or a compress are hot or cold packs, 97010
   (techniques.jsonl hot_cold_pack).
5. A number followed by "deg" is a range of motion, never a pain score (token set SCORE_BLOCKER).
6. A timed-services total ("Total timed minutes") is the visit's length only when no other length
   is said; beside "Total treatment time" that one is (session_length.jsonl timed_total).

Phrasings are our own; counter-tests keep the readings each change must not break."""

from __future__ import annotations

from billing import bill, load_profiles
from models import RuleId
from tests.reading import lines, pain, run


def _flags(text: str, payer: str = "commercial") -> set[RuleId]:
    return {f.id for f in bill(run(text), load_profiles().get(payer)).rule_findings}


def _regions(text: str) -> set[str]:
    return {r for t in run(text).treatments for a in t.areas for r in a.regions}


# 1. the therapist's forearm or elbow as the tool ---------------------------------------------

def test_forearm_work_on_another_area_adds_no_arm():
    text = "Low back tight, 6/10. Deep tissue to the lumbar area 40 minutes, mostly forearm work on the paraspinals."
    assert _regions(text) == {"lumbar"}


def test_elbow_strokes_along_the_thigh_add_no_arm():
    text = "Runner, sore IT band. Sports massage to the left lateral thigh 25 minutes, slow elbow strokes along the ITB."
    assert "upper_extremity" not in _regions(text)


def test_forearm_treated_is_still_the_forearm():
    text = "Tennis elbow R, 5/10. Soft tissue mobilization to the right forearm extensors 15 minutes."
    assert "upper_extremity" in _regions(text)


# 2. a part in a hyphenated exercise name -------------------------------------------------------

def test_hyphenated_head_drill_beside_the_neck_adds_no_head():
    text = "Neck pain 5/10. NMR 10 min: cervical joint position sense, head-turns with gaze fixed on a target."
    assert _regions(text) == {"cervical"}


def test_head_massage_is_still_the_head():
    text = "Tension headaches. Massage to the head and scalp 20 minutes, 6/10 to 3/10."
    assert "head" in _regions(text)


# 3. intrinsic foot and ankle exercises ---------------------------------------------------------

def test_foot_intrinsic_exercises_are_therapeutic_exercise():
    text = "Plantar heel pain L 5/10. Towel curls, short foot holds and marble pick-ups for 12 minutes."
    assert lines(text) == [("97110", 12)]


def test_ankle_alphabet_and_toe_yoga_keep_their_own_minutes():
    text = ("Ankle sprain R, 4/10. Gait training 15 min with cues for heel strike. "
            "Then ankle alphabet and toe yoga, 9 min.")
    assert lines(text) == [("97110", 9), ("97116", 15)]


# 4. a bag of ice, a gel pack ------------------------------------------------------------------

def test_bag_of_ice_is_a_cold_pack():
    text = "Calf strain L, 5/10. Sports massage to the left calf 15 minutes, then a bag of ice on the calf for 10 min."
    assert lines(text) == [("97010", 10), ("97124", 15)]


def test_gel_pack_is_a_hot_or_cold_pack():
    text = "Knee pain 6/10 after TKA. Therapeutic exercise 25 min. Cold gel pack to the knee 10 min at the end."
    assert ("97010", 10) in lines(text)


# 5. degrees after a number ---------------------------------------------------------------------

def test_motion_improved_to_degrees_is_no_pain_score():
    text = "Heel pain 6/10 on arrival. Therapeutic exercise 20 min. Heel pain 3/10 after. DF improved to 9 deg."
    assert pain(text) == (6, 3)


def test_pain_improved_to_a_score_is_still_read():
    text = "Shoulder pain 7/10 coming in. Manual therapy 15 min to the shoulder. Pain improved to 4/10."
    assert pain(text) == (7, 4)


# 6. a timed total beside the visit's total -----------------------------------------------------

_GRID = ("Low back pain 5/10.\n"
         "97110 TherEx 15 - lumbar stabilization\n"
         "97140 Manual 15 - lumbar PA mobs\n"
         "Total timed minutes: {timed}\n"
         "Total treatment time: {total}\n"
         "Pain 3/10 after.")


def test_visit_total_is_the_session_length_beside_a_timed_total():
    assert run(_GRID.format(timed=30, total=45)).session_minutes == 45


def test_timed_minutes_over_the_visit_total_are_implausible():
    assert RuleId.DURATION_IMPLAUSIBLE in _flags(_GRID.format(timed=30, total=25))


def test_timed_total_under_the_visit_total_is_plausible():
    assert RuleId.DURATION_IMPLAUSIBLE not in _flags(_GRID.format(timed=30, total=40))


def test_timed_total_alone_is_still_the_session_length():
    text = "Low back pain 5/10.\n97110 TherEx 15\n97140 Manual 15\nTotal timed minutes: 30\nPain 3/10 after."
    assert run(text).session_minutes == 30
