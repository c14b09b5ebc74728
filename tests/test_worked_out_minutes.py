"""Issue 13, round 5: minutes the reader has to work out, or that are said loosely.

Classes: clock ranges said from the hour ("ten past", "a quarter to"), minutes corrected aloud,
a total with parts taken away ("the rest"), minutes taken off ("minus the first five"), a share
of the session ("the first half"), the same time again elsewhere ("same again on the right"),
loose counts ("twenty-ish minutes", "a solid half hour"), a count with the area before its
technique, and an exercise named again without minutes. Phrasings are written here, none from
any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def treatments(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in extract(Transcript.from_text(text)).treatments]


# --- clock ranges said from the hour -------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Gait training from five past nine till twenty-five to ten with the walker.", 30),
        ("Swedish to the back from a quarter past four to five.", 45),
        ("Neuro re-ed from half past eleven until a quarter to twelve on the foam.", 15),
        ("Ther ex from three till twelve minutes past three, bridges and clamshells.", 12),
        ("Manual therapy to the knee from ten to one till ten past one.", 20),
    ],
)
def test_clock_range_said_from_the_hour(text, minutes):
    assert [m for _, m in treatments(text)] == [minutes]


def test_a_score_change_is_no_relative_clock():
    assert treatments("Swedish to the neck. Pain went from six to two after.")[0][1] is None


# --- corrections aloud ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Trigger point to the left trap twelve minutes, no, nine.", 9),
        ("Ther ex fifteen minutes, make that twenty, squats and lunges.", 20),
        ("Joint mobs thirty minutes, sorry, twenty-eight, to the right shoulder.", 28),
    ],
)
def test_minutes_corrected_aloud_take_the_last_count(text, minutes):
    assert treatments(text) == [(treatments(text)[0][0], minutes)]


def test_correction_marker_inside_minutes_keeps_the_technique():
    got = treatments("Ther ex eighteen minutes, scratch that, twenty-four: rows, presses and bridges.")
    assert got == [("97110", 24)]


def test_a_correction_followed_by_reps_is_no_minutes():
    got = treatments("Ther ex twenty minutes, no 3 sets of ten squats.")
    assert got == [("97110", 20)]


# --- a total and its parts ------------------------------------------------------------------------

def test_the_rest_is_the_total_less_the_parts():
    got = treatments("Sixty minutes hands-on. Fifteen of that was MFR to the right hip, "
                     "the rest was Swedish to the upper back.")
    assert got == [("97140", 15), ("97124", 45)]


def test_the_rest_of_the_hour():
    got = treatments("Twenty-five minutes of pin and stretch on the left calf. The rest of the hour was "
                     "deep tissue to the hamstrings.")
    assert got == [("97140", 25), ("97124", 35)]


def test_the_rest_without_a_total_is_no_minutes():
    got = treatments("Trigger point to the neck ten minutes. The rest was Swedish to the back.")
    assert got == [("97140", 10), ("97124", None)]


def test_the_balance_stuff_is_no_remainder():
    got = treatments("Forty minutes in the room. Ther ex twenty minutes. The balance stuff, tandem stance "
                     "on foam, ten minutes.")
    assert ("97112", 10) in got


def test_minutes_taken_off_a_range():
    got = treatments("Deep tissue to the low back from 3:00 to 3:50, minus the last ten minutes for intake.")
    assert got == [("97124", 40)]


# --- a share of the session -------------------------------------------------------------------------

def test_halves_of_a_session_said_before():
    got = treatments("Forty minute session today. The first half was ther ex, squats and step-ups. "
                     "The second half was joint mobs to the left knee.")
    assert got == [("97110", 20), ("97140", 20)]


def test_a_share_with_no_session_is_no_minutes():
    got = treatments("The first half was ther ex, squats and step-ups.")
    assert got == [("97110", None)]


# --- the same time again ----------------------------------------------------------------------------

def test_same_again_repeats_the_last_minutes_on_the_other_side():
    got = treatments("Pin and stretch to the left hamstring, nine minutes, then same again on the right.")
    assert got == [("97140", 9), ("97140", 9)]


def test_same_again_as_a_plan_is_no_minutes():
    got = treatments("Swedish to the back thirty minutes. Same again in two weeks.")
    assert got == [("97124", 30)]


def test_that_was_the_same_count_too():
    got = treatments("Ther ex twenty minutes, bridges. Then the balance work on the wobble board, "
                     "that was twenty too.")
    assert got == [("97110", 20), ("97112", 20)]


# --- loose counts ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Then twenty-ish minutes of trigger point on the right glute.", 20),
        ("Then ten ish minutes of trigger point on the right glute.", 10),
        ("A solid half hour of Swedish on her back.", 30),
        ("A good quarter hour of MFR on the left forearm.", 15),
    ],
)
def test_loose_counts_are_minutes(text, minutes):
    assert [m for _, m in treatments(text)] == [minutes]


def test_a_count_with_its_area_before_the_technique():
    got = treatments("Joint mobs to the hip twelve minutes. Then fifteen of hip exercise, clamshells.")
    assert got == [("97140", 12), ("97110", 15)]


def test_an_exercise_named_again_without_minutes_is_the_timed_block():
    got = treatments("Ther ex twenty minutes: wall sits, step-ups. Next day she felt her quads after the "
                     "wall sits.")
    assert got == [("97110", 20)]


# --- unpunctuated speech and comparisons with the last visit ------------------------------------------

def test_for_a_count_before_a_new_subject_is_minutes():
    got = treatments("trigger point on the left glute for twelve he said it eased right off")
    assert got == [("97140", 12)]


def test_same_as_last_time_is_a_comparison_not_history():
    got = treatments("did twenty five minutes of swedish on the back same pressure as last time")
    assert got == [("97124", 25)]


def test_last_time_still_opens_history():
    got = treatments("Last time we did cupping on her back. Today Swedish to the neck 20 minutes.")
    assert got == [("97124", 20)]


def test_a_service_had_last_year_is_history():
    got = treatments("she had cupping from another therapist last year. Swedish to the neck 20 minutes today.")
    assert got == [("97124", 20)]


def test_minutes_in_total_of_one_service_stay_its_own():
    assert treatments("Swedish to the back and legs, forty minutes altogether.") == [("97124", 40)]
