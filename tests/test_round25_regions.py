"""Round 25 (paraphrases), regions and modality lines: a movement told as a gerund ("pelvic
tilting") is an exercise, not the pelvis treated; "lying on him back" (a possessive "him") is a
posture; "front-to-back glides" is a direction, not the back; a service "billed by Dr. <Name>" is
another provider's; "that was missus <Name>" takes back a block; "not as sharp" compares, it does
not negate; "the cupping that I was planning" was not done; present-tense cues of a visit cut
short ("she ask me to stop", "the session finish early")."""

from __future__ import annotations

import pytest

from models import Context
from tests.reading import lines, run


def _regions(text: str) -> set[str]:
    return {r.value for t in run(text).treatments for a in t.areas for r in a.regions}


@pytest.mark.parametrize("gerund", ["tilting", "tucking"])
def test_a_movement_said_as_a_gerund_is_the_exercise_not_the_area(gerund):
    part = {"tilting": "pelvic", "tucking": "chin"}[gerund]
    text = (f"Twelve minutes of manual therapy to the lumbar paraspinals. Then fourteen minutes of "
            f"therapeutic exercise for lumbar stabilization: {part} {gerund}, bridges and bird dogs.")
    assert _regions(text) == {"lumbar"}


def test_lying_on_him_back_is_a_posture_not_the_back_treated():
    text = ("Hot pack to the lumbar spine for twelve minutes. Then therapeutic exercise, thirteen minutes, "
            "for the low back with him lying on him back: bridges and knee rocking.")
    assert "thoracic" not in _regions(text)


@pytest.mark.parametrize("direction", ["front-to-back", "front to back"])
def test_a_glide_direction_front_to_back_is_not_the_back(direction):
    text = (f"Eleven minutes of joint mobilization for the right shoulder: glenohumeral {direction} "
            f"glides, grade three. Then twelve minutes of rotator cuff strengthening.")
    assert _regions(text) == {"upper_extremity"}


def test_a_service_billed_by_a_named_doctor_is_not_on_this_claim():
    text = ("Came across from the adjustment room; had electric stim and a cold pack on the neck there -- "
            "billed by Dr. Okafor. Thirty minutes of Swedish massage to the neck and shoulders.")
    assert lines(text) == [("97124", 30)]


def test_our_own_ice_is_still_billed_when_no_other_provider_is_named():
    text = "Thirty minutes of Swedish massage to the neck and shoulders. Cold pack on the neck ten minutes."
    assert ("97010", 10) in lines(text)


@pytest.mark.parametrize("title", ["missus", "mister", "Mrs"])
def test_that_was_a_spoken_title_takes_back_the_block_just_said(title):
    text = (f"mrs bell left knee. manual twelve minutes. then ten minutes of gait training with the cane "
            f"wait scratch that that was {title} hughes. she was tired after")
    assert lines(text) == [("97140", 12)]


def test_not_as_sharp_compares_and_does_not_negate_the_service_after_it():
    text = ("Lateral elbow still tender but not as sharp ultrasound to the right common extensor origin "
            "eight minutes then therapeutic exercise twelve minutes eccentric wrist extension")
    assert lines(text) == [("97035", 8), ("97110", 12)]


def test_a_technique_in_a_relative_clause_of_intention_was_not_done():
    text = ("Fifteen minutes of Swedish massage on the upper back. The cupping on the shoulders that I was "
            "planning, we ran out of time.")
    e = run(text)
    assert [t.cpt for t in e.treatments] == ["97124"]
    cupping = [f for f in e.facts if getattr(f, "technique", None) == "cupping"]
    assert cupping and all(f.context == Context.planned for f in cupping)


def test_a_proposed_cold_pack_is_an_offer_not_a_service():
    text = "Swedish massage to the back twenty minutes. I propose him a cold pack on the neck, he say no thanks."
    assert lines(text) == [("97124", 20)]


@pytest.mark.parametrize("said", ["then he ask me to stop", "so the session finish early"])
def test_a_present_tense_cue_of_a_visit_cut_short_is_read(said):
    text = f"Gentle effleurage to the neck about six minutes, {said}."
    cues = [f for f in run(text).facts if f.evidence.rule_id.startswith("cues/reduced.")]
    assert cues and all(f.context == Context.performed for f in cues)
