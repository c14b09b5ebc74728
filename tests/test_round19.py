"""Round 19 (private ortho PT, insurance-billing medical massage, Medicare PT/PTA): each misreading
fixed as data or mechanism.

1. A CPT code written as the service's own name on a flowsheet or billing line ("97112 x 10'")
   is that service (techniques.jsonl: the code among the generic service's terms and
   service_terms, so a count after it is minutes).
2. "Timed 40 min" opening a line is the total of the timed services, not more minutes of the
   service before it (session_length.jsonl session.timed_opening).
3. Minutes that shift the clock ("her ride came 15 min early", "started ten minutes late") are
   no service's time (token set TIME_OFFSET, durations._time_point).
4. A body part resting on a positioning prop ("knees over a bolster", "legs on the wedge") is how
   the client lay, not an area treated (token sets PROP_REST_PLACE/PROP_REST_DETERMINER,
   areas._on_prop).
5. "Pain-free with <activity> by the end" is an after score of 0 (pain.jsonl
   pain.free_activity_at_end).
6. A technique named as a handout ("the bridging handout") is the home program given, not a
   service done today (context.jsonl plan.handout_backward).

Phrasings are our own; counter-tests keep the readings each change must not break."""

from __future__ import annotations

from billing import bill, load_profiles
from models import RuleId
from tests.reading import lines, pain, run


def _flags(text: str, payer: str = "commercial") -> set[RuleId]:
    return {f.id for f in bill(run(text), load_profiles().get(payer)).rule_findings}


def _regions(text: str) -> set[str]:
    return {r for t in run(text).treatments for a in t.areas for r in a.regions}


# 1. the CPT code as the service's name ----------------------------------------------------------

def test_code_lines_of_a_flowsheet_are_the_services():
    text = "Daily note, deconditioning after a hospital stay.\n97530 per flow sheet x18'\n97116 x 10 min\nTol fair."
    assert lines(text) == [("97116", 10), ("97530", 18)]


def test_code_beside_its_name_makes_one_service_not_two():
    text = "Manual therapy (97140) 12 min: grade II PA glides thoracic spine."
    assert lines(text) == [("97140", 12)]


def test_evaluation_code_is_no_service():
    text = "Re-eval today (97164). Ther ex 20 min: rows, wall slides."
    assert lines(text) == [("97110", 20)]


# 2. "Timed N min" opening a line ---------------------------------------------------------------

def test_timed_line_is_a_total_not_more_minutes():
    text = ("Shoulder impingement, 4/10.\nTE 25 min: scap retraction, ER with band.\n"
            "Manual 6 min: GH posterior glides.\nTimed 31 min.")
    assert lines(text) == [("97110", 25), ("97140", 6)]


def test_timed_inside_a_sentence_is_not_the_total():
    text = "Neck 5/10. Manual 20 min to the cervical paraspinals, timed with the clinic clock."
    assert lines(text) == [("97140", 20)]


# 3. minutes that shift the clock ----------------------------------------------------------------

def test_arriving_early_adds_no_minutes():
    text = "Ankle sprain, 3/10. Balance work 12 min on foam. Her ride came 15 min early so we stopped."
    assert lines(text) == [("97112", 12)]


def test_starting_late_adds_no_minutes():
    text = "Hip OA. Ther ex 23 min: bridges, clams. Started ten minutes late, he was stuck in traffic."
    assert lines(text) == [("97110", 23)]


def test_minutes_of_a_service_still_read():
    text = "Hip OA. Ther ex 23 min: bridges, clams. Then gait training 10 min with the cane."
    assert lines(text) == [("97110", 23), ("97116", 10)]


# 4. an area resting on a prop -------------------------------------------------------------------

def test_knees_over_a_bolster_are_no_area_treated():
    text = "LBP 5/10. Lumbar mobs and STM to the paraspinals 20 min, supine with knees over a bolster."
    assert _regions(text) == {"lumbar"}


def test_feet_up_on_pillows_are_no_area_treated():
    text = "Neck tight. Myofascial release to the upper traps 25 minutes, feet up on pillows."
    assert "lower_extremity" not in _regions(text)


def test_area_worked_near_a_bolster_still_counts():
    text = "Calf strain. STM to the calves 15 min, prone with a bolster under the ankles."
    assert "lower_extremity" in _regions(text)


# 5. pain-free with an activity by the end -------------------------------------------------------

def test_pain_free_with_an_activity_by_the_end_is_zero_after():
    text = "R knee 4/10 on stairs. TE 25 min: squats, lunges. Pain-free with lunges by the end."
    assert pain(text) == (4, 0)


def test_pain_free_during_an_activity_at_the_end_is_zero_after():
    text = "Shoulder 5/10 reaching overhead. Manual 15 min GH mobs. Pain free during reaching at the end."
    assert pain(text) == (5, 0)


def test_pain_free_with_an_activity_without_timing_is_no_after_score():
    text = "R knee 4/10 on stairs. TE 25 min: squats. Usually pain free with walking."
    assert pain(text)[1] is None


# 6. a technique named as a handout -------------------------------------------------------------

def test_exercise_handout_is_no_service_waiting_for_minutes():
    text = "Low back 6/10. Manual therapy 20 min lumbar PA glides. Gave him the bridging handout."
    assert lines(text) == [("97140", 20)]
    assert RuleId.MISSING_DURATION not in _flags(text)


def test_exercise_done_then_a_handout_is_still_billed():
    text = "Low back 6/10. Bridges and dead bugs 15 min, handout given."
    assert lines(text) == [("97110", 15)]


def test_code_beside_other_words_defers_to_the_words():
    text = ("LOG\nmin | code | what\n12 | 97140 | Swedish to the upper back\n15 | 97110 | rows, band pull-aparts\n"
            "Upper back ache 5/10.")
    assert lines(text) == [("97110", 15), ("97124", 12)]


def test_codes_quoted_from_a_schedule_are_not_services():
    text = "The schedule listed 97530 and 97112, but today it was ther ex 25 min only: squats, step-ups."
    assert lines(text) == [("97110", 25)]
