"""Two techniques in one massage memo, the second one's minutes said bare (issue 13, round 7).

Each class with phrasings written here: a count without a unit that closes a technique's clause
before an aside ("..., twenty, mostly the ..."), after a hedge ("I'd guess ten of that"), or fixed
aloud ("fifteen, no sorry, it was twenty"); "the back half of the hour" and "the back of the
knee" that name no back; a moment of the visit ("by the ten minute mark") that is no service's
time; band pull-aparts as therapeutic exercise.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


def billed(text: str) -> list[tuple[str, int | None]]:
    """(code, minutes) of every treatment, in order."""
    return [(t.cpt, t.minutes) for t in ex(text).treatments]


def regions(text: str) -> list[set[str]]:
    return [{r.value for a in t.areas for r in a.regions} for t in ex(text).treatments]


# --- a bare count closing the second technique's clause, before an aside --------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Deep tissue on the calves, twenty minutes. Then trigger point on the right piriformis, fifteen, "
         "the spot that refers down the leg.", [("97124", 20), ("97140", 15)]),
        ("Swedish to the back for thirty minutes. Myofascial release on both forearms, ten, he types all day.",
         [("97124", 30), ("97140", 10)]),
    ],
)
def test_bare_count_before_an_aside_is_the_second_techniques_minutes(text, expected):
    assert billed(text) == expected


def test_small_bare_count_before_an_aside_is_no_minutes():
    # "three" after the area is no time (under the five-minute floor): the technique stays untimed
    assert billed("Trigger point on the left trap, three, maybe four knots.") == [("97140", None)]


# --- a hedge before the count -----------------------------------------------------------------

@pytest.mark.parametrize(
    "text, minutes",
    [
        ("Some pin and stretch on the hamstrings, I'd guess ten of that.", 10),
        ("Myofascial work on the neck, probably twenty.", 20),
    ],
)
def test_hedged_bare_count_closing_the_clause_is_minutes(text, minutes):
    assert billed(text) == [("97140", minutes)]


# --- a bare count fixed aloud ------------------------------------------------------------------

def test_bare_count_corrected_aloud_keeps_the_last_count():
    text = "Trigger point along the right paraspinals, fifteen, no sorry, it was twenty. Swedish on the legs, 25 minutes."
    assert billed(text) == [("97140", 20), ("97124", 25)]


# --- "the back" that is a part of something else ------------------------------------------------

def test_back_half_of_the_hour_is_no_back():
    text = "Myofascial release on the neck, twenty minutes. The back half of the hour was Swedish on the calves, thirty minutes."
    assert regions(text) == [{"cervical"}, {"lower_extremity"}]


def test_back_of_a_joint_is_no_back():
    text = "Trigger point on the right shoulder, the back of the cuff mostly, twenty minutes."
    assert regions(text) == [{"upper_extremity"}]


def test_the_back_itself_is_still_the_back():
    assert regions("Swedish massage on the back, twenty minutes.") == [{"thoracic", "lumbar"}]


# --- a moment of the visit --------------------------------------------------------------------

def test_minute_mark_is_a_moment_not_a_service():
    text = "Swedish, forty-five minutes, full body. She dozed off around the fifteen minute mark."
    assert billed(text) == [("97124", 45)]


# --- band pull-aparts ---------------------------------------------------------------------------

def test_band_pull_aparts_are_therapeutic_exercise():
    text = "Swedish on the upper back, twenty minutes. Then band pull-aparts, ten minutes, I cued her form."
    assert billed(text) == [("97124", 20), ("97110", 10)]
