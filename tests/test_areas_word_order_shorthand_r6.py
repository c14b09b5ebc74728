"""Areas as round-6 voices say them (issue 13): a recogniser's rendering of a speaker whose first
language puts the adjective and the side after the noun, and medical-massage shorthand.

Four classes, each a mechanism or a vocabulary entry in the pattern files:
- a position word after the area ("the back low", "the trapezius upper") is the area it names
  when moved in front (token set POSTPOSED_AREA_QUALIFIER);
- a bare side after the area counts before a pause ("the knee right, ...") but never as the verb
  of "the neck left her stiff" (laterality.jsonl, ``before_pause``);
- charting abbreviations that are also words or letters ("UT" upper trapezius, "FB" full body)
  count only in capitals (areas.jsonl, ``case_sensitive``);
- an area that only describes a posture ("rounded shoulder posture", "forward head posture") is a
  finding, not an area treated (token set POSTURE_NOUN).
Phrasings written here, none from any corpus.
"""

from __future__ import annotations

from datetime import date

import pytest

from extraction import extract
from models import AreaFact, Laterality, Transcript
from scribe.analysis import analyse


def _areas(text: str) -> list[tuple[str, Laterality]]:
    return [(f.area, f.laterality) for f in extract(Transcript.from_text(text)).facts
            if isinstance(f, AreaFact) and f.context == "performed"]


def _claim(text: str):
    _, _, claim, _ = analyse(Transcript.from_text(text), payer="commercial", date_of_service=date(2026, 3, 2),
                             use_data_dir=False)
    return claim


@pytest.mark.parametrize(
    "text, area",
    [
        ("He have much pain in the back low since one month. Massage twenty minutes there.", "low_back"),
        ("Ache of the back upper from the computer. Swedish on the back upper, twenty five minutes.", "upper_back"),
        ("Tight the trapezius upper both side, deep tissue twenty minutes.", "upper_trapezius"),
    ],
)
def test_position_word_after_the_area_names_the_qualified_area(text, area):
    assert area in {a for a, _ in _areas(text)}
    assert "back" not in {a for a, _ in _areas(text)} or area == "upper_trapezius"


def test_low_back_pain_said_back_first_is_coded_low_back_pain():
    claim = _claim("The pain of the back low is six of ten. We make massage swedish thirty minutes on the back low. "
                   "After, pain three of ten.")
    assert "M54.50" in [d.code for d in claim.diagnoses]
    assert {r.value for ln in claim.lines for r in ln.regions} == {"lumbar"}


@pytest.mark.parametrize(
    "text, area, side",
    [
        ("She have the bursitis of the hip right, since winter. Soft tissue on the hip right, fifteen minutes.",
         "hip", Laterality.right),
        ("Pain of the shoulder left. Ultrasound to the shoulder left, eight minutes.", "shoulder", Laterality.left),
    ],
)
def test_bare_side_after_the_area_before_a_pause(text, area, side):
    assert (area, side) in _areas(text)


def test_left_as_a_verb_after_an_area_is_no_side():
    found = _areas("The drive home from work with her neck left her stiff. Swedish to the neck 30 min.")
    assert ("neck", Laterality.left) not in found
    assert ("neck", Laterality.unspecified) in found


def test_lateral_epicondylitis_takes_the_side_said_after_the_elbow():
    claim = _claim("Patient have epicondylitis lateral of the elbow right, tennis elbow, two month. "
                   "Cross fiber friction on the elbow right twelve minutes. Pain five before, three after.")
    assert "M77.11" in [d.code for d in claim.diagnoses]


@pytest.mark.parametrize(
    "text, area",
    [
        ("STM (L) UT and levator, 20 min.", "upper_trapezius"),
        ("Deep tissue B/L UTs 25 min, pt reports 5/10 neck pain.", "upper_trapezius"),
    ],
)
def test_ut_in_capitals_is_the_upper_trapezius(text, area):
    assert area in {a for a, _ in _areas(text)}


def test_fb_in_capitals_is_the_full_body():
    claim = _claim("Self-pay, no complaints, wants to unwind. FB relaxation massage x50', light pressure.")
    regions = {r.value for ln in claim.lines for r in ln.regions}
    assert len(regions) == 10


def test_lower_case_ut_and_fb_are_no_area():
    assert _areas("Massage the neck 20 min, ut supra, fb message later.") == [("neck", Laterality.unspecified)]


@pytest.mark.parametrize(
    "text, absent",
    [
        ("MFR to the pecs 15 min for rounded shoulder posture.", "shoulder"),
        ("Forward head posture noted. STM suboccipitals 12 min.", "head"),
    ],
)
def test_area_that_only_describes_a_posture_is_not_treated(text, absent):
    assert absent not in {a for a, _ in _areas(text)}


def test_shoulder_without_posture_is_still_an_area():
    assert "shoulder" in {a for a, _ in _areas("MFR to the shoulder 15 min, posture cues given.")}


def test_two_position_words_after_the_area_keep_the_whole_area():
    claim = _claim("Her back is hurting, a six. Swedish on the back upper and lower forty minutes. Now a three.")
    assert {r.value for ln in claim.lines for r in ln.regions} == {"thoracic", "lumbar"}
