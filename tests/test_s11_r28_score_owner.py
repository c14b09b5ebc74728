"""Session 11, round 28: whose pain a score is (domain.md section 7-8). A relative's or roommate's
own complaint carries its own score; a relative or caregiver relaying the client's pain gives the
client's. And the time a client spent in the therapy gym is the session's length."""

from __future__ import annotations

from extraction import extract
from models import Transcript


def _pain(text: str) -> tuple[int | None, int | None]:
    found = extract(Transcript.from_text(text))
    return (found.pain_before.score if found.pain_before else None,
            found.pain_after.score if found.pain_after else None)


def test_a_score_right_after_a_relatives_own_complaint_is_the_relatives():
    text = ("Son Marcus drove her in, complaining of his L knee, says it's a 6, asked if I could check it. "
            "Her hips were a 3 coming in. Sit to stand and bridging 20 minutes. Hips a 1 at the end.")
    assert _pain(text) == (3, 1)


def test_a_roommates_own_body_part_and_its_score_stay_the_roommates():
    text = ("Roommate came down too, she has her own shoulder acting up, says she's a 9. "
            "Client's back pain 4 before. Ther ex 25 minutes. Back pain 2 after.")
    assert _pain(text) == (4, 2)


def test_a_daughter_relaying_the_clients_pain_gives_the_clients_score():
    text = ("Daughter called this morning and said his pain has been a 5, worse at night. "
            "Gait training 15 minutes, seated ther ex 10 minutes. He was a 3 at the end.")
    assert _pain(text) == (5, 3)


def test_a_relative_with_a_complaint_of_their_own_keeps_the_score():
    text = ("Her husband says his back pain is a 7 lately, not my patient. "
            "She was a 2 on arrival. Balance training 20 minutes. A 1 afterwards.")
    assert _pain(text) == (2, 1)


def test_minutes_in_the_therapy_gym_are_the_session_and_can_be_too_short():
    text = ("Mr. Ruiz was in the therapy gym with me twenty minutes total. Ther ex 15 min, "
            "gait training 15 min, balance 10 min. Pain 2 before, 2 after.")
    assert extract(Transcript.from_text(text)).session_minutes == 20
