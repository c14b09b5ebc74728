"""Round 11: charting symbols read as the words they stand for (extraction/symbols.py)."""

from __future__ import annotations

import pytest

from extraction import symbols
from extraction.dictation import Edited
from extraction.extract import extract
from models import Transcript

MACRON, OVERLINE = "\u0304", "\u0305"


def _read(text: str) -> str:
    return symbols.apply(Edited.same(text)).text


@pytest.mark.parametrize("after", ["p" + MACRON, "P" + MACRON, "p" + OVERLINE])
def test_barred_p_is_after_in_its_combining_forms(after):
    assert _read(f"low back 5/10 {after} session") == "low back 5/10 after session"


@pytest.mark.parametrize("before", ["\u0101", "a" + MACRON])  # precomposed and combining
def test_barred_a_is_before_whether_precomposed_or_combining(before):
    assert _read(f"hip 6/10 {before} tx") == "hip 6/10 before tx"


def test_barred_c_and_s_are_with_and_without():
    assert _read("gait c" + MACRON + " walker, s" + MACRON + " LOB") == "gait with walker, without LOB"


def test_a_barred_letter_inside_a_word_is_left_alone():
    text = "cap" + MACRON + "tion"
    assert _read(text) == text


def test_arrows_up_and_down_read_anywhere_with_blanks_added():
    assert _read("ROM↑ and spasm↓") == "ROM increased and spasm decreased"


def test_vulgar_half_is_half_unless_it_closes_a_number():
    assert _read("MFR x½ hr") == "MFR x half hr"
    assert _read("walked 1½ miles") == "walked 1½ miles"


def test_evidence_points_at_the_symbol_as_typed():
    text = "Shoulder pain 7/10 \u0101 tx. STM R shoulder 20 min. Shoulder 2/10 p" + MACRON + " tx."
    got = extract(Transcript(text=text))
    assert (got.pain_before.score, got.pain_after.score) == (7, 2)
    for fact in got.facts:
        ev = fact.evidence
        assert text[ev.char_start : ev.char_end] == ev.text


@pytest.mark.parametrize("after", ["p" + MACRON, "p" + OVERLINE])
def test_a_trailing_after_symbol_times_the_score(after):
    got = extract(Transcript(text=f"Neck pain 8/10. Swedish massage neck 30 min. Neck 4/10 {after}, moving easier."))
    assert got.pain_after is not None and got.pain_after.score == 4


def test_half_hour_symbol_gives_the_block_its_minutes():
    got = extract(Transcript(text="Hip pain 5/10. Deep tissue R hip x½ hr. Hip 2/10 after."))
    assert [t.minutes for t in got.treatments if t.cpt == "97124"] == [30]


def test_finger_widths_after_an_arrow_are_no_pain_change():
    got = extract(Transcript(text="TMJ pain 5/10. Intraoral work 15 min. Jaw 1/10 after, opening 1 -> 3 fingers."))
    assert got.pain_after.score == 1


def test_a_share_of_a_stated_block_is_inside_it():
    got = extract(Transcript(text="TherEx L knee 30 min: squats, step-ups, bike (8 min of the 30 min). Knee pain 4/10 before."))
    assert [t.minutes for t in got.treatments if t.cpt == "97110"] == [30]


def test_lat_before_a_movement_is_lateral_not_the_muscle():
    got = extract(Transcript(text="Balance training 12 min: lat weight shifts, tandem stance on foam."))
    assert not any(a.area == "latissimus_dorsi" for t in got.treatments for a in t.areas)
