"""Issue 13, round 5: terse industrial-rehab flowsheets (clock blocks, 'P:' scores, charting
abbreviations), in phrasings written here, not copied from any case.

- a 24-hour block without a colon ("TherEx 1340-1402") is a time range, and what its row lists
  ("20# x12", "3 x 60'", "bike 6'") is reps, feet or part of the block, not more minutes;
- "P: 6 -> 2" labels a pain change, where "P: cont 2x/wk" still heads a plan;
- a correction between two clock blocks corrects the times and keeps the service;
- charting abbreviations: L/S, C/S, UE/LE, CTS, "lat epicondyle", nerve glides, "last wk",
  "cut session short", "Next:".
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Context, Transcript


def run(text: str):
    return extract(Transcript.from_text(text))


def billed(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in run(text).treatments)


def regions(text: str) -> set[str]:
    return {r.value for t in run(text).treatments for a in t.areas for r in a.regions}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("TherEx 1340-1402: clamshells, bridges\nMT 1402-1411: STM R hamstring", [("97110", 22), ("97140", 9)]),
        ("1515-1540 TherAct: box carry 25# x6\n1540-1548 NMRE: tandem walk", [("97112", 8), ("97530", 25)]),
        ("Gait trng 0705 to 0719 with walker", [("97116", 14)]),
    ],
)
def test_a_colonless_24_hour_block_is_a_time_range(text, expected):
    assert billed(text) == expected


def test_a_four_digit_number_alone_is_no_time():
    assert billed("Ran 1500 meters before the visit. Swedish to the back 30 min.") == [("97124", 30)]


def test_what_a_clock_row_lists_is_no_extra_minutes():
    text = ("TherAct 1000-1025 lifting sim: tote lift 20# x12, push cart 3 x 60'\n"
            "TherEx 1025-1037 bike 6', bird dog 2x10, side plank x30s")
    assert billed(text) == [("97110", 12), ("97530", 25)]


def test_indented_rows_under_a_clock_row_belong_to_it():
    text = ("TherAct 1300-1330 job sim:\n"
            "   bucket carry 30# x8\n"
            "   ladder climb 4 x 12'\n"
            "TherEx 1330-1340: squats 3x10")
    assert billed(text) == [("97110", 10), ("97530", 30)]


def test_a_count_after_a_times_sign_starts_no_range():
    assert billed("Gait trng w/ cane 200' x2 - 11 min") == [("97116", 11)]


def test_a_pain_label_is_no_plan_heading():
    extraction = run("P: 6 -> 2\nTherEx 0900-0915: heel raises\nMT 0915-0925: STM L calf")
    assert (extraction.pain_before.score, extraction.pain_after.score) == (6, 2)
    assert billed("P: 6 -> 2\nTherEx 0900-0915: heel raises") == [("97110", 15)]


def test_a_plan_heading_still_plans():
    assert billed("TherEx 0900-0915: heel raises\nP: cont 2x/wk, add IASTM 8 min next wk") == [("97110", 15)]


def test_next_heads_a_plan():
    assert billed("STM L/S 12 min\nNext: add MT 10 min, progress carry") == [("97140", 12)]


def test_a_typed_correction_of_a_clock_block_keeps_the_service():
    text = "TherEx 0800-0815 -- correction, 0800-0819, pt asked for more:\n   wall sits, step-ups"
    assert billed(text) == [("97110", 19)]


@pytest.mark.parametrize(
    "text, region",
    [
        ("Jt mobs L/S gr III 10 min", "lumbar"),
        ("STM C/S paraspinals 9 min", "cervical"),
        ("TherEx 15 min BLE strengthening", "lower_extremity"),
        ("TherAct 14 min RUE overhead reach", "upper_extremity"),
    ],
)
def test_charted_region_abbreviations(text, region):
    assert regions(text) == {region}


def test_lat_before_an_epicondyle_is_lateral_not_the_latissimus():
    assert regions("IASTM R lat epicondyle 8 min") == {"upper_extremity"}
    assert regions("STM to the R lat 10 min") == {"thoracic"}


def test_charted_condition_abbreviations_carry_their_side():
    conditions = {(f.condition, f.laterality.value) for f in run("R CTS, L lat epicondylitis. TherEx 10 min").facts
                  if f.kind == "condition"}
    assert {("carpal_tunnel", "right"), ("lateral_epicondylitis", "left")} <= conditions


def test_nerve_glides_are_exercise_not_joint_mobilization():
    assert billed("TherEx 0900-0914: ulnar n. glides, radial nerve glides, grip") == [("97110", 14)]
    assert ("97140", 8) in billed("Carpal mobs, dorsal glides 8 min")


def test_last_week_measure_is_no_score():
    extraction = run("Pain 5/10 pre. TherEx 20 min. Post 3/10. AROM flex 0-140 (120 last wk).")
    assert extraction.pain_after.score == 3


def test_cutting_the_session_short_is_a_reduced_session():
    facts = run("TherEx 0900-0910: bridges. Pt had to cut tx short for a ride.").facts
    assert any(f.kind == "cue" and f.cue.value == "reduced_session" and f.context == Context.performed for f in facts)


def test_a_dash_and_a_new_subject_end_a_negation():
    facts = run("No US today - pt had to leave early. TherEx 0900-0912: squats").facts
    assert any(f.kind == "cue" and f.cue.value == "reduced_session" and f.context == Context.performed for f in facts)
    assert not any(f.kind == "technique" and f.technique == "ultrasound" and f.context == Context.performed for f in facts)
