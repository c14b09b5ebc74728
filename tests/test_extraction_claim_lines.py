"""Claim lines wrong or missing (issue 13, round 2): each class with phrasings written here.

A stated total or session length is never a technique's minutes; a count binds to the technique
it was said with; charting shorthand, spelled-out letters and flowsheet lines name their codes.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


def billed(text: str) -> list[tuple[str, int | None]]:
    """(code, minutes) of every treatment, in order."""
    return [(t.cpt, t.minutes) for t in ex(text).treatments]


# --- totals the note states are the session's, never a technique's -------------------------

@pytest.mark.parametrize(
    "text, total",
    [
        ("STM cervical paraspinals 12 min. TherEx 14 min: chin tucks, rows. Total timed 26 min.", 26),
        ("Pt performed hip strengthening for 20 min. Manual therapy 10 min. Total timed: 30 min.", 30),
        ("MFR thoracic 15 minutes, exercise 25 minutes. Total tx time 40 minutes.", 40),
        ("Ultrasound 8 min, jt mobs 15 min. Timed code treatment time 23 minutes.", 23),
    ],
)
def test_a_stated_total_is_the_session_not_a_technique(text, total):
    extraction = ex(text)
    assert total not in [t.minutes for t in extraction.treatments]
    assert extraction.session_minutes == total


def test_minutes_total_after_a_technique_list_stay_that_techniques():
    assert billed("Effleurage and petrissage to the calves, thirty minutes total.") == [("97124", 30)]


# --- minutes far from any technique are not a treatment's -----------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Swedish to the back for forty minutes. She felt loose. Her commute is two hours each way.",
        "Trigger point to the left levator, fifteen minutes. Pain three after. "
        "He ran his first ultra last month, finished in six hours.",
        "NMR 20 min: tandem stance. Pain 1/10 after. Good control. Goal is a 30 minute walk by June.",
    ],
)
def test_minutes_sentences_away_from_the_last_technique_are_not_its(text):
    assert len(ex(text).treatments) == 1


def test_minutes_in_the_next_sentence_still_continue_the_technique():
    assert billed("Deep tissue to the low back, twenty minutes. Then another fifteen on the glutes.") == [
        ("97124", 20), ("97124", 15)]
