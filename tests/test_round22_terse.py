"""Round 22, terse shorthand and raw recogniser run-ons (w104/w105 voices, our own phrasings): the
charting abbreviation LB, "remainder of the 45" naming its total, "=" between minutes and the
service, written shares ("1/3 of that"), "remaining time", "total hands-on" after the minutes, a
distance in feet that is no foot, and closing verbs of doing ("finished off with")."""

from __future__ import annotations

import pytest

from models import FactKind
from tests.reading import lines, run


def _areas(text: str) -> set[str]:
    return {f.area for f in run(text).facts if f.kind == FactKind.area}


def _treatment_areas(text: str) -> set[str]:
    return {a.area for t in run(text).treatments for a in t.areas}


@pytest.mark.parametrize("text", [
    "Pt c/o LB stiffness after gardening. STM LB x 15'.",
    "HP to LB 10 min, then Swedish to LB and neck 30 min.",
])
def test_lb_is_the_charting_abbreviation_of_low_back(text):
    assert "low_back" in _areas(text)


def test_lb_after_a_count_is_pounds_not_low_back():
    assert "low_back" not in _areas("Ther ex 20 min: goblet squats with a 15 LB kettlebell, L knee.")


@pytest.mark.parametrize("text, expected", [
    ("45' hands-on; first 15' = HP to lumbar, remainder of the 45 = Swedish back.", [("97010", 15), ("97124", 30)]),
    ("Sixty min session. Hot pack neck first 10 min, the rest of the 60 min deep tissue full body.",
     [("97010", 10), ("97124", 50)]),
])
def test_the_rest_of_a_total_named_by_number_is_the_total_less_its_parts(text, expected):
    assert sorted(lines(text)) == sorted(expected)


def test_the_rest_of_a_count_that_is_no_total_reads_nothing():
    assert sorted(lines("Ther ex 3 sets of 10; the rest of the 3 sets skipped. Swedish neck 20 min.")) == [
        ("97110", None), ("97124", 20)]


def test_a_written_share_and_the_remaining_time_split_the_hands_on_total():
    text = "30' total hands-on.\n1/3 of that on the neck: STM suboccipitals.\nRemaining time Swedish back."
    assert sorted(lines(text)) == [("97124", 20), ("97140", 10)]


def test_remaining_time_with_no_service_after_it_times_nothing():
    text = "Swedish back 40 min of a 50 min session. Remaining time spent on paperwork."
    assert lines(text) == [("97124", 40)]


def test_a_distance_in_feet_is_no_foot():
    text = ("RHP, R shoulder pain. STM R infraspinatus 12 min then ther ex 15 min band ER IR "
            "then long toss out to one hundred twenty feet")
    assert "foot" not in _areas(text)


@pytest.mark.parametrize("text", ["Balance: stance on one foot 3x30 sec, 10 min.", "Swedish to both feet 20 min."])
def test_one_foot_and_both_feet_are_the_part(text):
    assert "foot" in _areas(text)


def test_a_service_dictated_with_a_closing_verb_waits_for_its_minutes():
    text = ("gait training with a walker eighteen minutes. ther ex twelve minutes bridges and clams. "
            "we wrapped up with a little standing balance work at the counter. ice on the knee ten minutes.")
    extraction = run(text)
    balance = [t for t in extraction.treatments if t.cpt == "97112"]
    assert balance and balance[0].minutes is None and not balance[0].named_only
