"""Issue 13, round 8: dictation-software commands transcribed literally (spoken punctuation and
spoken edits) are carried out before the note is read. Phrasings written here."""

from __future__ import annotations

import pytest

from extraction import extract
from extraction.dictation import apply
from models import Context, PainTiming, Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


def performed(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in ex(text).treatments]


OPEN = "Visit note comma Dana comma stiff neck comma four out of ten period new paragraph "


# --- spoken punctuation -------------------------------------------------------------------------

def test_spoken_punctuation_becomes_punctuation():
    got = apply("Dana comma 52 comma neck pain period new line plan colon weekly period").text
    assert got == "Dana, 52, neck pain.\nplan: weekly."


def test_a_typed_note_using_the_word_period_is_left_alone():
    text = "After a period of rest the neck eased. Swedish to the neck, 20 minutes."
    assert apply(text).text == text
    assert not apply(text).changed


def test_start_and_stop_dictation_are_no_text():
    got = apply("begin dictation period neck pain comma two out of ten period end dictation").text
    assert "dictation" not in got and got.strip().startswith("neck pain,")


# --- retracting the sentence just said --------------------------------------------------------

@pytest.mark.parametrize("command", ["scratch that", "delete last sentence", "Delete the last sentence"])
def test_a_retracted_sentence_bills_nothing(command):
    text = (OPEN + "cupping along the upper back ten minutes period new line "
            f"{command} period new line Swedish to the upper back twenty two minutes period")
    assert performed(text) == [("97124", 22)]
    assert not any(getattr(f, "technique", None) == "cupping" for f in ex(text).facts)


def test_a_retracted_after_score_is_no_outcome():
    text = (OPEN + "Swedish to the neck twenty five minutes period new line "
            "she felt it was a one after period new line scratch that period new line no rating taken period")
    got = ex(text)
    assert got.pain_after is None
    assert got.pain_before is not None and got.pain_before.score == 4


# --- change A to B ----------------------------------------------------------------------------

def test_change_replaces_the_minutes_and_evidence_points_at_what_was_said():
    text = (OPEN + "myofascial release to the left upper trap nine minutes period new line "
            "change nine to seventeen period")
    assert performed(text) == [("97140", 17)]
    dur = next(f for f in ex(text).facts if getattr(f, "minutes", None) == 17)
    assert dur.evidence.text == text[dur.evidence.char_start : dur.evidence.char_end]
    assert "seventeen" in dur.evidence.text


def test_change_of_a_score_moves_the_after_score():
    text = (OPEN + "Swedish to the neck thirty minutes period new line "
            "after treatment three out of ten period new line change three to one period")
    after = ex(text).pain_after
    assert after is not None and after.score == 1 and after.timing == PainTiming.after


# --- striking a named part ---------------------------------------------------------------------

@pytest.mark.parametrize("what", ["the hot pack", "hot pack"])
def test_strike_the_part_about_removes_that_service(what):
    text = (OPEN + "hot pack to the neck twelve minutes period new line "
            "Swedish to the neck and shoulders thirty minutes period new line "
            f"strike the part about {what} period")
    assert performed(text) == [("97124", 30)]


def test_strike_keeps_the_start_of_a_sentence_the_part_was_said_in():
    text = (OPEN + "Swedish to the neck thirty minutes comma then ultrasound to the neck eight minutes period new line "
            "strike the part about the ultrasound period")
    assert performed(text) == [("97124", 30)]


# --- a correction flips the side or moves the area --------------------------------------------

def test_correction_flips_the_side():
    text = ("Patient comma left knee pain comma five out of ten period correction colon right not left period "
            "new paragraph soft tissue mobilization to the knee fifteen minutes period")
    areas = [f for f in ex(text).facts if getattr(f, "area", None) and f.context == Context.performed]
    assert areas and all(a.laterality.value != "left" for a in areas)
    assert any(a.laterality.value == "right" for a in areas)


def test_correction_with_a_longer_part_completes_the_shorter():
    got = apply("pain down the right arm comma correction colon left arm not right period new line "
                "Swedish comma twenty minutes period").text
    assert "left arm" in got and "correction" not in got.lower()


def test_correction_saying_where_the_work_was_moves_it():
    text = (OPEN + "Swedish massage to the mid back comma 20 minutes period new line "
            "correction colon the Swedish was to the neck not the mid back period")
    regions = {r.value for t in ex(text).treatments for a in t.areas for r in a.regions}
    assert regions == {"cervical"}


def test_every_evidence_is_a_slice_of_the_transcript():
    text = (OPEN + "deep tissue to the low back eighteen minutes period new line change eighteen to twenty period "
            "new line scratch that period new line deep tissue to the low back twenty three minutes period")
    got = ex(text)
    for f in got.facts:
        assert f.evidence.text == text[f.evidence.char_start : f.evidence.char_end]
    for t in got.treatments:
        assert all(e.text == text[e.char_start : e.char_end] for e in t.evidence)
