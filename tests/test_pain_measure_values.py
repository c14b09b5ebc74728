"""A value restated for a functional measure is not a pain score (issue 13).

"Hold time up to 12 seconds on the right, was 6" gives a measure now and before; "was 6" has no
pain word near it and belongs to the seconds said before it. Phrasings written here.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import PainFact, Transcript


def scores(text: str) -> list[tuple[int, str]]:
    ex = extract(Transcript.from_text(text))
    return [(f.score, f.timing.value) for f in ex.facts if isinstance(f, PainFact)]


@pytest.mark.parametrize(
    "text, before",
    [
        ("Hip pain 4/10 on arrival. Balance work 15 min. Tandem stance up to 12 seconds on the right, was 6.", 4),
        ("Shoulder pain 5/10 before. Joint mobs 10 min. Flexion now 150 degrees, was 9.", 5),
        ("Knee pain 3/10 today. Ther ex 20 min. Sit to stand 8 reps in 30 s, was 5.", 3),
    ],
)
def test_earlier_value_of_a_measure_is_no_pain_score(text, before):
    assert scores(text) == [(before, "before")]


def test_score_said_with_a_pain_word_beside_a_measure_stays():
    text = "Neck pain 6/10 before. Swedish 30 min. Rotation 70 degrees, pain was 2."
    assert (2, "after") in scores(text)
