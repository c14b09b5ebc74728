"""Session 11, round 28 (neuro programs, many services a visit): a program's named component is its
code, a list item whose own words say it serves the block's code stays in that block, a modality
written with its settings was given, and a companion's "own" pain is theirs."""

from __future__ import annotations

from extraction import extract
from models import Transcript


def _extract(text: str):
    return extract(Transcript.from_text(text))


def _lines(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in _extract(text).treatments if not t.named_only]


def test_the_lsvt_big_maximal_daily_exercises_are_neuromuscular_reeducation():
    text = ("Parkinson's, LSVT BIG week two. Did the maximal daily exercises, seated and standing, "
            "twenty-five minutes of that. Then gait training twelve minutes with big steps.")
    assert _lines(text) == [("97112", 25), ("97116", 12)]


def test_an_item_said_to_be_for_the_blocks_code_stays_in_that_block():
    text = "Neuro re-ed 18 min: dead bugs, bird dogs, band rows for scapular motor control. Manual 10 min: STM to the upper traps."
    assert _lines(text) == [("97112", 18), ("97140", 10)]


def test_an_item_of_another_code_without_that_purpose_still_opens_its_own_service():
    text = "NMR 15 min - TrA activation, quadruped alt arm/leg, pallof press. Manual 10 min: STM to the upper traps."
    found = _extract(text).treatments
    assert [(t.cpt, t.minutes) for t in found if t.cpt == "97110"] == [("97110", None)]


def test_a_modality_written_with_its_settings_waits_for_its_minutes():
    text = ("- Ther ex x20: chin tucks, rows.\n- Manual x12: suboccipital release.\n"
            "- Ultrasound continuous to the L upper trap.\n- Hot pack x10.\n")
    us = [t for t in _extract(text).treatments if t.cpt == "97035"]
    assert us and us[0].minutes is None and not us[0].named_only


def test_a_companions_own_pain_is_not_the_clients_score():
    facts = _extract("Her son drove her in, he's got his own knee trouble, says it's a nine out of ten. "
                     "Her low back is 4/10 today. Ther ex 20 min. Low back 2/10 after.")
    assert facts.pain_before.score == 4 and facts.pain_after.score == 2
