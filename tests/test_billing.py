"""Billing: units (domain.md section 3), lines, modifiers (section 4), profiles (section 5), findings.

Extractions are built by hand (tests/test_billing_support.py), so these tests do not depend on the
extraction package.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from billing import bill, load_pairs, load_profiles
from billing.units import TimedService, allocate, units
from models import CueKind, ProviderType, Region, RuleId, Severity, UnitMethod
from tests.test_billing_support import (
    BACK,
    LOW_BACK,
    NECK,
    PROFILES,
    R_KNEE,
    R_SHOULDER,
    RHOMBOIDS,
    area,
    by_id,
    condition,
    cue,
    ids,
    lines_of,
    note,
    run,
    tx,
)

R = Region


# ---------------------------------------------------------------- the unit table
@pytest.mark.parametrize(
    "minutes, expected",
    [(0, 0), (7, 0), (8, 1), (15, 1), (22, 1), (23, 2), (37, 2), (38, 3), (52, 3), (53, 4), (67, 4), (68, 5), (82, 5)],
)
def test_unit_table(minutes, expected):
    assert units(minutes) == expected


# ---------------------------------------------------------------- published worked examples (section 3)
EX1 = [("97112", 24), ("97110", 23)]
EX2 = [("97110", 33), ("97140", 7)]
EX3 = [("97110", 18), ("97140", 13), ("97116", 10), ("97035", 8)]


@pytest.mark.parametrize(
    "payer, minutes, expected",
    [
        ("commercial-cms", EX1, {"97112": 2, "97110": 1}),
        ("medicare", EX1, {"97112": 2, "97110": 1}),
        ("commercial", EX1, {"97112": 2, "97110": 2}),
        ("commercial-cms", EX2, {"97110": 2, "97140": 1}),
        ("medicare", EX2, {"97110": 2, "97140": 1}),
        ("commercial", EX2, {"97110": 2}),
        ("commercial-cms", EX3, {"97110": 1, "97140": 1, "97116": 1}),
        ("medicare", EX3, {"97110": 1, "97140": 1, "97116": 1}),
        ("commercial", EX3, {"97110": 1, "97140": 1, "97116": 1, "97035": 1}),
    ],
)
def test_worked_examples(payer, minutes, expected):
    result = run(note(*[tx(cpt, m, R_KNEE) for cpt, m in minutes], facts=[condition("pain", "knee", side="right")]),
                 payer)
    assert {ln.cpt: ln.units for ln in result.claim.lines} == expected
    assert TIE_FREE(result)
    dropped = {cpt for cpt, _ in minutes} - set(expected)
    assert {f.cpt for f in by_id(result, RuleId.UNDER_8_MINUTES)} == dropped


def TIE_FREE(result) -> bool:
    return RuleId.TIE_BROKEN not in ids(result)


def test_example_1_total_time_rule_ids_name_the_method():
    result = run(note(*[tx(c, m, R_KNEE) for c, m in EX1]), "commercial-cms")
    assert all("UNITS_TOTAL_TIME" in ln.rule_ids for ln in result.claim.lines)
    assert result.claim.unit_method == UnitMethod.total_time


# ---------------------------------------------------------------- property tests
TIMED = ["97124", "97140", "97110", "97112", "97530", "97116", "97035"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=90), min_size=1, max_size=len(TIMED)))
def test_unit_methods_properties(minutes):
    services = [TimedService(cpt=c, minutes=m, order=i) for i, (c, m) in enumerate(zip(TIMED, minutes))]
    total = allocate(UnitMethod.total_time, services)
    assert sum(total.units.values()) <= units(sum(minutes))
    assert all(u >= 0 for u in total.units.values())
    per = allocate(UnitMethod.per_code, services)
    assert per.units == {s.cpt: units(s.minutes) for s in services}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(TIMED + ["97010"]), st.integers(min_value=0, max_value=70)), max_size=6),
    st.sampled_from(["commercial", "commercial-cms", "medicare"]),
)
def test_claim_lines_never_zero_units_and_always_evidenced(treatments, payer):
    extraction = note(*[tx(c, m, R_KNEE) for c, m in treatments], facts=[condition("pain", "knee", side="right")])
    result = run(extraction, payer)
    timed_minutes = {}
    for c, m in treatments:
        if c != "97010":
            timed_minutes[c] = timed_minutes.get(c, 0) + m
    for line in result.claim.lines:
        assert line.units >= 1
        assert line.evidence
        assert not (line.timed and "52" in line.modifiers)
        if line.timed and payer == "commercial":
            assert line.units == units(timed_minutes[line.cpt])
    timed_units = sum(ln.units for ln in result.claim.lines if ln.timed)
    if payer != "commercial":
        assert timed_units <= units(sum(timed_minutes.values()))
    assert len({ln.cpt for ln in result.claim.lines}) == len(result.claim.lines)  # one line per code


# ---------------------------------------------------------------- lines
def test_tie_goes_to_code_dictated_first_and_is_reported():
    result = run(note(tx("97110", 20, R_KNEE), tx("97112", 20, R_KNEE)), "commercial-cms")
    assert lines_of(result) == {("97110", 2, frozenset()), ("97112", 1, frozenset())}
    (tie,) = by_id(result, RuleId.TIE_BROKEN)
    assert tie.severity == Severity.warning and "97110" in tie.message and tie.cpt == "97110"
    swapped = run(note(tx("97112", 20, R_KNEE), tx("97110", 20, R_KNEE)), "commercial-cms")
    assert lines_of(swapped) == {("97112", 2, frozenset()), ("97110", 1, frozenset())}


def test_tie_under_medicare_leaves_one_code_without_a_line():
    result = run(note(tx("97116", 10), tx("97110", 10)), "medicare")
    assert lines_of(result) == {("97116", 1, frozenset({"GP"}))}
    assert {RuleId.TIE_BROKEN, RuleId.UNDER_8_MINUTES} <= ids(result)


def test_same_code_minutes_add_up_on_one_line():
    result = run(note(tx("97140", 12, NECK), tx("97140", 12, area("levator_scapulae", R.cervical, side="left"))))
    (line,) = result.claim.lines
    assert (line.cpt, line.units, line.minutes) == ("97140", 2, 24)
    assert line.treatment_ids == ["t0", "t1"] and "SAME_CODE_MINUTES_ADDED" in line.rule_ids
    assert len(line.evidence) == 2 and [a.area for a in line.areas] == ["neck", "levator_scapulae"]


@pytest.mark.parametrize("payer", ["commercial", "commercial-cms"])
def test_hot_pack_is_one_unit_and_its_minutes_never_count(payer):
    result = run(note(tx("97010", 15, LOW_BACK), tx("97140", 20, LOW_BACK)), payer)
    assert lines_of(result) == {("97010", 1, frozenset()), ("97140", 1, frozenset())}
    hot = next(ln for ln in result.claim.lines if ln.cpt == "97010")
    assert not hot.timed and "UNTIMED_ONE_UNIT" in hot.rule_ids


def test_missing_minutes_is_pending_and_blocking():
    result = run(note(tx("97140", 15, NECK), tx("97110", None, R_SHOULDER, label="theraband")))
    assert lines_of(result) == {("97140", 1, frozenset())}
    (pending,) = result.claim.pending
    assert (pending.cpt, pending.treatment_id) == ("97110", "t1") and pending.evidence
    (missing,) = by_id(result, RuleId.MISSING_DURATION)
    assert missing.blocking and missing.treatment_id == "t1" and "minutes" in missing.missing


def test_under_8_minutes_is_no_line_and_a_warning():
    result = run(note(tx("97124", 30, LOW_BACK), tx("97110", 7, area("hamstrings", R.lower_extremity))))
    assert lines_of(result) == {("97124", 2, frozenset())}
    (under,) = by_id(result, RuleId.UNDER_8_MINUTES)
    assert under.cpt == "97110" and not under.blocking and under.evidence


@pytest.mark.parametrize("session, raised", [(45, True), (55, False), (60, False), (None, False)])
def test_duration_implausible(session, raised):
    result = run(note(tx("97140", 30, R_SHOULDER), tx("97110", 25, R_SHOULDER), session=session))
    assert (RuleId.DURATION_IMPLAUSIBLE in ids(result)) is raised
    assert {ln.cpt: ln.units for ln in result.claim.lines} == {"97140": 2, "97110": 2}


def test_treatment_without_evidence_is_never_a_line():
    result = run(note(tx("97124", 30, NECK, evidence=False)))
    assert result.claim.lines == [] and result.claim.pending[0].treatment_id == "t0"


def test_line_carries_regions_rule_ids_and_evidence():
    result = run(note(tx("97124", 30, BACK, area("glutes", R.pelvic))))
    (line,) = result.claim.lines
    assert line.regions == [R.thoracic, R.lumbar, R.pelvic]
    assert line.rule_ids[0] == "UNITS_PER_CODE" and line.evidence == result.claim.lines[0].evidence
    assert line.description and "97124" not in line.description


def test_injection_codes_are_never_billed():
    result = run(note(tx("20552", 10, NECK), tx("97140", 15, NECK)))
    assert {ln.cpt for ln in result.claim.lines} == {"97140"}
    assert any(f.id == RuleId.INJECTION_MENTIONED and f.blocking and f.cpt == "20552" for f in result.rule_findings)


# ---------------------------------------------------------------- pairs and modifiers (section 4)
@pytest.mark.parametrize("payer, modifier", [("commercial", "59"), ("commercial-cms", "59"), ("medicare", "XS")])
def test_distinct_regions_put_the_modifier_on_97124(payer, modifier):
    result = run(note(tx("97124", 30, LOW_BACK), tx("97140", 15, R_SHOULDER)), payer)
    massage = next(ln for ln in result.claim.lines if ln.cpt == "97124")
    manual = next(ln for ln in result.claim.lines if ln.cpt == "97140")
    assert modifier in massage.modifiers and modifier not in manual.modifiers
    assert "PAIR_97140_97124_DISTINCT_REGIONS" in massage.rule_ids
    (distinct,) = by_id(result, RuleId.DISTINCT_SERVICE)
    assert distinct.cpt == "97124" and len(distinct.evidence) == 2 and modifier in distinct.message
    assert RuleId.SAME_REGION_CONFLICT not in ids(result)


@pytest.mark.parametrize(
    "massage_area, manual_area",
    [(LOW_BACK, LOW_BACK), (BACK, RHOMBOIDS), (NECK, area("upper_trapezius", R.cervical, side="left"))],
)
def test_same_region_keeps_both_lines_without_modifier_and_blocks(massage_area, manual_area):
    result = run(note(tx("97124", 30, massage_area), tx("97140", 10, manual_area)), "medicare")
    assert lines_of(result) == {("97124", 2, frozenset({"GP"})), ("97140", 1, frozenset({"GP"}))}
    (conflict,) = by_id(result, RuleId.SAME_REGION_CONFLICT)
    assert conflict.blocking and conflict.fix
    assert RuleId.DISTINCT_SERVICE not in ids(result)


def test_pair_without_an_area_cannot_show_distinct_regions():
    result = run(note(tx("97124", 30), tx("97140", 15, NECK)))
    assert all(not ln.modifiers for ln in result.claim.lines)
    assert RuleId.SAME_REGION_CONFLICT in ids(result) and RuleId.MISSING_AREA in ids(result)


@pytest.mark.parametrize("payer, expected", [
    ("commercial", {("97140", 2, frozenset()), ("97530", 1, frozenset({"59"}))}),
    ("medicare", {("97140", 2, frozenset({"GP"})), ("97530", 1, frozenset({"GP", "59"}))}),
])
def test_separate_time_blocks_put_59_on_97530(payer, expected):
    hip = area("hip", R.lower_extremity, side="left")
    result = run(note(tx("97140", 23, hip), tx("97530", 15)), payer)
    assert lines_of(result) == expected
    assert any(f.id == RuleId.DISTINCT_SERVICE and f.cpt == "97530" for f in result.rule_findings)


def test_97530_done_at_the_same_time_as_97140_is_dropped_and_not_counted():
    hip = area("hip", R.lower_extremity)
    result = run(note(tx("97140", 20, hip, concurrent=True), tx("97530", 20, hip, concurrent=True)), "commercial-cms")
    assert lines_of(result) == {("97140", 1, frozenset())}
    (dropped,) = by_id(result, RuleId.BUNDLED_SERVICE)
    assert dropped.cpt == "97530" and "same time" in dropped.message


def test_gp_only_under_medicare():
    extraction = note(tx("97110", 25, R_SHOULDER), tx("97140", 12, R_SHOULDER))
    assert all("GP" in ln.modifiers for ln in run(extraction, "medicare").claim.lines)
    assert all("GP" not in ln.modifiers for ln in run(extraction, "commercial").claim.lines)


def test_medicare_bundles_the_hot_pack():
    result = run(note(tx("97010", 10, LOW_BACK), tx("97110", 25, LOW_BACK)), "medicare")
    assert lines_of(result) == {("97110", 2, frozenset({"GP"}))}
    (bundled,) = by_id(result, RuleId.BUNDLED_SERVICE)
    assert bundled.cpt == "97010" and not bundled.blocking


def test_therapist_modifiers_52_never_on_timed_code():
    result = run(note(tx("97124", 20, NECK, modifiers=["52", "kx", "ZZ"]), tx("97010", 10, NECK, modifiers=["52"])))
    massage = next(ln for ln in result.claim.lines if ln.cpt == "97124")
    hot = next(ln for ln in result.claim.lines if ln.cpt == "97010")
    assert massage.modifiers == ["KX"] and hot.modifiers == ["52"]
    assert any(f.id == RuleId.REDUCED_SERVICE and f.cpt == "97124" for f in result.rule_findings)
    assert any(f.id == RuleId.INVALID_MODIFIER and "ZZ" in f.message for f in result.rule_findings)


def test_reduced_session_is_a_warning_and_never_adds_52():
    extraction = note(tx("97124", 20, NECK), facts=[cue(CueKind.reduced_session, "had to leave early")])
    result = run(extraction)
    assert lines_of(result) == {("97124", 1, frozenset())}
    (reduced,) = by_id(result, RuleId.REDUCED_SERVICE)
    assert "had to leave early" in reduced.message and not reduced.blocking


# ---------------------------------------------------------------- documentation findings
@pytest.mark.parametrize("context, raised", [("performed", True), ("other_person", True), ("negated", False)])
def test_injection_mentioned(context, raised):
    extraction = note(tx("97140", 15, NECK), facts=[cue(CueKind.injection, "trigger point injection", context)])
    result = run(extraction)
    assert (RuleId.INJECTION_MENTIONED in ids(result)) is raised
    assert {ln.cpt for ln in result.claim.lines} == {"97140"}


def test_not_medically_necessary_only_without_a_complaint():
    relax = [cue(CueKind.relaxation_only, "just wanted to relax"), condition("stress")]
    assert RuleId.NOT_MEDICALLY_NECESSARY in ids(run(note(tx("97124", 60, NECK), facts=relax)))
    with_pain = relax + [condition("pain", "neck", R.cervical)]
    assert RuleId.NOT_MEDICALLY_NECESSARY not in ids(run(note(tx("97124", 60, NECK), facts=with_pain)))


def test_missing_outcome_unless_pain_after_or_response():
    assert RuleId.MISSING_OUTCOME in ids(run(note(tx("97124", 30, NECK), outcome=False)))
    responded = note(tx("97124", 30, NECK), outcome=False, facts=[cue(CueKind.response, "felt looser")])
    assert RuleId.MISSING_OUTCOME not in ids(run(responded))
    assert RuleId.MISSING_OUTCOME not in ids(run(note(tx("97124", 30, NECK))))


def test_every_finding_is_complete():
    extraction = note(
        tx("97124", 30, LOW_BACK), tx("97140", 10, LOW_BACK), tx("97110", None), tx("97112", 5, R_KNEE),
        tx("97116", 20, R_KNEE),
        facts=[cue(CueKind.injection, "dry needling"), cue(CueKind.reduced_session, "cut short")], outcome=False,
        session=20,
    )
    result = run(extraction, provider=ProviderType.LMT)
    assert {RuleId.SAME_REGION_CONFLICT, RuleId.MISSING_DURATION, RuleId.UNDER_8_MINUTES, RuleId.OUT_OF_SCOPE,
            RuleId.INJECTION_MENTIONED, RuleId.MISSING_OUTCOME, RuleId.DURATION_IMPLAUSIBLE,
            RuleId.REDUCED_SERVICE, RuleId.MISSING_AREA} <= ids(result)
    for f in result.rule_findings:
        assert f.message and f.fix and "{" not in f.message + f.fix


# ---------------------------------------------------------------- profiles (section 5)
def test_builtin_profiles_have_exactly_the_three_names():
    assert PROFILES.names() == ["commercial", "commercial-cms", "medicare"]
    assert PROFILES.get().name == "commercial"
    assert PROFILES.get("commercial").unit_method == UnitMethod.per_code
    assert PROFILES.get("medicare").distinct_region_modifier == "XS"


def test_unknown_profile_is_a_plain_sentence():
    from billing.errors import UnknownProfile

    with pytest.raises(UnknownProfile) as err:
        PROFILES.get("aetna")
    assert "aetna" in err.value.message and "commercial" in err.value.hint


def test_out_of_scope_keeps_the_line_and_blocks():
    result = run(note(tx("97110", 25, R_SHOULDER), tx("97124", 20, NECK)), provider=ProviderType.LMT)
    assert {ln.cpt for ln in result.claim.lines} == {"97110", "97124"}
    (scope,) = by_id(result, RuleId.OUT_OF_SCOPE)
    assert scope.cpt == "97110" and scope.blocking
    assert RuleId.OUT_OF_SCOPE not in ids(run(note(tx("97110", 25, R_SHOULDER)), provider=ProviderType.PT))


PIP = {
    "name": "auto-pip",
    "description": "Auto insurance (PIP), per-code, fees from the clinic's schedule",
    "unit_method": "per_code",
    "distinct_region_modifier": "59",
    "separate_time_blocks_modifier": "59",
    "gp": "none",
    "bundled_codes": [],
    "allowed_codes": {"LMT": ["97124", "97140"]},
    "fee_schedule": {"97124": "32.50", "97140": "40.00"},
}


def test_clinic_profile_from_a_folder_with_fee_schedule(tmp_path):
    import json

    (tmp_path / "auto-pip.json").write_text(json.dumps(PIP))
    registry = load_profiles([tmp_path])
    assert registry.names()[-1] == "auto-pip"
    result = bill(note(tx("97124", 30, LOW_BACK), tx("97140", 15, R_SHOULDER)), registry.get("auto-pip"),
                  provider_type=ProviderType.LMT)
    charges = {ln.cpt: ln.charge for ln in result.claim.lines}
    assert charges == {"97124": Decimal("65.00"), "97140": Decimal("40.00")}
    assert result.claim.total_charge == Decimal("105.00")
    assert RuleId.OUT_OF_SCOPE not in ids(result)


@pytest.mark.parametrize("change, words", [
    ({"copay": 20}, "copay"),
    ({"unit_method": "hourly"}, "unit_method"),
    ({"fee_schedule": {"99999": "1"}}, "99999"),
    ({"name": "commercial"}, "already used"),
])
def test_bad_clinic_profile_is_refused_with_a_plain_sentence(tmp_path, change, words):
    import json

    from billing.errors import DataFileError

    (tmp_path / "bad.json").write_text(json.dumps({**PIP, **change}))
    with pytest.raises(DataFileError) as err:
        load_profiles([tmp_path])
    assert words in str(err.value) and "bad.json" in str(err.value)


# ---------------------------------------------------------------- CMS PTP file layout
CMS_CSV = """\
CPT codes and descriptions only are copyright American Medical Association. All rights reserved.
Column 1,Column 2,"* = In existence prior to 1996",Effective Date,"Deletion Date *=no data","Modifier 0=not allowed 1=allowed 9=not applicable",PTP Edit Rationale
97124,97140,*,20200101,*,1,Misuse of column two code with column one code
97140,97530,,20200101,*,0,Standards of medical / surgical practice
97140,97124,,19960101,20191231,1,Mutually exclusive procedures
99213,97140,,20200101,*,1,Not one of our codes
"""


def test_cms_csv_replaces_seeded_pairs(tmp_path):
    path = tmp_path / "ptp-2026q2.csv"
    path.write_text(CMS_CSV)
    table = load_pairs([path])
    edit = table.find("97140", "97124", date(2026, 3, 2))
    assert (edit.column1, edit.column2, edit.modifier_allowed, edit.test.value) == ("97124", "97140", True,
                                                                                     "distinct_regions")
    assert table.find("97140", "97124", date(2018, 6, 1)).column1 == "97140"  # the deleted row, in its time
    result = run(note(tx("97124", 30, LOW_BACK), tx("97140", 15, R_SHOULDER), tx("97530", 15)), pairs=table)
    assert lines_of(result) == {("97124", 2, frozenset()), ("97140", 1, frozenset({"59"}))}
    assert any(f.id == RuleId.BUNDLED_SERVICE and f.cpt == "97530" for f in result.rule_findings)


def test_cms_csv_without_header_is_refused(tmp_path):
    from billing.errors import DataFileError

    path = tmp_path / "broken.csv"
    path.write_text("97124,97140,*,20200101,*,1,x\n")
    with pytest.raises(DataFileError):
        load_pairs([path])
