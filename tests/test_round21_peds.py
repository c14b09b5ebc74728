"""Round 21 (pediatric/school PT, training-room sports care, concussion and whiplash PT): each
misreading fixed as data or mechanism.

1. Numbers that measure something are no minutes: the first count of a range whose unit follows
   the second ("hip abduction from about 20 to 30 degrees", durations._measured_range), and a
   spoken range said of a heart rate ("HR one forty to one fifty", token set HEART_RATE_WORD).
2. Play and transition tasks trained "for functional mobility", "floor to stand" transitions, are
   therapeutic activities (97530); pencil push-ups and convergence work are oculomotor
   neuromuscular re-education (97112) (techniques.jsonl).
3. CP named by its topography ("spastic quad CP", "hemi CP") is cerebral palsy, not a cold pack
   (not_services.jsonl).
4. Pediatric pain scales scored 0-10 (FLACC, r-FLACC, CHIPPS, Oucher) give pain scores, and
   "walked out at N/10" is the score after (pain.jsonl, pain_timing.jsonl).
5. "Didn't get to the stairs" names one item skipped, not a session cut short (cues.jsonl).
6. A bare count corrected to minutes said with their unit ("about ten - no, more like twenty
   minutes") takes the corrected count (durations.jsonl dur.bare_then_corrected_minutes).
7. An area said with the direction of a hands-on technique right after ("lumbar rotation mobs")
   is where the work was done (linking._directed_hands_on).

Phrasings are our own; counter-tests keep the readings each change must not break."""

from __future__ import annotations

from billing import bill, load_profiles
from models import RuleId
from tests.reading import lines, pain, run


def _flags(text: str, payer: str = "commercial") -> set[RuleId]:
    return {f.id for f in bill(run(text), load_profiles().get(payer)).rule_findings}


def _regions(text: str) -> set[str]:
    return {r for t in run(text).treatments for a in t.areas for r in a.regions}


# 1. measured numbers ---------------------------------------------------------------------------

def test_range_of_degrees_after_a_hedge_is_no_minutes():
    text = ("Ben, 7. STM to both hamstrings, 10 min; popliteal angle went from about 40 to 55 degrees. "
            "Stair training with one rail, 16 min.")
    assert lines(text) == [("97140", 10), ("97530", 16)]


def test_range_of_reps_after_a_hedge_is_no_minutes():
    text = "Ther ex 18 min, squats about 10 to 12 reps, step ups."
    assert lines(text) == [("97110", 18)]


def test_hedged_count_before_to_and_minutes_is_still_minutes():
    # the unit after the second count is minutes: a range of time, read as it always was
    text = "Balance on foam about 10 to 12 minutes."
    assert lines(text)[0][0] == "97112" and lines(text)[0][1] in (10, 12)


def test_spoken_range_of_a_heart_rate_is_no_clock():
    text = ("Treadmill walking for aerobic conditioning, twenty-two minutes, heart rate one forty to one "
            "fifty-five the whole time. Balance work on the beam, ten minutes.")
    assert lines(text) == [("97110", 22), ("97112", 10)]


def test_heart_rate_said_the_sentence_before_the_range():
    text = ("Her max heart rate on the test was one seventy, so today the bike for therapeutic exercise, "
            "fifteen minutes, keeping her between one thirty and one forty.")
    assert lines(text) == [("97110", 15)]


def test_spoken_clock_range_without_a_heart_rate_stays_a_clock():
    text = "Gait training from two ten to two thirty on the hallway with the walker."
    assert lines(text) == [("97116", 20)]


# 2. pediatric activity vocabulary ----------------------------------------------------------------

def test_play_task_for_functional_mobility_is_therapeutic_activities():
    text = "Climbing on and off the couch cushions and crawling through the tunnel for functional mobility, 16 min."
    assert lines(text) == [("97530", 16)]


def test_floor_to_stand_transitions_are_therapeutic_activities():
    text = "Floor to stand through half kneel at the bench, 11 min, min A."
    assert lines(text) == [("97530", 11)]


