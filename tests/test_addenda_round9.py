"""Round 9: addenda, late entries and corrections written below a note, and other clinicians' work.

A service an addendum names again is the one above, corrected or completed, never a second line;
a colleague's service told in the note is context, never billed here. Phrasings are our own."""

from __future__ import annotations

import pytest

from extraction.extract import extract
from models import Transcript


def _lines(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in extract(Transcript(text=text)).treatments)


def _treatments(text: str):
    return extract(Transcript(text=text)).treatments


@pytest.mark.parametrize("text", [
    # restated with its areas after a biller's question
    "Swedish 40 min, trigger point 10 min.\n\nClarification: the Swedish (40 min) was to the upper back and "
    "shoulders only. The trigger point work (10 min) was to the left calf. - M. Reyes, LMT",
    # an addendum heading after a few words on its line
    "Swedish 40 min, trigger point 10 min.\nLMT addendum: Swedish massage 40 minutes on the upper back, "
    "trigger point 10 minutes on the left calf.",
])
def test_an_addendum_that_restates_the_services_adds_no_line(text):
    assert _lines(text) == [("97124", 40), ("97140", 10)]


def test_the_addendum_areas_win_for_the_restated_service():
    text = ("Swedish 40 min, trigger point 10 min.\n\nClarification: the trigger point work (10 min) was to "
            "the left calf only.")
    tp = next(t for t in _treatments(text) if t.cpt == "97140")
    assert {a.area for a in tp.areas} == {"calf"}


def test_corrected_minutes_replace_the_minutes_said_first():
    text = ("PTA note. Gait training in the hallway with a rolling walker - 9 min.\nTher ex 15 min: heel slides, "
            "bridges.\n\nSupervising PT addendum: correction, gait training was 19 minutes, not 9. Other times "
            "are right. - PT")
    assert _lines(text) == [("97110", 15), ("97116", 19)]


def test_a_late_entry_gives_the_untimed_service_its_minutes():
    text = ("Client with a sore right calf. Swedish to the legs 35 min. Cupping to the R calf.\n"
            "Late entry 6:40 PM - the cupping on the right calf took 10 minutes, after the Swedish. - LMT")
    assert _lines(text) == [("97124", 35), ("97140", 10)]


def test_a_late_entry_that_adds_a_new_service_keeps_it():
    text = ("Deep tissue to the upper back, 30 minutes.\n"
            "Late entry: I forgot to chart the foot work - reflexology on both feet, 15 min.")
    lines = _lines(text)
    assert ("97124", 30) in lines and len(lines) == 2


def test_a_corrected_technique_replaces_the_one_said_first():
    text = ("Neck pain, 6/10. Swedish on the shoulders, twenty minutes, then Swedish on the neck, ten minutes.\n"
            "Addendum: correcting the neck part. Those ten minutes were myofascial release on the suboccipitals "
            "and scalenes, not Swedish massage. The shoulders were Swedish as charted.")
    assert _lines(text) == [("97124", 20), ("97140", 10)]


def test_without_a_heading_a_second_block_of_the_same_code_stays():
    text = "Swedish to the back 30 min. Then Swedish to the legs 15 min."
    assert _lines(text) == [("97124", 15), ("97124", 30)]


def test_a_correction_word_inside_a_sentence_opens_no_addendum():
    text = ("Deep tissue to the back 20 min, and the client asked for a correction of her posture cue, "
            "then deep tissue to the hips 20 min.")
    assert _lines(text) == [("97124", 20), ("97124", 20)]


@pytest.mark.parametrize("text", [
    "Ther ex 25 min, rows and wall slides. She also had a 45 min massage with our LMT for her neck.",
    "Ther ex 25 min, rows and wall slides. Deep tissue for 45 min with Priya, that's on Priya's chart.",
    "Ther ex 25 min, rows and wall slides. Massage 45 min for her neck, billed on a separate note.",
])
def test_a_colleagues_service_is_never_billed_here(text):
    assert _lines(text) == [("97110", 25)]


def test_an_area_between_a_determiner_and_a_technique_names_that_service():
    text = "Swedish on the back 30 min. Trigger point work on the glutes, 15 minutes, done after the back massage."
    tp = next(t for t in _treatments(text) if t.cpt == "97140")
    assert {a.area for a in tp.areas} == {"glutes"}


def test_str_as_written_is_soft_tissue_release_and_str_in_a_strength_grade_is_not():
    assert _lines("STR to the L quads 12 min.") == [("97140", 12)]
    assert _lines("Hip abd str 4/5. Ther ex 20 min: clamshells, bridges.") == [("97110", 20)]


def test_thoracic_mobility_exercises_are_therapeutic_exercise():
    text = "MFR to the thoracic paraspinals 15 min. Open books and seated thoracic rotations, 10 min."
    assert _lines(text) == [("97110", 10), ("97140", 15)]
