"""Session 11, round 28: pain scored on a named scale, often by staff for a client who cannot rate it
(PAINAD, FLACC, Wong-Baker FACES), and a score said "for pain" (domain.md section 8)."""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def _pain(text: str) -> tuple[int | None, int | None]:
    found = extract(Transcript.from_text(text))
    return (found.pain_before.score if found.pain_before else None,
            found.pain_after.score if found.pain_after else None)


def _minutes(text: str) -> list[int | None]:
    return [t.minutes for t in extract(Transcript.from_text(text)).treatments]


@pytest.mark.parametrize("scale", ["PAINAD", "FLACC", "CNPI", "NOPPAIN"])
def test_an_observational_scale_acronym_carries_the_score_like_a_pain_word(scale):
    text = (f"Resident with advanced dementia. {scale} 3 on arrival. Therapeutic exercise seated, "
            f"marches and heel raises, 15 minutes. {scale} 1 at the end of the session.")
    assert _pain(text) == (3, 1)


def test_an_unknown_acronym_before_a_number_is_no_score():
    text = "BUE ther ex with the ball, 15 minutes, XYZQ 3 sets. Tolerated well."
    assert _pain(text) == (None, None)


def test_a_rating_on_a_named_scale_is_no_duration():
    text = ("Left knee pain, he picked the face for a four on the Wong-Baker FACES scale. "
            "Knee extension and mini squats 20 minutes.")
    assert _pain(text)[0] == 4
    assert _minutes(text) == [20]


def test_the_staff_scoring_on_the_scale_named_after_the_number():
    text = ("The aide scored her a 5 on the PAINAD this morning. Gait training with the rollator, "
            "12 minutes, then seated ther ex 10 minutes.")
    assert _pain(text)[0] == 5


def test_a_number_said_for_pain_is_that_score():
    text = ("Hip pain a three when she came down. Standing balance at the counter 15 minutes. "
            "Still a one for pain on leaving.")
    assert _pain(text) == (3, 1)
