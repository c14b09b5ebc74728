"""Issue 13, round 6: an exercise or technique word said as the client's activity, not a service.

Phrasings written here. A word named in a complaint ("aches more on lunges"), an outcome
("step-ups easier"), a test ("a treadmill test"), a verdict on the client's own training
("planks are fine"), an education aside ("talked about squatting form"), the session the
client came in from, or yesterday, is no service waiting for minutes; a timed block done
"on her own" in the session is timed work, not a home plan.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def billed(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in extract(Transcript.from_text(text)).treatments)


@pytest.mark.parametrize(
    "text",
    [
        "Right knee pain, 5/10, worse with lunges and stairs. Swedish to the quads 25 minutes.",
        "Hip hurts when she does bridges. Swedish to the quads 25 minutes.",
        "Aggravated by squatting and step-ups lately. Swedish to the quads 25 minutes.",
        "Swedish to the quads 25 minutes. After, 2/10, step-ups easier.",
    ],
)
def test_activity_in_a_complaint_or_outcome_is_no_service(text):
    assert billed(text) == [("97124", 25)]


@pytest.mark.parametrize(
    "text",
    [
        "Swedish to the calves 20 minutes. Treadmill test next door showed good tolerance.",
        "Swedish to the calves 20 minutes. Lunges on the right reproduce the knee pain.",
        "Swedish to the calves 20 minutes. She lifts at home, planks are fine, lunges aren't.",
    ],
)
def test_activity_before_a_test_or_verdict_is_no_service(text):
    assert billed(text) == [("97124", 20)]


def test_minutes_after_the_framed_activity_keep_it_a_service():
    assert ("97110", 12) in billed("Worse with bridges, so we did bridges 12 minutes with cues.")


def test_the_same_exercise_timed_elsewhere_is_still_billed():
    assert billed("Therapeutic exercise 15 minutes: lunges and step-ups. Stairs still painful.") == [("97110", 15)]


def test_talking_an_activity_through_is_education():
    assert billed("Swedish to the low back 30 minutes. We discussed lifting mechanics for his job.") == [("97124", 30)]


def test_timed_work_on_his_own_in_session_is_performed():
    assert ("97110", 6) in billed("Swedish to the back 30 minutes. Then six minutes of bridges on her own.")


def test_on_her_own_without_minutes_stays_a_home_plan():
    assert billed("Swedish to the back 30 minutes. Bridges on her own daily.") == [("97124", 30)]


@pytest.mark.parametrize(
    "text",
    [
        "Came in straight off a long run, 60 on the treadmill. Swedish to the calves 30 minutes.",
        "He rode the bike yesterday and felt fine. Swedish to the calves 30 minutes.",
    ],
)
def test_what_the_client_did_before_arriving_is_not_billed(text):
    assert billed(text) == [("97124", 30)]


def test_a_complaint_since_yesterday_keeps_its_score():
    ex = extract(Transcript.from_text("Neck pain since yesterday, six out of ten. Swedish 20 minutes to the neck."))
    assert ex.pain_before is not None and ex.pain_before.score == 6
