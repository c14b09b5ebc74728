"""Regions, diagnoses and pain scores, round 12 (issue 13). Phrasings our own.

Classes: a body part said only in an exercise's or a device's name (a head lift, a head-mounted
pointer, eye-head coordination, propped on elbows) is no treated area when the part complained of
is among the exercise names; the thoracolumbar (lumbodorsal) fascia is one region, the lumbar;
a year in the history is no "to 0/10"; a diagnosis dated "N years ago" is still the client's
condition; a side set off by a comma after a condition; "killing me" is pain; the answer to
"rate it?" is a score; a score said of an activity ("stairs are an eight") is the pain before,
a trailing adverb staying in its clause, while "a nine for him" may be someone else's.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript
from tests.test_extraction_blind_classes import diagnosis_codes


def run(text: str):
    return extract(Transcript.from_text(text))


def regions(text: str) -> list[tuple[str, set[str]]]:
    return [(t.cpt, {r.value for a in t.areas for r in a.regions}) for t in run(text).treatments]


def pain(text: str) -> tuple[int | None, int | None]:
    r = run(text)
    return (r.pain_before and r.pain_before.score, r.pain_after and r.pain_after.score)


@pytest.mark.parametrize(
    "text, want",
    [
        ("Neck pain 5/10. Therapeutic exercise 15 min: chin tucks with a head lift off the mat, "
         "cervical rotation AROM.", {"cervical"}),
        ("Neck pain 3/10. Neuromuscular re-ed 12 min: cervical proprioception using a head-mounted "
         "laser pointer, eye-head coordination drills.", {"cervical"}),
        ("Low back pain 6/10. Ther ex 20 min: lumbar extension series, prone on elbows, "
         "standing extensions.", {"lumbar"}),
    ],
)
def test_a_part_named_only_by_an_exercise_or_device_is_no_treated_area(text, want):
    assert regions(text)[0][1] == want


def test_an_exercise_names_part_stays_when_no_complaint_is_among_them():
    # nothing complained of matches: the exercise names are the best evidence left
    assert regions("Ther ex 15 min: shoulder flexion with a dowel, wall slides.")[0][1] == {"upper_extremity"}


def test_the_thoracolumbar_fascia_is_lumbar_while_the_junction_spans_two():
    assert regions("Myofascial release to the thoracolumbar fascia, 15 minutes.")[0][1] == {"lumbar"}
    assert regions("Myofascial release to the thoracolumbar junction, 15 minutes.")[0][1] == {"thoracic", "lumbar"}


def test_a_year_in_the_history_is_no_score():
    text = ("Intake. Appendectomy 2010, knee scope 2016. Low back aching, she puts it at 6 out of 10. "
            "Swedish massage 45 minutes to the back. Pain 2 after.")
    assert pain(text) == (6, 2)


def test_an_old_diagnosis_is_still_the_condition_treated():
    text = ("New client with fibromyalgia, diagnosed by her doctor about 8 years ago. Tender all over, "
            "pain 6/10. Swedish massage, full body, 60 minutes, light pressure. Pain 4/10 after.")
    assert "M79.7" in diagnosis_codes(text)


def test_history_said_years_ago_stays_history():
    # a past episode dated "years ago" with no diagnosis word is still the past
    text = "Sprained her left ankle years ago. Neck pain 4/10. Massage to the neck 30 minutes."
    assert not any(c.startswith("S93") for c in diagnosis_codes(text))


@pytest.mark.parametrize(
    "text, code",
    [
        ("Dx: low back pain with sciatica, right. Manual therapy to the lumbar spine 15 min.", "M54.41"),
        ("Assessment: lumbago with sciatica, left. Lumbar mobilization 12 minutes.", "M54.42"),
    ],
)
def test_a_side_after_a_comma_sides_the_condition(text, code):
    assert code in diagnosis_codes(text)


def test_a_first_person_pain_idiom_is_a_complaint():
    text = "My mid back has been killing me since the move. Thoracic mobilization 20 minutes."
    assert "M54.6" in diagnosis_codes(text)


@pytest.mark.parametrize(
    "text, want",
    [
        ("Lower back sore. Rate it? Five. Massage to the low back 30 min. Two after.", (5, 2)),
        ("Neck pain. Can you rate that? About a seven. STM neck 20 minutes. Down to 3.", (7, 3)),
    ],
)
def test_the_answer_to_rate_it_is_a_score(text, want):
    assert pain(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("Heel pain. Mornings are a six for him still. Graston to the plantar fascia 10 minutes. "
         "A three at the end.", (6, 3)),
        ("Knee pain. Stairs get to an eight for her lately. Manual therapy to the knee 12 minutes. "
         "Four after.", (8, 4)),
    ],
)
def test_a_score_said_of_an_activity_is_the_pain_before(text, want):
    assert pain(text) == want


def test_a_score_for_him_is_not_read_through_to_the_client():
    text = ("Her son's ankle is like a nine for him, he plays hockey. For her it's the neck, she said a five. "
            "Massage to the neck 30 minutes. A two after.")
    assert pain(text) == (5, 2)


def test_a_part_moved_at_its_own_region_keeps_that_region():
    # thoracic extension is not moved at the cervical spine: both regions were exercised
    assert regions("Neck pain 4/10. Ther ex 20 min: cervical rotation AROM, thoracic extension over a "
                   "foam roll.")[0][1] == {"cervical", "thoracic"}


def test_an_activity_score_in_the_past_tense_keeps_its_own_timing():
    # "were a 1 ... on the way out" recounts a check after the work, not the standing report
    text = ("Calves 5/10 on stairs. Sports massage to the legs 40 minutes. "
            "Stairs were a 1 out of 10 on the way out.")
    assert pain(text) == (5, 1)
