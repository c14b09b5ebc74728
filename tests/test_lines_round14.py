"""Issue 13, round 14: lines, minutes and session length in physio shorthand and raw speech-to-text.

Classes: minutes said before the kind of visit and its noun ("a 45 min re-eval appointment") are
the visit's length; "<kind of exercise> ex" is therapeutic exercise; a special test with the angle
it reached is an examination; in unpunctuated speech, minutes right after a technique's name close
its clause; "we only got N minutes in" before the one service is its minutes; a bare technique word
listed after body areas with no minutes is a problem list; "hands-on work" without minutes or an
area names the timed massage again. Every phrasing is written here, none from any corpus, each
with a counter-test that keeps what must stay.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def run(text: str):
    return extract(Transcript.from_text(text))


def rows(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in run(text).treatments]


# -- session length: the kind of visit between the minutes and the visit's noun ------------------

@pytest.mark.parametrize("opening, minutes", [
    ("Commercial, 45 min re-eval appointment.", 45),
    ("A 40-minute follow up visit today.", 40),
    ("Medicare. 30 minute progress session.", 30),
])
def test_minutes_before_a_kind_of_visit_are_the_session_length(opening, minutes):
    text = f"{opening} Shoulder pain 6/10. STM R upper trap 15 min. Rotator cuff strengthening 12 min."
    assert run(text).session_minutes == minutes
    assert sorted(rows(text)) == [("97110", 12), ("97140", 15)]


def test_counter_minutes_of_a_service_before_its_name_stay_the_services():
    r = run("Did a 20 min follow-up of the home program, then Swedish 30 min to the back.")
    assert r.session_minutes is None


# -- "<kind of exercise> ex" shorthand ---------------------------------------------------------------

@pytest.mark.parametrize("phrase", ["scapular stability ex", "hip isometric ex", "cervical rotation ex",
                                    "lumbar mobility ex"])
def test_kind_of_exercise_ex_is_therapeutic_exercise(phrase):
    assert ("97110", 11) in rows(f"Grade III PA mobs 14 min. {phrase} 11 min.")


def test_counter_home_ex_is_no_exercise_done_today():
    assert all(cpt != "97110" for cpt, _ in rows("Grade III PA mobs 14 min. Reviewed home ex sheet."))


# -- a special test with its angle ---------------------------------------------------------------------

@pytest.mark.parametrize("finding", ["R SLR 45 deg", "SLR to 70 degrees", "slump 30 deg"])
def test_special_test_with_its_angle_is_no_exercise(finding):
    text = f"LBP into the R calf 5/10, {finding}. Lumbar PA mobs gr III 12 min. Hot pack 10 min."
    assert sorted(rows(text)) == [("97010", 10), ("97140", 12)]


def test_counter_straight_leg_raises_with_reps_stay_exercise():
    assert ("97110", 9) in rows("Quad sets and SLR 3x10, 9 min. Knee mobs 10 min.")


# -- unpunctuated speech: minutes right after a technique's name --------------------------------------

def test_minutes_after_a_technique_name_in_run_on_speech_stay_its_own():
    text = ("okay so this is a follow up for knee pain um we did balance training twelve minutes with a "
            "foam pad in the parallel bars focusing on weight shift and then ultra sound to the knee eight "
            "minutes one megahertz and she said pain was a three")
    assert rows(text) == [("97112", 12), ("97035", 8)]


def test_counter_minutes_opening_a_block_in_run_on_speech_start_its_clause():
    text = ("okay so she came in with neck pain we did manual therapy to the upper traps and then "
            "fifteen minutes of chin tucks and scapular squeezes with the band and pain went from six to three "
            "at the end she felt looser overall")
    assert ("97110", 15) in rows(text)


# -- a length kept when the visit was cut short --------------------------------------------------------

def test_only_got_minutes_before_the_one_service_are_its_minutes():
    text = ("He was running late for a flight so we only got about fifteen minutes in. "
            "Swedish to the shoulders and upper back.")
    assert rows(text) == [("97124", 15)]


def test_counter_booked_length_before_the_one_service_is_not_its_minutes():
    text = "Booked for a 60 minute session. Swedish to the shoulders and upper back."
    assert rows(text) == [("97124", None)]


# -- a bare technique word in a list of body areas -----------------------------------------------------

def test_bare_word_listed_after_areas_is_a_problem_list():
    text = "Home visit, right hip and gait, one fall in May. Gait training 23 minutes with the walker."
    assert rows(text) == [("97116", 23)]


def test_counter_bare_word_with_minutes_in_its_sentence_stays_a_service():
    text = "Worked the ankles and balance, 14 min on the foam pad."
    assert ("97112", 14) in rows(text)


# -- a generic name of the timed massage --------------------------------------------------------------

def test_hands_on_work_without_minutes_names_the_timed_massage():
    text = "Cupping declined. She mostly wanted hands-on work. Swedish 50 min, back and shoulders."
    assert rows(text) == [("97124", 50)]


def test_counter_hands_on_work_with_its_own_area_is_a_service_of_its_own():
    text = "Hands-on work to the right wrist. Swedish 50 min, back and shoulders."
    assert ("97140", None) in rows(text)
