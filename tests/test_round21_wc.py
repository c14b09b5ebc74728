"""Round 21, workers' comp / industrial rehab notes: each misreading fixed as data or mechanism.

1. A 24-hour time read aloud after its "oh" ("oh nine hundred", "oh nine twelve", "oh seven oh
   five") is a clock time, so such a pair is a block's minutes (durations.jsonl
   dur.clock_range_spoken_military, durations._military_time).
2. Work-conditioning tasks are therapeutic activities, 97530 ("dynamic activities to improve
   functional performance"): task simulations, the FCE/NIOSH lift levels, loaded carries,
   reach-and-lift and cart push/pull (techniques.jsonl work_conditioning_tasks).
3. A minute-less technique whose own sentence says its time was not kept ("forgot to log the
   time") is a service waiting for its minutes, not the timed block of its code named again
   (linking._fold_bare_mentions, role time_missing).
4. A block's end time corrected as it is said ("1300 to 1310, sorry, 1312") runs the block to the
   corrected end (numbers.NumberTagger._corrected_end, durations.jsonl dur.clock_range_corrected_end).
5. A service the payer has not authorized ("the carrier hasn't authorized ultrasound yet") was not
   done (context.jsonl neg.not_authorized).

Phrasings are our own; counter-tests keep the readings each change must not break."""

from __future__ import annotations

from billing import bill, load_profiles
from models import RuleId
from tests.reading import lines, run


def _flags(text: str, payer: str = "commercial") -> set[RuleId]:
    return {f.id for f in bill(run(text), load_profiles().get(payer)).rule_findings}


def _billed(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in run(text).treatments if not t.named_only)


# 1. spoken 24-hour clock times ----------------------------------------------------------------

def test_spoken_military_blocks_time_each_service():
    text = ("Oh eight hundred to oh eight fifteen, joint mobs to the left talocrural joint.\n"
            "Oh eight fifteen to oh eight forty, step training and stair negotiation with a rail.")
    assert lines(text) == [("97140", 15), ("97530", 25)]


def test_spoken_military_time_with_oh_minutes():
    text = "Oh seven oh five to oh seven thirty, ther ex: bridges, clamshells, bird dogs."
    assert lines(text) == [("97110", 25)]


def test_oh_before_a_rep_range_is_no_clock():
    text = "Ther ex 20 min: oh nine to twelve reps of step-downs, then wall sits."
    assert lines(text) == [("97110", 20)]


# 2. work-conditioning task vocabulary ---------------------------------------------------------

def test_lift_simulation_and_lift_levels_are_therapeutic_activities():
    text = ("Ther ex 15 min: rows, band pull-aparts.\n"
            "Lift simulation 20 min: 30 lb tote knuckle to shoulder height x10, 3 rounds.")
    assert lines(text) == [("97110", 15), ("97530", 20)]


def test_loaded_carries_with_own_minutes_are_therapeutic_activities():
    text = "Suitcase carries 35 lb right hand, 6 laps, 12 min. Pain 3/10 after."
    assert lines(text) == [("97530", 12)]


def test_reach_and_lift_and_cart_push_are_therapeutic_activities():
    text = "Functional block 1000-1018: reach and lift to an overhead shelf, then cart push with 60 lb x 5 laps."
    assert lines(text) == [("97530", 18)]


def test_carry_inside_a_ther_ex_list_stays_ther_ex():
    text = "Ther ex 25 min: goblet squats 3x10, Pallof press, farmer carries 20 lb."
    assert lines(text) == [("97110", 25)]


# 3. a technique said to have no recorded time -------------------------------------------------

def test_untimed_remark_keeps_the_technique_its_own_service():
    text = ("Ther act 0900-0915: crate lifts floor to waist, 25 lb.\n"
            "Also some suitcase carries after, forgot to log the time on those.")
    assert sorted(t.minutes or 0 for t in run(text).treatments if t.cpt == "97530") == [0, 15]
    assert RuleId.MISSING_DURATION in _flags(text)


def test_same_code_said_again_without_remark_joins_the_block():
    text = "Ther act 0900-0915: crate lifts floor to waist, 25 lb.\nSuitcase carries too."
    assert lines(text) == [("97530", 15)]


# 4. a corrected clock end ---------------------------------------------------------------------

def test_corrected_clock_end_runs_to_the_correction():
    text = "Manual 1300 to 1310, sorry, 1312: STM to the lumbar paraspinals.\nLBP 4/10 after."
    assert lines(text) == [("97140", 12)]


def test_correction_giving_a_whole_new_block_keeps_that_block():
    text = "TE 0900-0920, no, 0930-0950: bridges, clamshells.\nManual 0950-1000 STM lumbar."
    assert lines(text) == [("97110", 20), ("97140", 10)]


# 5. not authorized by the payer ---------------------------------------------------------------

def test_service_not_authorized_is_not_done():
    text = "Carrier hasn't authorized ultrasound yet. Ther ex 25 min: rows, band pull-aparts. Shoulder 5/10."
    assert _billed(text) == [("97110", 25)]
    assert RuleId.UNTIMED_MENTION not in _flags(text)
    assert [t.cpt for t in run(text).treatments] == ["97110"]


def test_authorization_pending_for_one_service_leaves_the_others():
    text = ("Pending authorization for manual therapy. Gait training 10 min on the treadmill, "
            "then ther ex 15 min: heel raises.")
    assert lines(text) == [("97110", 15), ("97116", 10)]
