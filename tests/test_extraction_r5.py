"""Issue 13, round 5: classes from the round-2 and round-3 dev sets, in phrasings written here.

- a sentence's opening history frame ("last time ...") after discourse words ("Oh, and") and
  through an aside ("which was in May"): what was done then is not billed today;
- an elliptical count: minutes said with their unit, then a second count on another area
  without it ("forty minutes on the back and then fifteen on the glutes").
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def billed(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in extract(Transcript.from_text(text)).treatments]


@pytest.mark.parametrize(
    "text",
    [
        "Trigger point to the neck 20 minutes. Oh, and last time she was here it was mostly hot stones and Swedish.",
        "Trigger point to the neck 20 minutes. Last visit, which was back in March, we did Swedish on her legs.",
        "Trigger point to the neck 20 minutes. Um, also, last session, which she loved, was all Swedish.",
    ],
)
def test_what_was_done_last_time_is_not_billed(text):
    assert billed(text) == [("97140", 20)]


def test_a_today_word_still_ends_the_frame():
    assert ("97124", 10) in billed("Last time, which was May, we did deep tissue but today Swedish 10 minutes on the back.")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Swedish 30 minutes on the back and then twenty on the legs.", 50),
        ("Deep tissue today: about twenty-five minutes on his upper back, really working the rhomboids, and then ten on the left calf.", 35),
        ("Deep tissue, forty min to the low back, fifteen to the glutes.", 55),
    ],
)
def test_an_elliptical_count_after_minutes_with_their_unit(text, expected):
    assert sum(m or 0 for _, m in billed(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a score is no count of minutes
        ("Swedish 30 minutes on the back, pain 6 on the left side.", 30),
        ("Swedish 30 minutes on the back, she rated it 7 on the right.", 30),
        # without minutes said with a unit first, a bare count before an area stays unread
        ("Swedish on the back, twenty on the legs.", 0),
        # a full stop ends the sentence the unit was said in
        ("Swedish 30 minutes on the back. Twelve on the ladder this week.", 30),
    ],
)
def test_what_is_not_an_elliptical_count(text, expected):
    assert sum(m or 0 for _, m in billed(text)) == expected
