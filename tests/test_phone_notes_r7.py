"""Thumb-typed phone notes (issue 13, round 7): minutes typed as "20m" after a technique's areas,
items joined by "+" or "/", technique names split or slipped by autocorrect, and charting
abbreviations ("functional trng", "cerv"). Phrasings are our own."""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def _lines(text: str) -> dict[str, int | None]:
    """technique -> minutes of each treatment extraction built."""
    return {t.technique: t.minutes for t in extract(Transcript(text=text)).treatments}


@pytest.mark.parametrize("text, technique, minutes", [
    ("swedish lt hamstring + calf 22m, felt good", "swedish_massage", 22),
    ("STM bilat upper traps 14m then home", "soft_tissue_mobilization", 14),
    ("myofascial release rt pec / anterior delt 18m.", "myofascial_release", 18),
    ("deep tissue glutes & piriformis 35m. sore after", "deep_tissue_massage", 35),
    ("ultrasound rt achilles 7m 3MHz", "ultrasound", 7),
])
def test_minutes_typed_with_a_letter_m_close_the_technique_clause(text, technique, minutes):
    assert _lines(text)[technique] == minutes


def test_a_count_with_m_after_an_exercise_alone_is_not_minutes_of_gait():
    # 97116 distances are metres: "amb 40m" under gait training names no minutes unless the service is named
    assert _lines("gait 40m w/ cane")["gait_training"] is None


def test_corrected_count_typed_with_m_keeps_the_last():
    assert _lines("swedish neck + shoulders 30 no wait 35m, then done")["swedish_massage"] == 35


def test_bare_count_before_a_comma_after_areas_joined_by_plus_is_minutes():
    assert _lines("swedish low back + glutes 40, lots of petrissage")["swedish_massage"] == 40


def test_bare_count_before_a_comma_after_an_exercise_stays_reps():
    # an exercise's count past its area is reps: only a named service ("ther ex") makes it minutes
    assert _lines("clamshells lt hip 12, band walks")["therapeutic_exercise"] is None


@pytest.mark.parametrize("text, technique", [
    ("deep tissues rt hamstring 25m", "deep_tissue_massage"),
    ("myo facial lt quad 20m", "myofascial_release"),
    ("trigger pints lt upper trap 10m", "trigger_point_therapy"),
])
def test_two_typed_words_slipped_from_a_technique_name_are_read(text, technique):
    assert technique in _lines(text)


@pytest.mark.parametrize("text", [
    "deep neck flexor holds",  # "neck" is a term of its own: no slip of "deep tissue"
    "her tissues felt dry today",
])
def test_a_pair_holding_a_term_of_its_own_is_no_technique(text):
    assert "deep_tissue_massage" not in _lines(text)


def test_functional_training_abbreviated_is_therapeutic_activities():
    assert _lines("functional trng 16m - carrying groceries, reaching shelves")["therapeutic_activities"] == 16


def test_cerv_is_the_neck():
    treatments = extract(Transcript(text="cerv jt mobs 12m")).treatments
    assert [a.area for a in treatments[0].areas] == ["neck"]


def test_minutes_then_full_stop_split_from_m():
    # "25m." ends the sentence: the minutes still read, and the next sentence's score is no minutes
    assert _lines("STM lumbar paraspinals 25m. 4/10 after")["soft_tissue_mobilization"] == 25


def test_a_pair_cut_short_of_a_technique_name_is_another_word():
    # "overhead reach" (a task said as a pain trigger) is not "overhead reaching" misspelled
    assert "therapeutic_activities" not in _lines("lt should hurts w/ overhead reach 6/10. swedish back 30m")


def test_one_long_word_alike_does_not_carry_a_short_other_word():
    assert "ultrasound" not in _lines("goal is a 20 minute continuous run by june")
