"""Diagnoses (domain.md section 9): suggestions, validation against the shipped code set, pointers."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from billing.codeset import code_set_notice, excludes1_note, fiscal_year
from billing.diagnoses import diagnosis_map, validate_code
from models import Region as R
from models import RuleId
from tests.test_billing_support import BACK, LOW_BACK, NECK, R_SHOULDER, area, by_id, condition, ids, note, pain, run, tx


@pytest.mark.parametrize("code, exists, billable", [
    ("M54.5", True, False), ("M54.50", True, True), ("M25.513", False, False), ("m5450", True, True),
    ("M54", True, False), ("S13.4XXD", True, True), ("M50-M54", False, False), ("", False, False),
])
def test_validate_code(code, exists, billable):
    check = validate_code(code)
    assert (check.exists, check.billable) == (exists, billable)


def test_parent_code_suggests_its_leaves():
    assert "M54.50" in validate_code("M54.5").examples


@pytest.mark.parametrize("facts, areas, expected", [
    ([condition("pain", "neck", R.cervical)], [NECK], {"M54.2"}),
    ([condition("pain", "low_back", R.lumbar)], [LOW_BACK], {"M54.50"}),
    ([condition("pain", "upper_back", R.thoracic)], [area("rhomboids", R.thoracic)], {"M54.6"}),
    ([condition("spasm", "back", R.thoracic, R.lumbar)], [BACK], {"M62.830"}),
    ([condition("pain", "shoulder", R.upper_extremity, side="right")], [R_SHOULDER], {"M25.511"}),
    ([condition("pain", "shoulder", R.upper_extremity, side="left")], [R_SHOULDER], {"M25.512"}),
    ([condition("pain", "shoulder", R.upper_extremity, side="bilateral")], [R_SHOULDER], {"M25.511", "M25.512"}),
    ([condition("pain", "shoulder", R.upper_extremity)], [R_SHOULDER], {"M25.511"}),  # side from the treated area
    ([condition("tension_headache", "head", R.head), condition("headache", "head", R.head)], [NECK], {"G44.209"}),
    ([condition("fibromyalgia")], [BACK], {"M79.7"}),
    ([condition("plantar_fasciitis", "foot", R.lower_extremity, side="right")],
     [area("foot", R.lower_extremity, side="right")], {"M72.2"}),
    ([condition("sciatica", side="right")], [area("piriformis", R.pelvic, side="right")], {"M54.31"}),
    ([condition("sciatica", side="left")], [area("piriformis", R.pelvic, side="left")], {"M54.32"}),
    ([condition("pain", "low_back", R.lumbar), condition("sciatica", "leg", R.lower_extremity, side="right")],
     [LOW_BACK], {"M54.41"}),
    ([condition("pain", "low_back", R.lumbar), condition("sciatica", "leg", R.lower_extremity, side="left")],
     [LOW_BACK], {"M54.42"}),
    ([condition("whiplash", "neck", R.cervical), condition("pain", "neck", R.cervical)], [NECK], {"S13.4XXD"}),
    ([condition("pain", "neck", R.cervical, context="other_person")], [NECK], set()),
    ([condition("stress")], [NECK], set()),
    ([pain(6, "before", "right shoulder", R.upper_extremity)], [R_SHOULDER], {"M25.511"}),
    ([pain(6, "before")], [area("knee", R.lower_extremity, side="left")], {"M25.562"}),
    ([pain(0, "before", "neck", R.cervical)], [NECK], set()),
    # "back pain" said again of a low back or a thoracic complaint is that one, not unspecified dorsalgia
    ([condition("pain", "low_back", R.lumbar), condition("pain", "back", R.thoracic, R.lumbar)], [LOW_BACK], {"M54.50"}),
    ([condition("pain", "upper_back", R.thoracic), condition("pain", "back", R.thoracic, R.lumbar)],
     [area("rhomboids", R.thoracic)], {"M54.6"}),
])
def test_suggested_diagnoses(facts, areas, expected):
    result = run(note(tx("97140", 20, *areas), facts=facts))
    assert {d.code for d in result.claim.diagnoses} == expected
    assert not ids(result) & {RuleId.EXCLUDES1_CONFLICT, RuleId.INVALID_DIAGNOSIS}
    for d in result.claim.diagnoses:
        assert validate_code(d.code).billable and d.reason and d.evidence


def test_sciatica_with_low_back_pain_is_never_m5450_plus_m543x():
    facts = [condition("pain", "low_back", R.lumbar), condition("sciatica", side="right")]
    codes = {d.code for d in run(note(tx("97124", 30, LOW_BACK), facts=facts)).claim.diagnoses}
    assert codes == {"M54.41"}


@pytest.mark.parametrize("entered, kept, problem", [
    (["M54.5"], [], "category"),
    (["M25.513"], [], "not in the ICD-10-CM code set"),
    (["m54.50 "], ["M54.50"], None),
])
def test_entered_codes_are_validated(entered, kept, problem):
    result = run(note(tx("97124", 30, LOW_BACK), entered=entered))
    assert [d.code for d in result.claim.diagnoses] == kept
    bad = by_id(result, RuleId.INVALID_DIAGNOSIS)
    if problem:
        assert bad and bad[0].blocking and problem in bad[0].message and bad[0].fix
        assert RuleId.MISSING_DIAGNOSIS in ids(result)
    else:
        assert not bad and result.claim.diagnoses[0].source == "entered"


@pytest.mark.parametrize("codes, use", [(["M54.50", "M54.41"], None), (["M54.50", "M54.31"], "M54.41")])
def test_excludes1_conflict_on_entered_codes(codes, use):
    result = run(note(tx("97124", 30, LOW_BACK), entered=codes))
    (conflict,) = by_id(result, RuleId.EXCLUDES1_CONFLICT)
    assert conflict.blocking and all(c in conflict.message for c in codes)
    if use:
        assert use in conflict.fix


def test_excludes1_read_from_the_code_set():
    assert "M54.4" in excludes1_note("M54.50", "M54.41")
    assert excludes1_note("M54.2", "M25.511") is None


def test_pointers_follow_the_lines_regions():
    facts = [condition("pain", "low_back", R.lumbar), condition("pain", "shoulder", R.upper_extremity, side="right")]
    result = run(note(tx("97124", 30, LOW_BACK), tx("97140", 15, R_SHOULDER), facts=facts))
    codes = [d.code for d in result.claim.diagnoses]
    pointed = {ln.cpt: [codes[p - 1] for p in ln.diagnosis_pointers] for ln in result.claim.lines}
    assert pointed == {"97124": ["M54.50"], "97140": ["M25.511"]}


def test_line_with_no_supporting_diagnosis_is_blocking():
    result = run(note(tx("97124", 30, NECK), tx("97140", 15, area("calf", R.lower_extremity)),
                      facts=[condition("pain", "neck", R.cervical)]))
    (missing,) = by_id(result, RuleId.MISSING_DIAGNOSIS)
    assert missing.cpt == "97140" and missing.blocking and missing.missing
    assert next(ln for ln in result.claim.lines if ln.cpt == "97140").diagnosis_pointers == []


def test_at_most_four_pointers_and_twelve_diagnoses():
    many = ["M54.2", "M54.50", "M54.6", "M25.511", "M25.512", "M25.521", "M25.522", "M25.531", "M25.532",
            "M25.551", "M25.552", "M25.561", "M25.562", "M79.7"]
    result = run(note(tx("97124", 60, area("full_body", *list(R))), entered=many))
    assert len(result.claim.diagnoses) == 12
    assert len(result.claim.lines[0].diagnosis_pointers) == 4
    assert len(by_id(result, RuleId.INVALID_DIAGNOSIS)) == 2


def test_code_set_year():
    year = fiscal_year()
    assert year.label == "FY2026" and year.start == date(2025, 10, 1) and year.end == date(2026, 9, 30)
    inside = run(note(tx("97124", 30, NECK)), day=date(2026, 3, 2))
    assert inside.claim.icd_fiscal_year == "FY2026" and RuleId.CODE_SET_YEAR not in ids(inside)
    # outside the year: the claim still names the year, and no session carries a warning about it;
    # the notice is said once (settings, `scribe models`)
    outside = run(note(tx("97124", 30, NECK)), day=date(2024, 1, 15))
    assert outside.claim.icd_fiscal_year == "FY2026" and RuleId.CODE_SET_YEAR not in ids(outside)
    notice = code_set_notice(date(2026, 12, 1))
    assert "FY2026" in notice and "2026-12-01" in notice and code_set_notice(date(2026, 3, 2)) is None


def test_every_code_in_the_diagnosis_map_is_a_billable_leaf():
    dx_map = diagnosis_map()
    codes = {c for rule in dx_map.rules for c in rule.codes.all()} | {c.use for c in dx_map.combinations}
    bad = [c for c in codes if not validate_code(c).billable]
    assert not bad
    assert {"M54.2", "M54.50", "M54.6", "M62.830", "M25.511", "M25.512", "G44.209", "M79.7", "M72.2", "M54.31",
            "M54.32", "M54.41", "M54.42", "S13.4XXD"} <= codes


def test_importing_billing_does_not_load_the_code_set():
    code = "import sys, billing; billing.load_profiles(); assert 'simple_icd_10_cm' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
