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


# --- service names, spelled-out abbreviations and charting shorthand ------------------------

@pytest.mark.parametrize(
    "text, cpt",
    [
        ("n m r twelve tandem walking and foam pad.", "97112"),
        ("t e eighteen wall slides and rows.", "97110"),
        ("m f r to the left pec minor ten.", "97140"),
        ("Stair trng 11 min with one rail, step-to pattern.", "97530"),
        ("Transfer trng 9 min, bed to chair.", "97530"),
        ("Gait training was performed with a rollator for 14 minutes.", "97116"),
    ],
)
def test_service_names_spelled_or_abbreviated_bill_their_code(text, cpt):
    trs = ex(text).treatments
    assert [(t.cpt, t.minutes is not None) for t in trs][:1] == [(cpt, True)]


def test_a_bare_word_gait_that_describes_the_walk_is_still_no_service():
    assert billed("Gait was antalgic on arrival. Massage to the calf 20 minutes.") == [("97124", 20)]


# --- a count that closes a technique's clause is its minutes --------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("deep tissue glutes and piriformis twenty five. pin and stretch quads fifteen.",
         [("97124", 25), ("97140", 15)]),
        ("swedish full back forty", [("97124", 40)]),
        ("t e eighteen clams and bridges. n m r ten single leg stance on foam.", [("97110", 18), ("97112", 10)]),
    ],
)
def test_a_count_ending_a_techniques_clause_is_its_minutes(text, expected):
    assert billed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "clamshells and bridges on the mat ten.",  # an exercise then a count: reps
        "massage to the neck pain five.",  # a pain word stands between: a score
    ],
)
def test_a_count_that_is_reps_or_a_score_is_no_minutes(text):
    assert all(t.minutes is None for t in ex(text).treatments)


# --- a flowsheet block's own list: its parts are not more minutes ---------------------------

@pytest.mark.parametrize(
    "text",
    [
        "TherEx (25 mins): UBE 6 min, rows, wall slides.",
        "Ther ex x 25 min: recumbent bike 7 min, bridges, clams.",
    ],
)
def test_minutes_inside_a_blocks_list_are_part_of_the_block(text):
    assert billed(text) == [("97110", 25)]


def test_a_block_list_naming_another_code_keeps_its_minutes():
    assert billed("TherEx (20 mins): bridges. NMR 10 min: tandem stance.") == [("97110", 20), ("97112", 10)]


# --- a count binds to the technique it closes; a corrected count keeps its technique --------

def test_minutes_between_two_techniques_close_the_first_when_the_second_has_its_own():
    assert billed("cross fiber friction left patellar tendon nine minutes deep tissue quads "
                  "twenty minutes") == [("97140", 9), ("97124", 20)]


def test_minutes_run_into_a_technique_without_minutes_after_are_that_techniques():
    assert billed("the client had twenty minutes swedish to the back.") == [("97124", 20)]


def test_a_corrected_count_keeps_its_technique():
    assert billed("deep tissue low back thirty no wait thirty five minutes. mfr glutes ten.") == [
        ("97124", 35), ("97140", 10)]


# --- a moment or a score is not a service's minutes -----------------------------------------

def test_minutes_after_after_are_a_moment_unless_they_name_a_technique():
    assert billed("She says the hip aches on the treadmill after about forty minutes. "
                  "Massage to the hip 25 minutes.") == [("97124", 25)]
    assert billed("After ten minutes of moist heat to the low back, the client was ready.") == [("97010", 10)]


def test_an_article_before_a_count_makes_it_a_score_not_minutes_of_the_next_technique():
    extraction = ex("He rates it a six on the bike. Swedish to the legs 30 minutes.")
    assert [t.minutes for t in extraction.treatments if t.cpt == "97110"] in ([], [None])


def test_guards_of_an_ambiguous_bare_word_do_not_block_the_full_name():
    assert billed("Twelve minutes of moist heat to the neck, then swedish 20 minutes.") == [("97010", 12), ("97124", 20)]
    assert billed("History of heat intolerance. Swedish to the back 30 minutes.") == [("97124", 30)]
