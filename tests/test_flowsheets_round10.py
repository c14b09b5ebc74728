"""Round 10: workers' comp / industrial rehab flowsheets (issue 13).

Classes: work simulation and material-handling tasks are 97530 (CPT: "dynamic activities to
improve functional performance"), and the rows under such a block are part of it; a count after a
load ("tote 20 lb x12") is reps; a service the chart says was held is not done; the client's job
demands are context, not services; "at d/c" times a pain score as after; an exercise's posture
("push-ups from knees") is not an area of its own; an ambient recording's "Okay, dictation."
opens the wrap-up, which restates a service timed in passing with the same minutes.
Phrasings written here, not taken from the corpus."""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def _ex(text: str):
    return extract(Transcript.from_text(text))


def _lines(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in _ex(text).treatments)


@pytest.mark.parametrize("heading", [
    "Work sim", "Job sim", "Job simulation", "Material handling", "Lift/carry circuit", "Push/pull",
    "Lift mechanics training",
])
def test_a_work_conditioning_block_is_therapeutic_activities_with_its_rows(heading):
    text = ("R shoulder, WC. Pain 5/10 in.\n"
            "0900-0915  TE: band rows 3x12, wall slides 2x10\n"
            f"0915-0940  {heading}: tote lift waist to shelf 15# x10; carry 20# 80 ft x3; cart push 120#\n"
            "Pain 3/10 after.")
    assert _lines(text) == [("97110", 15), ("97530", 25)]


def test_work_tasks_in_a_sentence_take_the_minutes_said_of_them():
    text = "Low back, work injury. Practiced crate lifts and a box carry at the mock dock, 18 minutes. Pain 4 to 2."
    assert _lines(text) == [("97530", 18)]


def test_a_count_after_a_load_is_reps_not_minutes():
    text = ("L knee WC. TE 0800-0825: step-ups, squats.\n"
            "Lift/carry circuit, not timed: tote 20 lb x12, bucket carry 30# x15, ladder climb x4.\n"
            "Knee 4/10 -> 2/10.")
    ex = _ex(text)
    tasks = [t for t in ex.treatments if t.cpt == "97530"]
    assert len(tasks) == 1 and tasks[0].minutes is None


def test_a_count_after_a_load_stays_minutes_when_a_unit_says_so():
    text = "Work sim 20# x10 reps, 15 min. Back pain 4/10 -> 3/10."
    assert _lines(text) == [("97530", 15)]


@pytest.mark.parametrize("held", [
    "Held ultrasound today, skin irritation from the gel last week.",
    "Holding the joint mobs until the MD rechecks the fracture.",
])
def test_a_service_the_chart_says_was_held_is_not_billed(held):
    text = f"Wrist, WC. Pain 6/10. {held} Ther ex 20 min: putty, wrist curls 1# 3x15. Pain 4/10 after."
    assert _lines(text) == [("97110", 20)]


def test_holding_a_stretch_later_in_a_sentence_still_counts():
    text = "Calf stretch held 30 s x3 and heel raises, ther ex 15 min. Ankle 3/10 -> 1/10."
    assert _lines(text) == [("97110", 15)]


@pytest.mark.parametrize("job", [
    "His job requires lifting and carrying 50 lb sacks and pushing carts all day.",
    "Duties include transfer training of residents and bed mobility assists.",
])
def test_the_clients_job_demands_are_no_service(job):
    text = f"Low back strain at work. {job} LBP 6/10. Ther ex 0900-0930: bird dog, bridges. LBP 4/10 after."
    assert _lines(text) == [("97110", 30)]


@pytest.mark.parametrize("phrase", ["at d/c", "upon d/c.", "on d/c"])
def test_a_score_at_discharge_abbreviated_is_the_after_score(phrase):
    text = f"Neck, WC. 7/10 on arrival. MT 12 min, TE 20 min. Rates 3/10 {phrase}"
    ex = _ex(text)
    assert (ex.pain_before.score, ex.pain_after.score) == (7, 3)


def test_an_exercise_posture_area_makes_no_service_waiting_for_minutes():
    text = ("LBP, WC. 5/10 in.\n"
            "1400-1422 lumbar stab: dead bug 2x10; push-ups from knees 2x8; bird dog 2x10\n"
            "3/10 post.")
    ex = _ex(text)
    assert _lines(text) == [("97110", 22)]
    assert {r for t in ex.treatments for a in t.areas for r in a.regions} <= {"lumbar"}


def test_a_dictation_cue_opens_the_wrap_up_that_restates_the_timed_service():
    text = ("Workers' comp, shoulder. How is it today? Five. I'll do some joint mobs on the shoulder for "
            "about ten minutes. Okay, now floor to waist lifting and the overhead tote lift. Good. Pain now? "
            "Three. Okay, dictation. Manual therapy, shoulder mobilization, 10 minutes. Therapeutic "
            "activities, lifting and carrying, 20 minutes. Pain 5 to 3.")
    assert _lines(text) == [("97140", 10), ("97530", 20)]


def test_a_passing_service_with_other_minutes_than_the_wrap_up_is_not_folded():
    text = ("Back. Ten minutes of soft tissue on the low back first. Then the lifting. "
            "For the note: soft tissue to the hips, 15 minutes; lifting and carrying 20 minutes. Pain 5 to 3.")
    lines = _lines(text)
    assert ("97140", 10) in lines and ("97140", 15) in lines


def test_gripping_equipment_at_work_is_no_work_task():
    text = ("Forearm, WC. Gripping the pallet jack at work is a 6/10. STM R forearm 12 min, "
            "ther ex 15 min. 3/10 after.")
    assert _lines(text) == [("97110", 15), ("97140", 12)]
