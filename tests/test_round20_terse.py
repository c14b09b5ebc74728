"""Issue 13, round 20: thumb-typed phone notes and EMR exports whose minutes were lost.

Classes: a service abbreviation typed glued to its minutes ("NMR22min"), so the tokenizer kept one
word and neither the service nor its minutes were read. Every phrasing is written here, none from any
corpus, each class with a counter-test that keeps what must stay.
"""

from __future__ import annotations

import pytest

from extraction import extract
from extraction.pipeline import load_pipeline
from models import Transcript


def run(text: str):
    return extract(Transcript.from_text(text))


def rows(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in run(text).treatments)


# -- a service abbreviation glued to its minutes ----------------------------------------------------

@pytest.mark.parametrize("typed, cpt, minutes", [
    ("TE18min hip abd + clams", "97110", 18),
    ("NMR22min tandem stance on foam", "97112", 22),
    ("STM12min L calf", "97140", 12),
    ("DT40mins R glutes", "97124", 40),
    ("TE16' SLR + bridges", "97110", 16),
])
def test_abbreviation_glued_to_its_minutes_is_read_as_both(typed, cpt, minutes):
    assert rows(f"c/o L hip ache 5/10. {typed}. 3/10 after.") == [(cpt, minutes)]


def test_two_glued_services_keep_their_own_minutes():
    assert rows("knee OA 4/10. TE14min bike, SAQ. MT9min patellar mobs. 2/10 post") == [("97110", 14), ("97140", 9)]


@pytest.mark.parametrize("word", ["L4", "T12", "C5", "S1"])
def test_counter_spinal_levels_are_not_cut_from_their_numbers(word):
    assert word in [t.text for t in load_pipeline().make_doc(f"PA glides {word} 10min")]


# -- "x12" after soft-tissue work, with the area right after it -----------------------------------

@pytest.mark.parametrize("typed, cpt, minutes", [
    ("STM x14 L calf", "97140", 14),
    ("MFR x9 R pec minor", "97140", 9),
    ("swedish x35 full back", "97124", 35),
    ("IASTM x8 L ITB", "97140", 8),
])
def test_times_count_after_soft_tissue_work_before_its_area_is_minutes(typed, cpt, minutes):
    assert rows(f"c/o tightness 5/10. {typed}. 2/10 post") == [(cpt, minutes)]


@pytest.mark.parametrize("typed", ["gr III PA glides x30 L4-5", "cupping x6 L low back"])
def test_counter_times_count_after_counted_work_stays_a_count(typed):
    """Joint oscillations and cups are counted: the count is no minutes."""
    assert all(t.minutes is None for t in run(f"LBP 6/10. {typed}. 3/10 after").treatments)


# -- a bare count corrected to one with its unit ("15 no 18min") -----------------------------------

@pytest.mark.parametrize("said, minutes", [("15 no 18min", 18), ("30 sorry 35 min", 35), ("10 wait 12 mins", 12)])
def test_bare_count_corrected_to_minutes_keeps_the_correction(said, minutes):
    assert rows(f"L hip pain 6/10. MFR L glute med {said}. 3/10 end") == [("97140", minutes)]


def test_counter_no_before_minutes_without_a_count_still_negates():
    assert rows("neck 5/10. swedish neck 25min. no 10 min heat today. 3/10 post") == [("97124", 25)]


# -- pressure or technique blended into today's massage "as needed" --------------------------------

@pytest.mark.parametrize("blend", ["w/ deep tissue as needed", "with trigger point work as needed",
                                   "with firmer pressure prn", "incorporating deeper compressions as indicated"])
def test_technique_blended_in_as_needed_is_done_today(blend):
    text = f"Massage note\nTechnique: Swedish {blend}\nAreas treated: upper back and neck\nDuration: 40 min\nTolerated well, 2/10 after."
    assert [t.cpt for t in run(text).treatments if t.minutes == 40] == ["97124"]


def test_counter_home_advice_as_needed_stays_planned():
    text = "Swedish to the low back 30 min, 6/10 to 3/10. Pt to use ice with gentle stretching as needed."
    assert rows(text) == [("97124", 30)]


# -- a special test re-measured with a signed change in its angle ----------------------------------

@pytest.mark.parametrize("finding", ["SLR ~ +15 deg bilat", "SLR R +8 deg", "SLR by +12°"])
def test_special_test_with_signed_angle_change_is_no_exercise(finding):
    text = f"Deep tissue to bilat hamstrings 30 min, 5/10 to 2/10. Hamstring length better, {finding}."
    assert rows(text) == [("97124", 30)]


def test_counter_leg_raises_with_reps_stay_exercise():
    assert rows("hip weak. SLR x10 bilat + bridges 2x10, TE 15 min. 4/10 to 2/10") == [("97110", 15)]
