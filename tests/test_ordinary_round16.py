"""Round 16: ordinary everyday notes, six classes of misreading, each fixed as data or mechanism.

1. Home care said with a time still to come ("ice it tonight", "heat before bed") is advice, not a
   modality given (context.jsonl plan.tonight_backward).
2. An exercise named after the movement a joint makes ("hip hinge") names no area treated
   (areas.jsonl hip not_before).
3. Self-care taught ("showed him self-massage of the calf") is the client's own work at home, not a
   service waiting for minutes (not_services.jsonl, kind self_care).
4. A service timed later by its own generic name with no area ("only got 20 minutes of massage in")
   is the minutes of the technique of its code said earlier with areas (linking, service_terms).
5. The word "one" after a verb of having ("gets one most days") is a pronoun, not a score of one
   (token set ONE_PRONOUN_LEAD).
6. "In the room" / "treatment time" opening a sentence name the visit's length; after a technique
   or a person they do not (session_length.jsonl, opens_sentence).

Phrasings are our own; each class has counter-tests that keep the reading it must not break."""

from __future__ import annotations

from billing import bill, load_profiles
from models import RuleId
from tests.reading import lines, pain, run


def _flags(text: str, payer: str = "commercial") -> set[RuleId]:
    return {f.id for f in bill(run(text), load_profiles().get(payer)).rule_findings}


def _regions(text: str) -> set[str]:
    return {r for t in run(text).treatments for a in t.areas for r in a.regions}


# 1. home care with a time still to come ------------------------------------------------------

def test_ice_advised_for_tonight_is_no_modality():
    text = "Shoulder sore 4/10. Deep tissue to the upper back 30 minutes. Ice the shoulder tonight."
    assert lines(text) == [("97124", 30)]


def test_heat_before_bed_is_no_modality():
    text = "Neck stiff. Swedish to the neck and shoulders 25 min. Moist heat on the neck before bed."
    assert lines(text) == [("97124", 25)]


def test_ice_given_in_the_visit_stays_a_service_when_tonight_is_said_elsewhere():
    text = "Knee pain 5/10. Ther ex 20 min. Ice to the knee 10 min at the end. She has a game tonight."
    assert ("97010", 10) in lines(text)


def test_a_session_seen_tonight_keeps_its_massage():
    assert lines("Client tonight: Swedish to the back 45 minutes.") == [("97124", 45)]


# 2. an exercise named after a joint's movement ------------------------------------------------

def test_hip_hinge_drill_names_no_hip():
    text = "Low back pain 4/10. Ther ex 15 min: hip hinges with a dowel, bird dogs, bridges."
    assert "lower_extremity" not in _regions(text)


def test_hip_abduction_still_works_the_hip():
    text = "Ther ex 15 min: side-lying hip abduction, clamshells."
    assert "lower_extremity" in _regions(text)


# 3. self-care taught --------------------------------------------------------------------------

def test_self_massage_taught_is_no_second_massage():
    text = ("Forearm tight 5/10. Deep tissue to the upper back 30 min. Showed him self-massage of the "
            "forearm with a ball.")
    assert lines(text) == [("97124", 30)]
    assert RuleId.MISSING_DURATION not in _flags(text)


def test_self_myofascial_release_at_home_is_no_manual_therapy():
    text = "Swedish to the back 40 min. Reviewed self myofascial release for the glutes with a roller."
    assert lines(text) == [("97124", 40)]


def test_massage_given_beside_a_self_care_word_stays_a_service():
    text = "Massage to the calves 20 min. Self-care: stretch twice a day."
    assert lines(text) == [("97124", 20)]


# 4. a service timed later by its own name ------------------------------------------------------

def test_generic_massage_minutes_said_later_belong_to_the_swedish():
    text = ("Wanted to unwind, no complaints. Swedish to the shoulders and low back, medium pressure. "
            "Her sitter called so we stopped, only got 20 minutes of massage in.")
    r = run(text)
    assert [(t.cpt, t.minutes) for t in r.treatments] == [("97124", 20)]
    assert {a.area for a in r.treatments[0].areas} >= {"low_back"}
    assert RuleId.MISSING_DURATION not in _flags(text)


def test_a_later_massage_with_its_own_area_stays_a_service_of_its_own():
    text = "Swedish to the back. Massage to the feet 20 minutes."
    assert [(t.technique, t.minutes) for t in run(text).treatments] == [("swedish_massage", None), ("massage", 20)]


def test_later_minutes_of_another_code_do_not_take_the_massage():
    text = "Deep tissue to the shoulders. Then trigger point release to the glutes, 20 minutes."
    assert ("97124", None) in lines(text)


# 5. "one" as a pronoun ----------------------------------------------------------------------

def test_has_one_today_is_no_score_of_one():
    assert pain("Migraines, gets one most weeks and has one today, 6/10, behind the left eye.")[0] == 6


def test_got_one_at_work_is_no_score():
    assert pain("Back spasms, got one at work, 4/10 now.")[0] == 4


def test_a_spoken_score_of_one_still_counts():
    assert pain("Neck pain one today. Swedish to the neck 30 min.")[0] == 1


# 6. the visit's place or time opening a sentence --------------------------------------------

def test_in_the_room_opening_the_note_is_the_session_length():
    text = "In the room 25 min total. Deep tissue to the back 20 min. MFR to the neck 15 min."
    assert RuleId.DURATION_IMPLAUSIBLE in _flags(text)


def test_treatment_time_opening_a_sentence_is_the_session_length():
    text = "Hip OA. Treatment time 30 minutes today. Ther ex 20 min. Gait training 15 min. NMR 10 min."
    assert RuleId.DURATION_IMPLAUSIBLE in _flags(text, "medicare")


def test_a_techniques_own_treatment_time_is_its_minutes():
    text = "Ultrasound treatment time 8 minutes to the shoulder. Ther ex 20 min."
    assert lines(text) == [("97035", 8), ("97110", 20)]
    assert RuleId.DURATION_IMPLAUSIBLE not in _flags(text)


def test_a_relative_in_the_room_gives_no_session_length():
    text = "Dad sat in the room 15 min then left. Swedish to the back 30 min."
    assert RuleId.DURATION_IMPLAUSIBLE not in _flags(text)
    assert lines(text) == [("97124", 30)]
