"""Pain scores among numbers that are not pain, quoted client words and calqued scales (issue 13, round 6).

Classes: an appointment time after a day ("see her Tuesday at 4") and a visit count labelling the
note ("visit 5/12") are no scores; a distance measure's earlier value ("20 km a week, now 0") is
no score; a non-native speaker's scale ("six on ten", "five from ten") reads like "out of ten",
its "ten" the scale; a score said of a body part past a copula, an article or a quote mark
('her neck was "a good seven"') has its pain context in its subject and is never minutes.
Phrasings written here, not taken from the corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import DurationFact, PainFact, Transcript


def scores(text: str) -> list[tuple[int, str]]:
    ex = extract(Transcript.from_text(text))
    return [(f.score, f.timing.value) for f in ex.facts if isinstance(f, PainFact)]


@pytest.mark.parametrize(
    "text",
    [
        "Neck pain 6/10 at start. Swedish massage 30 min to neck. Eased to 2/10. Rebooked her Tuesday at 4.",
        "Neck pain 6/10 at start. Swedish massage 30 min to neck. Eased to 2/10. See him again tomorrow at 9.",
        "Neck pain 6/10 at start. Swedish massage 30 min to neck. Eased to 2/10. Next appt Thurs at 8.",
    ],
)
def test_appointment_time_after_a_day_is_no_score(text):
    assert scores(text) == [(6, "before"), (2, "after")]


@pytest.mark.parametrize(
    "text",
    [
        "Knee - visit 5/12\nKnee pain 6/10 on arrival. Ther ex 25 min. Post 3/10.",
        "This is visit 4/10. Knee pain 6/10 on arrival. Ther ex 25 min. Post 3/10.",
    ],
)
def test_visit_count_fraction_is_no_score(text):
    assert scores(text) == [(6, "before"), (3, "after")]


@pytest.mark.parametrize("noun", ["session", "visit"])
def test_fraction_after_end_of_visit_stays_a_score(noun):
    text = f"Hip pain 5/10 on arrival. Ther ex 20 min. End of {noun} 2/10."
    assert scores(text) == [(5, "before"), (2, "after")]


def test_earlier_value_of_a_distance_is_no_score():
    text = "Heel pain x 6 wk. Cycling 20 km per week before, now 0. Heel pain 5/10 today. Manual therapy 15 min. After 2/10."
    assert (0, "before") not in scores(text)
    assert scores(text)[0] == (5, "before")


@pytest.mark.parametrize(
    "before, after",
    [("six on ten", "two on ten"), ("six from ten", "two from ten"), ("6 on 10", "2 on 10")],
)
def test_calqued_scale_reads_like_out_of_ten(before, after):
    text = (f"Client has neck pain since three week, pain is {before} when arriving. "
            f"Swedish massage neck twenty five minutes. After massage she is saying {after}.")
    got = scores(text)
    assert got[0] == (6, "before") and got[-1] == (2, "after")
    assert all(score != 10 for score, _ in got)


def test_scale_ten_of_a_calque_is_never_a_score_on_arrival():
    text = "Patient with knee pain, by scale eight from ten on arrival. Ther ex twenty minutes. At the end three from ten."
    assert scores(text) == [(8, "before"), (3, "after")]


@pytest.mark.parametrize(
    "said",
    [
        'her upper back was "a good seven, worst at the desk"',
        "her upper back was a seven coming in",
        'the left hip was "a steady seven," she said',
    ],
)
def test_score_said_of_a_body_part_has_pain_context(said):
    text = f"Memo to Dr. Ames. On arrival {said}. Deep tissue to the thoracic paraspinals, thirty minutes. Ended at a three."
    got = scores(text)
    assert got[0] == (7, "before")
    assert (3, "after") in got


def test_rating_of_a_body_part_is_not_minutes():
    text = 'Her neck was "a solid eight" today. Swedish massage to the neck 30 minutes. Down to a four after.'
    ex = extract(Transcript.from_text(text))
    minutes = [f.minutes for f in ex.facts if isinstance(f, DurationFact)]
    assert 8 not in minutes
    assert scores(text)[0] == (8, "before")
