"""Round 23, pain retold (our own phrasings): the result told first with a closing verb ("ended the
session at", "wrapped up at", "she finished with ... at"), a home visit timed by the therapist's own
leaving ("when I left"), "when we started", "till"/"until" standing for "to" in a drop, a number that
drops to a number, "after the treatment, three", "gave five", "hurting", and a billing code list that
restates the services marking no moment of the session."""

from __future__ import annotations

import pytest

from tests.reading import pain


@pytest.mark.parametrize("closing", ["ended the session at", "wrapped up at", "finished the visit at"])
def test_a_closing_verb_told_first_gives_the_after_score(closing):
    text = (f"Mr. Ortiz {closing} two out of ten. Knee pain was five out of ten this morning. "
            "Therapeutic exercise 25 minutes for the knee.")
    assert pain(text) == (5, 2)


def test_she_finished_with_an_area_at_a_score():
    text = ("She finished with the right hip at two out of ten, a little tired. Right hip 4/10 at the start. "
            "Gait training 20 minutes, therapeutic exercise 15 minutes.")
    assert pain(text) == (4, 2)


@pytest.mark.parametrize("text, expected", [
    ("Home visit. His low back was 3/10 when I left; it had been 5/10 when I got there. "
     "Therapeutic exercise 30 minutes.", (5, 3)),
    ("Her shoulder sat at 2 out of 10 by the time I packed up. Shoulder pain 6/10 at intake. "
     "Manual therapy 15 minutes.", (6, 2)),
])
def test_the_therapists_own_leaving_times_a_home_visit_score(text, expected):
    assert pain(text) == expected


def test_when_we_started_is_the_arrival():
    text = ("At the end the ankle was at one out of ten. Therapeutic exercise 20 minutes. "
            "The ankle was 4/10 when we started.")
    assert pain(text) == (4, 1)


@pytest.mark.parametrize("word", ["till", "until"])
def test_till_and_until_stand_for_to_in_a_drop(word):
    text = f"Neck pain 6 out of 10. Swedish to the neck 30 minutes. After the massage the pain came down {word} 2."
    assert pain(text) == (6, 2)


@pytest.mark.parametrize("text", [
    "Low back, 8 down to 5. Deep tissue 30 minutes to the lumbar paraspinals.",
    "Low back pain 8 dropped to 5 with deep tissue, 30 minutes.",
])
def test_a_number_dropping_to_a_number_is_a_before_and_after(text):
    assert pain(text) == (8, 5)


def test_a_rising_number_pair_is_no_drop():
    text = "Low back, reps 8 went to 12 on bridges. Therapeutic exercise 20 minutes."
    assert pain(text)[1] != 12


def test_after_the_treatment_comma_score():
    text = "The left heel is hurting on seven in the morning; after the session, four. Manual therapy 15 minutes."
    assert pain(text) == (7, 4)


def test_after_the_treatment_comma_a_count_is_no_score():
    text = "Heel pain 5/10. After the treatment, 3 sets of calf raises were given for home. Manual therapy 15 minutes."
    assert pain(text) == (5, None)


@pytest.mark.parametrize("gave", ["she gave five", "she gave me five", "she gave it five"])
def test_gave_a_number_with_or_without_it(gave):
    text = f"Wrist pain, {gave} when she is typing. Manual therapy 10 minutes. Afterwards 2 out of 10."
    assert pain(text) == (5, 2)


def test_a_billing_code_list_at_the_end_is_no_moment_of_the_session():
    text = ("subjective knee pain 6/10 on stairs. objective quad sets and step ups 20 minutes then patellar "
            "mobs 10 minutes. assessment knee 2 out of 10 after stairs review. billing 97110 times 1 97140 times 1")
    assert pain(text) == (6, 2)


def test_a_code_alone_still_places_a_score():
    text = "Pain 6/10. 97110 x 2 units. Pain 3/10."
    assert pain(text) == (6, 3)
