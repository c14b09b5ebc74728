"""bill(): one pure function from an Extraction and a payer profile to a claim and its findings.

Re-billing after the therapist edits a treatment is calling bill() again on the edited Extraction,
so the review screen, the CLI and exports always agree with the rules.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import NamedTuple

from pydantic import BaseModel, Field

from billing import catalog, diagnoses, documentation, passive
from billing.codeset import fiscal_year
from billing.lines import (
    LineDraft,
    apply_entered_modifiers,
    apply_pair_modifiers,
    apply_profile_modifiers,
    apply_units,
    drop_bundled_pairs,
)
from billing.messages import finding
from billing.pairs import PairTable, load_pairs
from billing.profiles import PayerProfile
from models import Claim, ClaimLine, Diagnosis, Extraction, FactKind, PendingService, ProviderType, RuleFinding


class BillingResult(BaseModel):
    claim: Claim
    rule_findings: list[RuleFinding] = Field(default_factory=list)


@cache
def default_pairs() -> PairTable:
    return load_pairs()


class Drafted(NamedTuple):
    """Treatments grouped by code, and what could not become a line (findings, pending services)."""

    drafts: dict[str, LineDraft]
    findings: list[RuleFinding]
    pending: list[PendingService]


def _drafts(extraction: Extraction, profile: PayerProfile) -> Drafted:
    """Group treatments by code; anything that cannot be a line becomes pending or a finding."""
    drafts: dict[str, LineDraft] = {}
    findings: list[RuleFinding] = []
    pending: list[PendingService] = []
    bundled: set[str] = set()
    for t in sorted(passive.as_billed(extraction.treatments), key=lambda t: t.order):
        if banned := catalog.never_billable(t.cpt):
            findings.append(finding("INJECTION_MENTIONED.code", cpt=t.cpt, desc=banned.description,
                                    treatment_id=t.id, evidence=t.evidence))
            continue
        entry = catalog.find(t.cpt)
        if entry is None:
            findings.append(finding("OUT_OF_SCOPE.unknown_code", cpt=t.cpt, label=t.label, treatment_id=t.id,
                                    known=", ".join(catalog.codes()), evidence=t.evidence))
            pending.append(_pending(t, f"{t.cpt} is not a code this tool bills"))
            continue
        if t.cpt in profile.bundled_codes:
            if t.cpt not in bundled:
                bundled.add(t.cpt)
                findings.append(finding("BUNDLED_SERVICE", cpt=t.cpt, desc=entry.description,
                                        payer=profile.name, treatment_id=t.id, evidence=t.evidence))
            continue
        if entry.timed and t.minutes is None and t.named_only and not t.edited:
            # named with no sign it was done today (a finding, a goal, a test, another sense of the
            # word): no pending service that blocks confirming, a warning to add minutes if it was;
            # once the therapist edits it, it is theirs and waits for minutes like any other
            findings.append(finding("UNTIMED_MENTION", cpt=t.cpt, label=t.label, treatment_id=t.id,
                                    evidence=t.evidence))
            continue
        if not t.areas:
            findings.append(finding("MISSING_AREA", cpt=t.cpt, label=t.label, treatment_id=t.id,
                                    evidence=t.evidence))
        if entry.timed and t.minutes is None:
            findings.append(finding("MISSING_DURATION", cpt=t.cpt, label=t.label, treatment_id=t.id,
                                    evidence=t.evidence))
            pending.append(_pending(t, "no minutes dictated"))
            continue
        if not t.evidence:
            pending.append(_pending(t, "no words in the dictation support it; dictate or type it to bill it"))
            continue
        drafts.setdefault(t.cpt, LineDraft(entry=entry)).treatments.append(t)
    return Drafted(drafts, findings, pending)


def _pending(t, reason: str) -> PendingService:
    return PendingService(cpt=t.cpt, label=t.label, treatment_id=t.id, reason=reason, areas=t.areas,
                          evidence=t.evidence)


def _session_length(extraction: Extraction, drafts: dict[str, LineDraft]) -> list[RuleFinding]:
    session = extraction.session_minutes
    billed = sum(d.minutes for d in drafts.values() if d.entry.timed)
    if session is None or billed <= session:
        return []
    evidence = [f.evidence for f in extraction.facts_of(FactKind.duration) if f.session_length]
    return [finding("DURATION_IMPLAUSIBLE", billed=billed, session=session, evidence=evidence)]


def _out_of_scope(ordered: list[LineDraft], profile: PayerProfile, provider_type: ProviderType) -> list[RuleFinding]:
    return [finding("OUT_OF_SCOPE", cpt=d.cpt, payer=profile.name, provider=provider_type.value, evidence=d.evidence)
            for d in ordered if not profile.may_bill(provider_type, d.cpt)]


def _diagnoses(extraction: Extraction, ordered: list[LineDraft]) -> tuple[list[diagnoses.Candidate], list[RuleFinding]]:
    """The claim's diagnoses: the therapist's own codes, else suggestions from the dictation; checked."""
    if extraction.diagnoses_entered is not None:
        cands, found = diagnoses.entered(extraction.diagnoses_entered)
    else:
        cands, found = diagnoses.suggest(extraction, [d.areas for d in ordered]), []
    cands, more = diagnoses.validated(cands)
    return cands, found + more + diagnoses.conflicts(cands)


def _line(extraction: Extraction, d: LineDraft, cands: list[diagnoses.Candidate],
          profile: PayerProfile) -> tuple[ClaimLine, list[RuleFinding]]:
    """One claim line with its diagnosis pointers and charge, and what it still lacks."""
    found: list[RuleFinding] = []
    pointers = diagnoses.pointers_for(d.regions, cands)
    if not pointers:
        key = "MISSING_DIAGNOSIS.region" if cands and d.regions else "MISSING_DIAGNOSIS"
        found.append(finding(key, cpt=d.cpt, regions=", ".join(r.value for r in d.regions), evidence=d.evidence))
    if not documentation.has_outcome(extraction):
        found.append(finding("MISSING_OUTCOME", cpt=d.cpt, evidence=d.evidence))
    charge = profile.charge(d.cpt, d.units)
    line = ClaimLine(
        cpt=d.cpt, description=d.entry.description, units=d.units, minutes=d.minutes, timed=d.entry.timed,
        modifiers=d.modifiers, diagnosis_pointers=pointers, charge=charge, regions=d.regions,
        areas=d.areas, treatment_ids=[t.id for t in d.treatments],
        rule_ids=d.rule_ids + (["FEE_SCHEDULE"] if charge is not None else []), evidence=d.evidence,
    )
    return line, found


def bill(
    extraction: Extraction,
    profile: PayerProfile,
    *,
    provider_type: ProviderType = ProviderType.LMT,
    date_of_service: date | None = None,
    pairs: PairTable | None = None,
) -> BillingResult:
    """The claim a careful biller would submit for this extraction under ``profile``, and why.

    The order of the findings is the order of the steps: lines, units and modifiers, scope,
    diagnoses, each line's gaps, then the session as a whole.
    """
    pairs = pairs or default_pairs()
    drafted = _drafts(extraction, profile)
    drafts = drafted.drafts  # the steps below re-shape these drafts (units, modifiers, pairs dropped)
    findings = [*documentation.injection_findings(extraction), *drafted.findings]
    findings += drop_bundled_pairs(drafts, pairs, date_of_service)
    findings += _session_length(extraction, drafts)
    findings += apply_units(drafts, profile)
    findings += apply_pair_modifiers(drafts, profile, pairs, date_of_service)
    apply_profile_modifiers(drafts, profile)
    findings += apply_entered_modifiers(drafts)
    ordered = sorted(drafts.values(), key=lambda d: d.order)
    findings += _out_of_scope(ordered, profile, provider_type)
    cands, dx_findings = _diagnoses(extraction, ordered)
    findings += dx_findings
    lines: list[ClaimLine] = []
    for d in ordered:
        line, gaps = _line(extraction, d, cands, profile)
        lines.append(line)
        findings += gaps
    findings += documentation.reduced_session_findings(extraction)
    findings += documentation.medical_necessity_findings(extraction, billed=bool(lines))
    # The code set's year is a fact of the claim (icd_fiscal_year), not a finding on every session:
    # when dates fall outside it, settings and `scribe models` say so once (codeset.code_set_notice).
    claim = Claim(
        payer=profile.name,
        unit_method=profile.unit_method,
        date_of_service=date_of_service,
        icd_fiscal_year=fiscal_year().label,
        diagnoses=[Diagnosis(code=c.code, description=c.description, source=c.source, reason=c.reason,
                             evidence=c.evidence) for c in cands],
        lines=lines,
        pending=drafted.pending,
    )
    return BillingResult(claim=claim, rule_findings=findings)
