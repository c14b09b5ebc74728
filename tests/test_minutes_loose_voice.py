"""Minutes in rambling voice memos (issue 13, round 6): lost, double-counted or not linked.

Each class with phrasings written here: minutes said a sentence or two after a technique that
had none, across an aside; one time said twice in two ways; a bare count after a list of areas
and sides; a score that the next work was done for; and a cut-short visit's length as its one
service's minutes.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import PainTiming, Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


def billed(text: str) -> list[tuple[str, int | None]]:
    """(code, minutes) of every treatment, in order."""
    return [(t.cpt, t.minutes) for t in ex(text).treatments]


# --- minutes after an aside fill a technique that had none ---------------------------------

@pytest.mark.parametrize(
    "text, minutes",
    [
        ("Marcus, Swedish massage, he's been coming for years. Upper back and neck, twenty-five minutes.", 25),
        ("Anita, deep tissue. She is a nurse. Both calves, thirty minutes, she liked it firm.", 30),
    ],
)
def test_minutes_after_an_aside_fill_the_technique(text, minutes):
    assert billed(text) == [("97124", minutes)]


def test_minutes_after_an_aside_do_not_add_a_block_to_a_timed_technique():
    # the technique already has its minutes: two sentences on, the hours are not the service's
    assert billed("Swedish to the legs for thirty minutes. Lovely weather. Her drive is two hours each way.") == [("97124", 30)]


def test_minutes_do_not_reach_past_a_sentence_that_says_something_of_the_session():
    # the sentence between names a score: the minutes two sentences on are not carried back
    assert [m for _, m in billed("Swedish on the back. Pain was a five. Her sister called, forty minutes late.")] != [40]


# --- one time said twice in two ways ------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "The whole hour was full body Swedish, sixty minutes, light pressure.",
        "Full body Swedish, sixty minutes, the full hour on the table with her.",
    ],
)
def test_a_time_said_again_with_a_definite_determiner_is_one_block(text):
    assert billed(text) == [("97124", 60)]


def test_equal_minutes_without_a_determiner_stay_two_blocks():
    assert billed("Swedish, fifteen minutes on the right leg, fifteen minutes on the left leg.") == [("97124", 15), ("97124", 15)]


# --- a bare count after items naming only areas or sides ----------------------------------

@pytest.mark.parametrize(
    "text, minutes",
    [
        ("Myofascial release on the hamstrings, both sides, twelve.", 12),
        ("Trigger point to the rhomboids, left side, ten.", 10),
    ],
)
def test_a_bare_count_after_sides_is_the_techniques_minutes(text, minutes):
    assert billed(text) == [("97140", minutes)]


def test_a_bare_count_after_an_aside_is_not_minutes():
    assert billed("Trigger point to the rhomboids, she is a teacher, ten.") == [("97140", None)]


# --- a score the next work was done for is a before score --------------------------------

def test_a_score_followed_by_so_i_did_is_before():
    text = ("Swedish on the back, thirty minutes. At the end she said her right trap was nagging, maybe a five, "
            "so I did eight minutes of trigger point on it. Trap felt better after, a one.")
    extraction = ex(text)
    assert extraction.pain_before is not None and extraction.pain_before.score == 5
    assert extraction.pain_after is not None and extraction.pain_after.score == 1


def test_a_score_at_the_end_without_more_work_stays_after():
    extraction = ex("Swedish on the back, thirty minutes. At the end she said it was a two, so happy.")
    assert extraction.pain_after is not None and extraction.pain_after.timing == PainTiming.after


# --- a cut-short visit's length is its one service's minutes -----------------------------

def test_a_cut_short_visits_length_is_the_one_services_minutes():
    text = "Began Swedish on her low back but her ride showed up, so we only got about twelve minutes in."
    assert billed(text) == [("97124", 12)]


def test_a_booked_length_said_first_is_not_the_services_minutes():
    assert billed("Booked a 60 minute session. Swedish on her low back.") == [("97124", None)]


def test_a_visit_length_is_not_given_when_two_services_were_done():
    text = "Swedish on her back and trigger point on the glutes, but she had to leave, we only got twenty minutes in."
    assert [m for _, m in billed(text)] != [20, 20]