def test_pencil_push_ups_are_oculomotor_not_strengthening():
    text = "Concussion, week 3. Pencil push-ups 3 x 10 and saccades, 12 min."
    assert lines(text) == [("97112", 12)]


# 3. CP by topography -----------------------------------------------------------------------------

def test_spastic_quad_cp_is_no_cold_pack():
    text = "Medicare. Jordan, 20, spastic quad CP. Transfer training, 24 min, mod A."
    assert lines(text) == [("97530", 24)]
    assert "BUNDLED_SERVICE" not in _flags(text, "medicare")


def test_hemi_cp_is_no_cold_pack():
    text = "Sam, 6, left hemi CP. Gait training on the treadmill, 14 min."
    assert lines(text) == [("97116", 14)]


def test_cp_after_a_muscle_is_still_a_cold_pack():
    text = "CP to the quads 10 min after ther ex 20 min."
    assert ("97010", 10) in lines(text)


# 4. pediatric pain scales and walking out ----------------------------------------------------------

def test_flacc_before_and_after():
    text = "FLACC 2 at start. STM to the left SCM, 12 min. FLACC 0 at end."
    assert pain(text) == (2, 0)


def test_r_flacc_and_oucher_are_pain_scales():
    assert pain("r-FLACC 4 at the start of the session. Ther ex 15 min. r-FLACC 1 at end.") == (4, 1)
    assert pain("Oucher 6 on arrival. Gait training 15 min. Oucher 3 after.") == (6, 3)


def test_walked_out_at_a_score_is_after():
    text = "Knee 5/10 coming in. Ther ex 20 min. Walked out at 2/10."
    assert pain(text) == (5, 2)


def test_left_side_score_is_not_read_as_leaving():
    text = "Shoulder pain, right 6/10, left at 3/10 today. Ther ex 20 min."
    assert pain(text)[1] is None


# 5. an item skipped is no reduced session ---------------------------------------------------------

def test_item_not_reached_raises_no_reduced_service():
    text = "Jumping and hopping drills for motor planning, 24 min. Didn't get to the treadmill today."
    assert "REDUCED_SERVICE" not in _flags(text)


def test_one_part_of_the_plan_not_reached_is_no_reduced_session():
    # round 9b read this as an early end; the blind writers of round 21 read an item skipped as none
    text = "Ther ex 20 min. We did not get to the stretching part of the plan."
    assert "REDUCED_SERVICE" not in _flags(text)


def test_item_not_reached_after_leaving_early_is_reduced():
    text = "Had to leave early for a dentist appointment. Balance work 12 min. We didn't get to the stairs."
    assert "REDUCED_SERVICE" in _flags(text)


def test_did_not_get_to_finish_is_reduced():
    text = "Gait training 15 min, we didn't get to finish the session, he got sick."
    assert "REDUCED_SERVICE" in _flags(text)


# 6. a bare count corrected to minutes -------------------------------------------------------------

def test_bare_count_corrected_to_minutes_takes_the_correction():
    text = "Swing for vestibular input and balance, about ten - no, more like twenty minutes."
    assert lines(text) == [("97112", 20)]


def test_correction_with_comma():
    text = "Scooter board for strengthening, maybe twelve, no, actually eighteen minutes."
    assert lines(text) == [("97110", 18)]


# 7. the direction of a hands-on technique --------------------------------------------------------

def test_area_with_direction_of_mobilization_is_treated():
    text = "Manual therapy 20 min: hip distraction and lumbar rotation mobs grade III."
    assert {"lower_extremity", "lumbar"} <= _regions(text)


def test_exercise_movement_area_stays_a_movement():
    text = "Low back pain. Ther ex 15 min: thoracic rotation stretches and cervical rotation AROM."
    assert "cervical" not in _regions(text)


def test_heart_without_rate_leaves_a_spoken_clock_range():
    text = ("she was so sweet bless her heart so i did gait training in the hall from three ten to three "
            "thirty with the rollator")
    assert lines(text) == [("97116", 20)]


def test_bare_count_dashed_off_and_corrected():
    text = "Obstacle course for balance, maybe ten - no, sixteen minutes, two laps without a rest."
    assert lines(text) == [("97112", 16)]
