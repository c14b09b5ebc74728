"""Round 24, pain retold (our own phrasings): thumb-typed notes ("= 6" after an activity, "b4" for
before, "no pain leaving", a bare number then "when he got off the table"), a note told backwards
("Dana left at 1 out of 10 ..."), second-language wording ("by the finish", "pain in left knee
around six"), a rising verb ("climbs to a seven once ..."), a therapist's own aches that are not the
client's score, and an outcome said only inside an "if" clause, which is no outcome."""

from __future__ import annotations

import pytest

from billing import documentation
from tests.reading import pain, run


@pytest.mark.parametrize("text", [
    "ankle sprain / stairs in the am = 7\ngait training 15 min\nend: ankle 3/10",
    "L hip OA / walking more than a block = 7\nther ex 25 min\nend: hip 3/10",
])
def test_an_equals_sign_after_an_activity_is_the_score(text):
    assert pain(text) == (7, 3)


def test_an_equals_sign_in_a_unit_sum_is_no_score():
    text = "knee pain 4/10\nther ex 2 x 15 min = 30 min = 2 units\nafter 1/10"
    assert pain(text) == (4, 1)


@pytest.mark.parametrize("text", [
    "ther ex R knee 25 min\npost 2/10\nknee pain b4 tx was 6/10",
    "ther ex R knee 25 min\nafter 2/10\nknee pain 6/10 b4",
])
def test_b4_is_before(text):
    assert pain(text) == (6, 2)


def test_no_pain_leaving_is_a_zero_after():
    text = "wrist pain 4/10 typing\nmanual therapy wrist 12 min\nno pain leaving / grip better"
    assert pain(text) == (4, 0)


@pytest.mark.parametrize("getting_up", ["when he got off the table", "once she sat up", "as they stood up"])
def test_a_bare_number_then_getting_up_is_the_after(getting_up):
    text = f"neck pain 6/10 today\nswedish to the neck and traps 40 min\n2 {getting_up}\nrebook 2 wks"
    assert pain(text) == (6, 2)


def test_left_at_said_first_is_the_after_and_the_arrival_follows():
    text = ("Dana left at 1 out of 10, smiling. She'd come in with the hip at 4 out of 10 after a long hike. "
            "Deep tissue to the right hip and glutes, fifty minutes.")
    assert pain(text) == (4, 1)


def test_by_the_finish_is_the_end_of_the_session():
    text = ("By the finish the client was saying the neck is much more relaxed, two out of ten. Client has pain "
            "in the neck, 7/10 on arrival, from the computer. Swedish to the neck, 30 minutes.")
    assert pain(text) == (7, 2)


@pytest.mark.parametrize("hedge", ["around", "about", "approximately"])
def test_pain_in_an_area_then_a_hedged_number(hedge):
    text = (f"client have pain in left knee {hedge} six he play football on sunday so i do manual therapy "
            "fifteen minutes after that he say knee now is three")
    assert pain(text) == (6, 3)


def test_a_rising_verb_then_once_gives_the_usual_score():
    text = ("Neck pain that climbs to a seven once he's been at the laptop an hour. Manual therapy to the neck, "
            "twenty minutes. When he sat up he gave it a three.")
    assert pain(text) == (7, 3)


@pytest.mark.parametrize("aside", [
    "My own back is killing me, honestly an eight by the end of today.",
    "My wrists are at a 5 out of 10 after four clients, that's mine, not the client's.",
    "And my shoulder, my own, is a six tonight.",
])
def test_the_therapists_own_ache_is_not_the_clients_score(aside):
    text = f"Neck pain 6/10 coming in. Swedish to the neck 30 minutes. Afterwards 2/10. {aside}"
    assert pain(text) == (6, 2)


def test_the_therapists_own_ache_is_no_after_score_when_the_client_gave_none():
    text = "Hip pain 7/10. Manual therapy to the hip 15 min. My own thumbs are at a 5 out of 10 after today."
    assert pain(text) == (7, None)


def test_a_client_quoted_in_the_first_person_still_scores():
    text = 'Said "my neck is a four today." Manual therapy 15 min. After 2/10.'
    assert pain(text) == (4, 2)


@pytest.mark.parametrize("conditional", [
    "If no change, next visit we will add ultrasound.",
    "Will add e-stim next time if she is still not feeling better.",
    "Unless she feels better by Friday, refer back to her doctor.",
])
def test_an_outcome_inside_an_if_clause_is_no_outcome(conditional):
    text = f"Aetna. Low back pain 5/10. Therapeutic exercise 25 minutes for the low back. {conditional}"
    assert not documentation.has_outcome(run(text))


def test_an_outcome_said_plainly_is_still_an_outcome():
    text = "Aetna. Low back pain 5/10. Therapeutic exercise 25 minutes for the low back. She felt better after."
    assert documentation.has_outcome(run(text))


@pytest.mark.parametrize("text, expected", [
    ("Pt left at 1/10. Hip pain 4/10 on arrival. Manual therapy to the hip 20 minutes.", (4, 1)),
    ("Knee pain, right 5/10.\nLeft at 2/10.\nManual therapy 20 minutes.", (5, None)),
])
def test_left_at_is_leaving_only_with_someone_named_before_it(text, expected):
    assert pain(text) == expected
