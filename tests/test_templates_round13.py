"""Round 13: an EMR template's rows, each a service of its own with its own label, status and minutes.

A PT daily note pasted from an EMR lists one service per row: a label (often with its billing
code), a separator, and a field that holds either the minutes or a status ("N/A", "held",
"deferred"). The status speaks of its own row only; the billing code is no number of minutes; a
flowsheet's bare "x10" under a row is reps. Phrasings are our own, not the blind corpus's."""

from __future__ import annotations

import pytest

from extraction.components.templates import not_done_rows
from tests.reading import lines, run


# --- a billing code, a dash, then the row's minutes -------------------------------------------

@pytest.mark.parametrize("row, code, minutes", [
    ("Ther ex 97110 - 22 min: step-ups, lateral walks", "97110", 22),
    ("Manual therapy 97140 – 11 min: PA glides L3-L4", "97140", 11),
    ("Gait training 97116 - 9 min: SPC, 100 ft x3", "97116", 9),
    ("Neuro re-ed 97112 — 14 min: tandem stance, foam", "97112", 14),
])
def test_a_code_then_a_dash_then_minutes_is_a_row_not_a_range(row, code, minutes):
    assert (code, minutes) in lines(f"Interventions:\n{row}\n")


def test_a_real_range_of_minutes_is_still_a_range():
    got = run("Manual therapy 12-16 min to the cervical paraspinals.\n")
    treatment = next(t for t in got.treatments if t.cpt == "97140")
    assert (treatment.minutes, treatment.minutes_max) == (12, 16)


# --- a row's not-done status negates that row and no other ------------------------------------

@pytest.mark.parametrize("row", [
    "Cold pack - N/A",
    "Hot pack: held",
    "Moist heat - held, clinic running late",
    "Ultrasound (97035): deferred until re-eval",
    "E-stim - not indicated",
    "Ice – none today",
    "Cryotherapy - declined by pt",
])
def test_a_not_done_row_bills_nothing(row):
    note = f"Interventions:\nTher ex 97110 - 20 min: bridges, clamshells\n{row}\n"
    assert lines(note) == [("97110", 20)]


def test_the_status_reaches_only_its_own_row():
    note = ("Interventions:\nManual therapy 97140: 10 min, STM to R upper trap\n"
            "Hot pack - N/A\nTher ex 97110: 15 min, chin tucks\n")
    assert lines(note) == [("97110", 15), ("97140", 10)]


def test_items_joined_on_one_line_keep_their_own_status():
    note = "Modalities: hot pack 10 min to low back; ultrasound - N/A\nTher ex 25 min: bird dog\n"
    assert [code for code, _ in lines(note)] == ["97010", "97110"]


def test_a_hold_with_seconds_is_an_exercise_hold_not_a_status():
    # "held 30s" is how long a stretch was held: the row is done and keeps its minutes
    note = "Interventions:\nTher ex 97110 - 12 min: hamstring stretch - held 30s x3\n"
    assert lines(note) == [("97110", 12)]


def test_a_status_word_inside_a_word_is_no_status():
    assert not_done_rows("Ther ex: 15 min - nausea after bridges\n") == []
    assert not_done_rows("Gait - national park walk\n") == []


def test_the_row_runs_from_its_line_start_to_its_status():
    text = "Ther ex 20 min\nIce pack - N/A\n"
    (start, end), = not_done_rows(text)
    assert text[start:end].strip(" -") == "Ice pack"


# --- minutes the row does not give ------------------------------------------------------------

def test_a_row_sent_to_the_flowsheet_has_no_minutes_from_its_reps():
    note = ("Interventions:\nManual 97140 - 12 min: GH glides\nTher ex 97110 - per flowsheet\n"
            "   pulleys\n   ER band 2x12\n   wall push-ups x10\n")
    assert lines(note) == [("97110", None), ("97140", 12)]


def test_a_single_set_under_a_timed_row_is_reps():
    note = ("Interventions:\n- Ther ex (97110): 16 min\n      clamshells 2x15\n      bridges x10\n"
            "- Manual (97140): 9 min, patellar glides\n")
    assert lines(note) == [("97110", 16), ("97140", 9)]


def test_a_times_count_away_from_any_flowsheet_still_times_its_service():
    # counter-test: no sets-by-reps around it, so "Massage x20" is twenty minutes as before
    assert lines("Swedish massage x20 to the back and neck.\n") == [("97124", 20)]


# --- a posture cue in a drill is no treated area ----------------------------------------------

@pytest.mark.parametrize("cue", ["pelvic level", "pelvic drop", "pelvic obliquity"])
def test_a_pelvic_posture_cue_is_no_pelvic_area(cue):
    got = run(f"Neuro re-ed 97112 - 9 min: SLS on R w/ cues for {cue}\n")
    regions = {r.value for t in got.treatments for a in t.areas for r in a.regions}
    assert "pelvic" not in regions


def test_the_pelvis_treated_is_still_the_pelvis():
    got = run("Manual therapy 10 min: MET to correct pelvic alignment, psoas release\n")
    regions = {r.value for t in got.treatments for a in t.areas for r in a.regions}
    assert "pelvic" in regions


def test_a_spinal_level_before_a_count_makes_no_flowsheet():
    # counter-test: "L3-5 x20" is a level then twenty minutes, in a note said as one line
    note = "lumbar PA mobs gr 3 L3-5 x20, then core ther ex x20 - bird dogs, dead bugs"
    assert lines(note) == [("97110", 20), ("97140", 20)]
