"""Round 12: activities named as findings of a test, responses and home programs are no service.

Phrasings are our own, not the blind corpus's."""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def _cpts(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in extract(Transcript.from_text(text)).treatments]


@pytest.mark.parametrize("finding", [
    "Single leg stance R 9 sec, L 4 sec.",                       # a time held, compared
    "Squat to chair requires UE support from armrests.",          # a need
    "Transfers min assist from a low mat.",                       # an assist level
    "Gait with SPC: decreased stride length on the right.",       # a movement deviation after a colon
    "Gait antalgic without device.",
    "Symptoms peripheralized with repeated flexion in sitting.",  # an MDT response
    "Back pain peaks at 7 with lifting.",                        # a peak score with its activity
])
def test_an_activity_named_with_its_finding_is_no_service(finding):
    assert _cpts("Manual therapy to lumbar spine 15 min. " + finding) == [("97140", 15)]


@pytest.mark.parametrize("dose", [
    "Balance training 12 min: single leg stance 3x20 sec each side.",
    "Balance training 12 min: single leg stance 20 sec holds.",
    "Gait training 12 min with RW, min A.",
])
def test_a_dose_or_timed_service_stays_a_service(dose):
    assert ("97140", 15) in _cpts("Manual therapy to lumbar spine 15 min. " + dose)
    assert len(_cpts("Manual therapy to lumbar spine 15 min. " + dose)) == 2


def test_a_response_after_an_earlier_exercise_is_no_second_service():
    text = ("Ther ex 20 minutes: prone press-ups and bridges. "
            "Buttock symptoms centralised to the low back after the press-ups.")
    assert _cpts(text) == [("97110", 20)]


@pytest.mark.parametrize("home", ["HEP @ home: bridges + clamshells 2x/day.",
                                  "HEP at home: bridges and clamshells daily."])
def test_a_home_program_written_mid_line_is_the_clients(home):
    assert _cpts("Swedish massage to the back 40 min. Pain 2/10 after. " + home) == [("97124", 40)]


def test_passive_stretching_beside_massage_of_the_it_band_folds_into_it():
    text = ("Deep tissue to the R IT band and glutes with passive piriformis and hamstring "
            "stretching mixed in, 40 minutes total.")
    assert _cpts(text) == [("97124", 40)]
