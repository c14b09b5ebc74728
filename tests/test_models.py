"""Invariants live on the models that own them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from models import Claim, ClaimLine, Diagnosis, Evidence, RuleFinding, Severity, Transcript
from models.claim import MAX_DIAGNOSES


def test_no_zero_unit_line_and_no_52_on_timed():
    with pytest.raises(ValidationError):
        ClaimLine(cpt="97124", units=0, minutes=5)
    with pytest.raises(ValidationError, match="52"):
        ClaimLine(cpt="97124", units=1, minutes=10, modifiers=["52"])
    assert ClaimLine(cpt="97010", units=1, minutes=10, timed=False, modifiers=["52"]).modifiers == ["52"]


def test_pointer_limits():
    with pytest.raises(ValidationError):
        ClaimLine(cpt="97140", units=1, minutes=15, diagnosis_pointers=[1, 2, 3, 4, 5])
    dx = Diagnosis(code="M54.2")
    with pytest.raises(ValidationError, match="points at a diagnosis"):
        Claim(diagnoses=[dx], lines=[ClaimLine(cpt="97140", units=1, minutes=15, diagnosis_pointers=[2])])
    with pytest.raises(ValidationError):
        Claim(diagnoses=[Diagnosis(code=f"M54.{i}") for i in range(MAX_DIAGNOSES + 1)])


def test_severity_comes_from_the_rule_id():
    assert RuleFinding(id="SAME_REGION_CONFLICT", message="x").severity == Severity.blocking
    assert RuleFinding(id="UNDER_8_MINUTES", message="x").severity == Severity.warning
    with pytest.raises(ValidationError):
        RuleFinding(id="UNDER_8_MINUTES", severity="blocking", message="x")
    with pytest.raises(ValidationError):
        RuleFinding(id="MADE_UP", message="x")


def test_evidence_and_segments_stay_inside_text():
    with pytest.raises(ValidationError):
        Evidence(char_start=5, char_end=2, text="")
    with pytest.raises(ValidationError):
        Transcript(text="abc", segments=[{"start": 0, "end": 1, "text": "abcdef", "char_start": 0, "char_end": 6}])


def test_total_charge_is_the_sum_of_lines():
    c = Claim(lines=[ClaimLine(cpt="97124", units=2, minutes=30, charge="120.00"),
                     ClaimLine(cpt="97140", units=1, minutes=15, charge="65.50")])
    assert str(c.total_charge) == "185.50"


def test_minute_rules_have_one_home_shared_by_billing_and_extraction():
    """models/minutes.py is the one home: billing's unit formula and extraction's -teen/-ty check
    are the functions defined there, not copies."""
    from billing import units as billing_units
    from extraction import asr_checks
    from models import minutes

    assert billing_units.units is minutes.units
    assert [minutes.units(m) for m in (0, 7, 8, 22, 23, 37, 38)] == [0, 0, 1, 1, 2, 2, 3]
    assert asr_checks.twin is minutes.twin and asr_checks.units is minutes.units
    assert minutes.twin(15) == 50 and minutes.twin(50) == 15 and minutes.twin(20) is None
