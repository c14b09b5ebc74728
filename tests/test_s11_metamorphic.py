"""Session 11: the metamorphic check's rewrites (bench/metamorphic.py) and the brittleness it found.

The rewrites must preserve meaning exactly, or the tool reports false breakages: these tests pin
what each one touches and, as much, what it must leave alone.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "metamorphic", Path(__file__).resolve().parent.parent / "bench" / "metamorphic.py")
meta = importlib.util.module_from_spec(_SPEC)
sys.modules["metamorphic"] = meta
_SPEC.loader.exec_module(meta)


@pytest.mark.parametrize("fn, text, want", [
    ("minutes_words_to_digits", "Forty-five minutes of massage, then ten min stretching.",
     "45 minutes of massage, then 10 min stretching."),
    ("minutes_words_to_digits", "ten to fifteen minutes of ice", None),
    ("minutes_words_to_digits", "one and a half minutes", None),
    ("minutes_digits_to_words", "STM 25 min and a 30-minute walk.", "STM twenty-five min and a thirty-minute walk."),
    ("minutes_digits_to_words", "10-15 minutes, 2:30 minutes, 20 to 25 minutes", None),
    ("minutes_to_min", "thirty minutes of exercise, minimal pain", "thirty min of exercise, minimal pain"),
    ("minutes_to_mins", "steps per minute; 12 minutes", "steps per minute; 12 mins"),
    ("min_to_minutes", "x 8 min, 12mins", "x 8 minutes, 12 minutes"),
    ("slash_ten_to_out_of", "pain 6/10 then 3-4/10", "pain 6 out of 10 then 3-4 out of 10"),
    ("slash_ten_to_out_of", "seen 3/10/26; MMT 4/5", None),
    ("slash_ten_to_of", "pain 7/10", "pain 7 of 10"),
    ("out_of_to_slash_ten", "rated 5 out of ten", "rated 5/10"),
    ("side_words_to_letters", "Left the clinic; right knee and left upper trap",
     "Left the clinic; R knee and L upper trap"),
    ("side_letters_to_words", "R>L shoulder, L hip", "R>L shoulder, left hip"),
    ("lowercase", "STM to the IT band, US x 8 min", "stm to the IT band, US x 8 min"),
    ("remove_commas", "neck, shoulders, back 20, arms 10; pain 7, 3 after", "neck shoulders back 20 arms 10; pain 7, 3 after"),
    ("remove_commas", "No massage, exercise 20 min", None),
    ("contract", "Did not use heat; cannot lie prone", "Didn't use heat; can't lie prone"),
    ("expand_contractions", "didn't tolerate it, won't return", "did not tolerate it, will not return"),
    ("headings_expand", "S: sore neck\nO: tight\nP: HEP", "Subjective: sore neck\nObjective: tight\nPlan: HEP"),
    ("headings_expand", "Q: how long?\nA: 20 min\nS: none", None),
    ("headings_abbreviate", "Subjective: sore\nPlan: return", "S: sore\nP: return"),
])
def test_rewrites_touch_only_what_they_should(fn, text, want):
    assert getattr(meta, fn)(text) == want


def test_number_words_round_trip():
    for n in range(1, 100):
        assert meta.words_to_number(meta.number_to_words(n)) == n


def test_the_tool_refuses_exam_folders():
    with pytest.raises(SystemExit):
        meta._refuse_exams([Path("samples/blind/exam3")])


# --- the fix: capital-only abbreviations that lower-cased are no other word ----------------------

from extraction import vocab  # noqa: E402


def test_lowercase_forms_only_for_abbreviations_that_are_no_word():
    forms = vocab.cased_forms(["NMR", "SLRs", "ART", "TUG", "CP", "PA mobs"])
    assert "nmr" in forms and "slrs" in forms
    # an ordinary word lower-cased, a two-letter one and a phrase stay capitals only
    assert not {"art", "tug", "cp", "pa mobs"} & set(forms)


@pytest.fixture(scope="module")
def read():
    from models import Transcript
    from scribe.analysis import analyse

    def _read(text):
        claim = analyse(Transcript.from_text(text), payer="commercial", date_of_service=None, use_data_dir=False)[2]
        return sorted({ln.cpt for ln in claim.lines})
    return _read


@pytest.mark.parametrize("text, cpt", [
    ("knee oa. nmr 12 min for quad control then bike 10 min", "97112"),
    ("tka wk 6. laq and saq 3x10, 15 min total", "97110"),
    ("cervical strain, mhp to neck 10 min prior to ther ex 15 min", "97010"),
])
def test_thumb_typed_abbreviations_are_read(read, text, cpt):
    assert cpt in read(text)


def test_capital_only_words_stay_words(read):
    # "art" lower-cased is the client's hobby, not Active Release Technique
    assert "97140" not in read("she teaches art 20 min from here; exercise 20 min for the hip")
