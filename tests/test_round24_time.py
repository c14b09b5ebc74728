"""Round 24, the session's length and a visit cut short, retold (our own phrasings): a session marker
joined to its length by a verb ("the total visit time was fifty minutes", "sixty minutes was the length
of the appointment"), "total time in the room", minutes said before a technique with a pressure or pace
word between ("twelve minutes of slow effleurage"), a wrap-up that ends the visit early, and a
relative of the other gender whose call is no part of who left."""

from __future__ import annotations

import pytest

from billing import bill, load_profiles
from models import DurationFact, FactKind, RuleId
from tests.reading import lines, run


def _flags(text: str, payer: str = "commercial") -> set[RuleId]:
    return {f.id for f in bill(run(text), load_profiles().get(payer)).rule_findings}


def _session_lengths(text: str) -> list[int]:
    return [f.minutes for f in run(text).facts_of(FactKind.duration)
            if isinstance(f, DurationFact) and f.session_length]


@pytest.mark.parametrize("said", [
    "The total visit time was thirty minutes.",
    "Appointment today is thirty minutes total.",
    "Thirty minutes was the length of the appointment.",
    "Total time in the treatment room today was thirty minutes.",
])
def test_a_session_length_joined_by_a_verb_is_the_sessions(said):
    text = f"{said} Therapeutic exercise 25 minutes for the hip. Manual therapy 20 minutes to the hip."
    assert _session_lengths(text) == [30]
    assert RuleId.DURATION_IMPLAUSIBLE in _flags(text)


def test_a_service_said_with_was_is_no_session_length():
    text = "Ultrasound to the elbow was eight minutes. Therapeutic exercise was twenty minutes."
    assert _session_lengths(text) == []
    assert lines(text) == [("97035", 8), ("97110", 20)]


@pytest.mark.parametrize("word", ["slow", "soft", "deeper", "medium"])
def test_a_pressure_or_pace_word_between_minutes_and_technique_keeps_the_minutes(word):
    """"after twelve minutes of slow Swedish" is how long the Swedish ran, not a moment after twelve minutes."""
    text = f"Low back tight, 6/10. She got cold, so we ended after twelve minutes of {word} Swedish on the low back."
    assert lines(text) == [("97124", 12)]


@pytest.mark.parametrize("wrap", ["so I wrapped up after", "so we called it after"])
def test_a_wrap_up_after_a_few_minutes_cuts_the_visit_short(wrap):
    text = (f"Shoulder pain 6/10. She felt dizzy, {wrap} ten minutes of light Swedish to the right shoulder. "
            "Shoulder 5/10 sitting up.")
    assert RuleId.REDUCED_SERVICE in _flags(text)
    assert lines(text) == [("97124", 10)]


@pytest.mark.parametrize("text", [
    "Swedish to the upper back 3:10 to 3:30, then his daughter phoned and he had to leave early.",
    "Swedish to the upper back 3:10 to 3:30, her husband's work called and she needed to leave early.",
])
def test_the_client_who_leaves_after_a_relative_calls_cuts_the_visit_short(text):
    assert RuleId.REDUCED_SERVICE in _flags(text)


def test_a_relative_who_leaves_early_cuts_nothing_short():
    text = ("Swedish to the upper back 3:10 to 4:00. Her husband dropped her off and he had to leave early, "
            "so she took a taxi home.")
    assert RuleId.REDUCED_SERVICE not in _flags(text)
