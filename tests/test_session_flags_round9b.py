"""Issue 13, round 9: flags that depend on how long the session was and how it ended.

REDUCED_SERVICE needs the note's words for an early end ("tx terminated", "pt left early", "we
stopped at ten minutes"); DURATION_IMPLAUSIBLE needs the session's stated length, which charted
notes give as "Appt 30 min", "visit length", "seen for", or as clock-in and clock-out times
("Time in 0900, time out 0930"); a booked length the note says the visit ran past is no measure
of it. MISSING_OUTCOME needs the plan's "HEP unchanged" not to pass for the client's response.
Phrasings are written here, none from any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import CueKind, Transcript
from scribe.analysis import analyse

_TIMED = "TherEx 20 min R knee. Manual therapy 15 min R knee. Pain 5/10 before, 3/10 after."


def ex(text: str):
    return extract(Transcript.from_text(text))


def flags(text: str, payer: str = "commercial") -> set[str]:
    _, _, _, found = analyse(Transcript.from_text(text), payer=payer, date_of_service=None, use_data_dir=False)
    return {f.id.value for f in found}


# --- the session's stated length -----------------------------------------------------------------

@pytest.mark.parametrize("opening", [
    "Appt 30 min.",
    "Appointment: 30 minutes.",
    "Appt length 30 min.",
    "Visit duration 30 min.",
    "Pt seen 30 min today.",
    "Seen for 30 min.",
    "30 min appt today.",
    "Face-to-face time 30 min.",
    "Appt 0900-0930.",
    "Time in 0900, time out 0930.",
    "Time in: 1315 Time out: 1345.",
    "In 0800 / Out 0830.",
    "Pt arrived 1000, left 1030.",
    "Start 1500 end 1530.",
    "In 9:00, out 9:30.",
])
def test_a_charted_session_length_is_read_and_checks_the_billed_minutes(opening):
    note = f"{opening} {_TIMED}"
    assert ex(note).session_minutes == 30
    assert "DURATION_IMPLAUSIBLE" in flags(note)  # 35 billed minutes in a 30-minute visit


@pytest.mark.parametrize("note", [
    "Appt 60 min. " + _TIMED,
    "Time in 1400, time out 1500. " + _TIMED,
])
def test_billed_minutes_inside_the_stated_length_raise_nothing(note):
    assert "DURATION_IMPLAUSIBLE" not in flags(note)


def test_clock_in_and_out_time_no_service():
    """The visit's clock-in and clock-out are the session, not minutes of the technique beside them."""
    got = [(t.cpt, t.minutes) for t in ex("Time in 1400, time out 1440. TherEx 25 min R hip.").treatments]
    assert got == [("97110", 25)]


def test_four_digit_numbers_without_an_out_word_are_no_times():
    assert ex("Pt in 2019 had a R TKA. TherEx 20 min R knee.").session_minutes is None


# --- a booked length the visit ran past ------------------------------------------------------------

@pytest.mark.parametrize("opening", [
    "Booked for 30 min but we ran long.",
    "Scheduled for a 30 minute appointment, went over by a bit.",
    "She had a 30 min slot; session ran over.",
])
def test_a_booked_length_the_visit_ran_past_is_no_session_length(opening):
    note = f"{opening} {_TIMED}"
    assert ex(note).session_minutes is None
    assert "DURATION_IMPLAUSIBLE" not in flags(note)
    assert sorted(t.minutes for t in ex(note).treatments) == [15, 20]  # and no service's time either


def test_the_length_it_ran_to_is_the_session():
    note = "Booked 30 min appt, ran long to 50 min. " + _TIMED
    assert ex(note).session_minutes == 50
    assert "DURATION_IMPLAUSIBLE" not in flags(note)


def test_a_booked_length_with_no_overrun_still_checks():
    assert "DURATION_IMPLAUSIBLE" in flags("Booked for 30 minutes. " + _TIMED)


# --- the session cut short -----------------------------------------------------------------------

@pytest.mark.parametrize("opening", [
    "Tx terminated 2/2 lightheadedness.",
    "Treatment discontinued after 15 min due to increased pain.",
    "Pt left early for a work meeting.",
    "Client had to leave, we stopped at twenty minutes.",
    "Abbreviated session today secondary to late arrival.",
    "Pt arrived late.",
    "Session truncated, pt felt unwell.",
    "Unable to complete tx, pt fatigued.",
    "She got called away halfway through.",
    "We did not get to the rest of the plan.",
])
def test_an_early_end_said_the_charted_way_raises_reduced_service(opening):
    note = f"{opening} Swedish massage 20 min to the low back. Pain 6/10 to 4/10."
    assert ex(note).cues(CueKind.reduced_session)
    assert "REDUCED_SERVICE" in flags(note)


@pytest.mark.parametrize("note", [
    "He left early last week, so today we did the full hour. Swedish massage 50 min to the back. Pain 6/10 to 3/10.",
    "Full session today. Swedish massage 50 min to the back. Pain 6/10 to 3/10.",
])
def test_no_early_end_today_raises_no_reduced_service(note):
    assert "REDUCED_SERVICE" not in flags(note)


# --- the outcome -----------------------------------------------------------------------------

@pytest.mark.parametrize("plan", ["HEP unchanged.", "POC unchanged, HEP no change.", "Meds unchanged."])
def test_an_unchanged_plan_is_no_outcome(plan):
    note = f"L shoulder pain 5/10 with reaching. TherEx 25 min L shoulder. {plan} Cont 2x/wk."
    assert "MISSING_OUTCOME" in flags(note)


def test_an_unchanged_symptom_is_an_outcome():
    note = "L shoulder pain 5/10 with reaching. TherEx 25 min L shoulder. Symptoms unchanged after tx."
    assert "MISSING_OUTCOME" not in flags(note)
