"""Round 24, the rest (paraphrases of dev22/dev24): a side said before a sided condition that
reaches into an area, a side phrase after a heading's areas, a service said as the object of a word
of order, a therapeutic-exercise list opened by a comma, a weekend phrase and "after treatment"
ending clauses of a run-on note, and a visit's length said as time in the therapist's chair."""

from __future__ import annotations

from models import Laterality
from tests.reading import lines, run


def _areas(text: str) -> dict[str, set[str]]:
    return {t.technique: {a.area for a in t.areas} for t in run(text).treatments}


def test_a_side_before_a_sided_condition_reaching_into_an_area_is_the_conditions_side():
    text = ("Chronic low back pain with left sciatica into the back of the thigh, six out of ten. "
            "Soft tissue mobilization to the lumbar paraspinals, twenty minutes.")
    sides = {f.laterality for f in run(text).facts if getattr(f, "condition", None) == "sciatica"}
    assert sides == {Laterality.left}


def test_an_unsided_condition_reaching_into_an_area_stays_unsided():
    text = ("Chronic low back pain with sciatica into the back of the thigh, six out of ten. "
            "Soft tissue mobilization to the lumbar paraspinals, twenty minutes.")
    sides = {f.laterality for f in run(text).facts if getattr(f, "condition", None) == "sciatica"}
    assert sides == {Laterality.unspecified}


def test_a_side_phrase_after_a_heading_of_areas_keeps_the_heading_with_its_service():
    text = ("Upper back, Swedish, twenty minutes.\n"
            "Calves, both sides, deep tissue massage, fifteen minutes.")
    assert "calf" in _areas(text)["deep_tissue_massage"]


def test_minutes_after_a_service_named_as_when_belong_to_the_service_before():
    text = ("Ice pack to the left shoulder after exercise, twelve minutes. "
            "Then therapeutic exercise, wall slides and rows, twenty-three minutes.")
    assert lines(text) == [("97010", 12), ("97110", 23)]


def test_a_therapeutic_exercise_list_after_a_comma_takes_in_carries_and_sled_work():
    text = "Therapeutic exercise, twenty-five minutes, goblet squats, sled pushes, farmer carries with thirty pounds."
    assert lines(text) == [("97110", 25)]


_RUN_ON = ("seen today sixty two year old woman chronic neck and low back pain says it got worse after "
           "painting the fence this past weekend moist heat low back eight minutes then soft tissue "
           "mobilization left upper trapezius twelve minutes then ther ex fifteen minutes chin tucks rows "
           "after treatment low back two out of ten continue plan twice a week")


def test_a_weekend_phrase_ends_its_statement_before_a_service_in_an_unpunctuated_note():
    assert ("97010", 8) in lines(_RUN_ON)


def test_after_treatment_opens_the_outcome_in_an_unpunctuated_note():
    assert "low_back" not in _areas(_RUN_ON)["therapeutic_exercise"]


def test_time_in_the_therapists_chair_said_mid_sentence_is_the_visits_length():
    text = ("Chair massage at the event. Swedish to the upper back, twelve minutes, then trigger point "
            "work on the right upper trap, ten minutes. She was only in my chair fifteen minutes total.")
    sessions = [f.minutes for f in run(text).facts if getattr(f, "session_length", False)]
    assert sessions == [15]
