"""ICD-10-CM diagnoses: suggested from complaints (billing/data/diagnosis_map.json) or entered by hand,
validated against the shipped code set, and pointed at from claim lines by body region.
"""

from __future__ import annotations

from functools import cache
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field, model_validator

from billing._data import load_package_json
from billing.codeset import CodeCheck, describe, excludes1_note, fiscal_year, validate_code
from billing.messages import finding
from models import AreaRef, ConditionFact, DiagnosisSource, Evidence, Extraction, FactKind, Laterality, Region, RuleFinding
from models.claim import MAX_DIAGNOSES, MAX_POINTERS

__all__ = ["validate_code", "describe", "CodeCheck", "Candidate", "suggest", "entered", "conflicts",
           "pointers_for", "diagnosis_map"]

_SIDES = (Laterality.left, Laterality.right)


class LateralCodes(BaseModel):
    """The code for each side; ``any`` when the code has no laterality."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    any: str | None = None
    right: str | None = None
    left: str | None = None
    bilateral: str | None = None
    unspecified: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> "LateralCodes":
        if self.any is None and not (self.right and self.left and self.unspecified):
            raise ValueError("give 'any', or 'right', 'left' and 'unspecified'")
        return self

    def resolve(self, side: Laterality) -> list[str]:
        """Bilateral without its own code is coded as right plus left."""
        if self.any:
            return [self.any]
        if side == Laterality.bilateral:
            return [self.bilateral] if self.bilateral else [self.right, self.left]  # type: ignore[list-item]
        return [getattr(self, side.value)]

    def all(self) -> list[str]:
        return [c for c in (self.any, self.right, self.left, self.bilateral, self.unspecified) if c]


class DxRule(BaseModel):
    """A complaint (condition id) on an area or region, and the code(s) it suggests."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    condition: str
    label: str
    areas: list[str] = Field(default_factory=list, description="Area ids that match; empty with no regions = any")
    regions: list[Region] = Field(default_factory=list, description="Regions that match when no area id does")
    codes: LateralCodes
    relevant_regions: list[Region] = Field(default_factory=list, description="Lines it supports; empty = all")
    rank: int = Field(default=1, ge=1, description="Lower ranks are listed first on the claim")
    fallback: bool = Field(default=False, description="A symptom code used only when nothing else fits")
    covers: list[str] = Field(default_factory=list, description="Code prefixes this diagnosis makes redundant")


class Combination(BaseModel):
    """Two codes that must be reported as one combined code (e.g. low back pain + sciatica)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    codes: list[str] = Field(min_length=2, max_length=2, description="Code prefixes, e.g. M54.5")
    use: str
    reason: str


class DiagnosisMap(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    non_medical_conditions: list[str]
    non_medical_techniques: list[str] = Field(
        default_factory=list,
        description="Techniques whose own name says the purpose is relaxation ('relaxation massage'): "
        "evidence of a relaxation-only visit when nothing medical is said",
    )
    side_words: dict[Laterality, list[str]] = Field(description="Words that give a pain location's side")
    rules: list[DxRule]
    combinations: list[Combination]

    def find(self, condition: str, area: str | None, regions: Iterable[Region]) -> DxRule | None:
        """Area id first, then region, then a rule for the condition anywhere."""
        regions = set(regions)
        mine = [r for r in self.rules if r.condition == condition]
        return (
            next((r for r in mine if area and area in r.areas), None)
            or next((r for r in mine if regions & set(r.regions)), None)
            or next((r for r in mine if not r.areas and not r.regions), None)
        )

    def read_location(self, location: str | None) -> tuple[str | None, Laterality]:
        """'right shoulder' -> ('shoulder', right): a pain location as an area id and a side."""
        if not location:
            return None, Laterality.unspecified
        side, rest = Laterality.unspecified, []
        for word in location.lower().replace("-", " ").split():
            found = next((s for s, words in self.side_words.items() if word in words), None)
            if found:
                side = found
            else:
                rest.append(word)
        return "_".join(rest) or None, side

    def rule_for_code(self, code: str) -> DxRule | None:
        return next((r for r in self.rules if code in r.codes.all()), None)


@cache
def diagnosis_map() -> DiagnosisMap:
    return load_package_json(DiagnosisMap, "diagnosis_map.json")


class Candidate(BaseModel):
    """A diagnosis on its way to the claim, with the regions of the lines it supports."""

    code: str
    description: str = ""
    reason: str
    source: DiagnosisSource = DiagnosisSource.suggested
    relevant: frozenset[Region] = frozenset()  # empty: supports any line
    rank: int = 1
    evidence: list[Evidence] = Field(default_factory=list)
    siblings: frozenset[str] = frozenset()  # the other sides of the same complaint
    unspecified_side: bool = False
    fallback: bool = False
    covers: tuple[str, ...] = ()

    def supports(self, regions: Iterable[Region]) -> bool:
        regions = set(regions)
        return not self.relevant or not regions or bool(self.relevant & regions)


def _coded_side(fact_side: Laterality, regions: set[Region], areas: list[AreaRef]) -> Laterality:
    """The dictated side, else the side of the treated areas in the same regions."""
    if fact_side != Laterality.unspecified:
        return fact_side
    sides = {a.laterality for a in areas if regions & set(a.regions)} - {Laterality.unspecified}
    if Laterality.bilateral in sides or set(_SIDES) <= sides:
        return Laterality.bilateral
    return sides.pop() if len(sides) == 1 else Laterality.unspecified


def _from_rule(rule: DxRule, side: Laterality, regions: set[Region], why: str,
               evidence: list[Evidence]) -> list[Candidate]:
    if rule.relevant_regions:
        relevant = frozenset(set(rule.relevant_regions) | regions)
    else:  # a named systemic condition supports every line; a symptom only where it was felt
        relevant = frozenset(regions) if rule.fallback else frozenset()
    return [
        Candidate(code=code, reason=f"{rule.label}: {why}", relevant=relevant, rank=rule.rank, evidence=evidence,
                  siblings=frozenset(rule.codes.all()), unspecified_side=code == rule.codes.unspecified,
                  fallback=rule.fallback, covers=tuple(rule.covers))
        for code in rule.codes.resolve(side)
    ]


def suggest(extraction: Extraction, line_areas: list[list[AreaRef]]) -> list[Candidate]:
    """Codes for the complaints dictated, then pain scores, then (last resort) a located pain line."""
    dx_map = diagnosis_map()
    treated = [a for areas in line_areas for a in areas]
    found: list[Candidate] = []
    conditions: list[ConditionFact] = extraction.facts_of(FactKind.condition)
    uncertain: list[tuple[ConditionFact, DxRule]] = []
    for cond in conditions:
        if cond.condition in dx_map.non_medical_conditions:
            continue
        rule = dx_map.find(cond.condition, cond.area, cond.regions)
        if rule and cond.hedge is not None:
            uncertain.append((cond, rule))  # ICD-10-CM IV.H: an uncertain diagnosis is not coded
            continue
        if rule:
            regions = set(cond.regions) or set(rule.regions) or set(rule.relevant_regions)
            side = _coded_side(cond.laterality, regions, treated)
            found += _from_rule(rule, side, set(cond.regions), f"'{cond.evidence.text}'", [cond.evidence])
    complaints = [p for p in extraction.facts_of(FactKind.pain) if p.is_complaint]
    for pain in complaints:
        if pain.regions or pain.location:
            where, said = dx_map.read_location(pain.location)
            rule = dx_map.find("pain", where, pain.regions)
            if rule:
                side = _coded_side(said, set(pain.regions) or set(rule.regions) or set(rule.relevant_regions), treated)
                why = f"pain {pain.score}/10 ('{pain.evidence.text}')"
                found += _from_rule(rule, side, set(pain.regions), why, [pain.evidence])
    unlocated = [p for p in complaints if not p.regions and not p.location]
    if unlocated:
        for areas in line_areas:
            regions = {r for a in areas for r in a.regions}
            if any(c.supports(regions) for c in found) or not areas:
                continue
            for area in areas:
                rule = dx_map.find("pain", area.area, area.regions)
                if rule:
                    why = f"pain {unlocated[0].score}/10 dictated without a place; taken from the treated {area.label}"
                    found += _from_rule(rule, area.laterality, set(area.regions), why, [unlocated[0].evidence])
    return _note_uncertain(_prune(_combine(_merge(found))), uncertain)


def _note_uncertain(cands: list[Candidate], uncertain: list[tuple[ConditionFact, DxRule]]) -> list[Candidate]:
    """Say on the symptom coded in its place which diagnosis was left uncoded and why, with the
    hedge's words as evidence (the review shows a diagnosis's reason and evidence)."""
    if not uncertain:
        return cands
    out = []
    for cand in cands:
        mine = [(c, r) for c, r in uncertain if cand.relevant & set(c.regions)]
        if mine:
            said = "; ".join(f"{r.label} not coded: '{c.evidence.text}' said with '{c.hedge.text}', an uncertain "
                             "diagnosis (ICD-10-CM Guidelines IV.H)" for c, r in mine if c.hedge)
            extra = [c.evidence for c, _ in mine if c.evidence not in cand.evidence]
            cand = cand.model_copy(update={"reason": f"{cand.reason}; {said}",
                                           "evidence": cand.evidence[:1] + extra + cand.evidence[1:]})
        out.append(cand)
    return out


def _merge(found: list[Candidate]) -> list[Candidate]:
    """One candidate per code, with the evidence of all; folded in plain values and copied
    once per code, so a note with many scores for one code stays linear."""
    merged: dict[str, Candidate] = {}
    folded: dict[str, tuple[frozenset, list, set, int]] = {}  # relevant, evidence, evidence seen, rank
    for cand in found:
        if cand.code not in merged:
            merged[cand.code] = cand
            continue
        first = merged[cand.code]
        relevant, evidence, seen, rank = folded.get(cand.code) or (
            first.relevant, list(first.evidence), set(first.evidence), first.rank)
        relevant = frozenset() if not relevant or not cand.relevant else relevant | cand.relevant
        new = [e for e in cand.evidence if e not in seen]  # Evidence is frozen: hashable
        evidence += new
        seen.update(new)
        folded[cand.code] = (relevant, evidence, seen, min(rank, cand.rank))
    for code, (relevant, evidence, _, rank) in folded.items():
        merged[code] = merged[code].model_copy(update={"relevant": relevant, "evidence": evidence, "rank": rank})
    return sorted(merged.values(), key=lambda c: c.rank)


def _matches(code: str, prefix: str) -> bool:
    return code.replace(".", "").startswith(prefix.replace(".", ""))


def _combine(cands: list[Candidate]) -> list[Candidate]:
    """Replace pairs that have a combined code (M54.50 + M54.31 -> M54.41)."""
    for combo in diagnosis_map().combinations:
        first = next((c for c in cands if _matches(c.code, combo.codes[0])), None)
        second = next((c for c in cands if _matches(c.code, combo.codes[1])), None)
        if first and second:
            joined = Candidate(
                code=combo.use,
                reason=f"{first.reason}; {second.reason} -> combined code",
                relevant=frozenset() if not first.relevant or not second.relevant else first.relevant | second.relevant,
                rank=min(first.rank, second.rank),
                evidence=first.evidence + second.evidence,
                covers=first.covers + second.covers,
            )
            at = cands.index(first)
            cands = [c for c in cands if c not in (first, second)]
            cands.insert(min(at, len(cands)), joined)
    return cands


def _prune(cands: list[Candidate]) -> list[Candidate]:
    """Drop suggestions a careful coder would not add: symptoms of a coded condition, an
    unspecified side next to a known side, a symptom code where a real diagnosis fits, and
    anything the code set excludes alongside a better-ranked suggestion."""
    specific = [c for c in cands if not c.fallback]
    kept: list[Candidate] = []
    for cand in cands:
        if cand.fallback and any(s.supports(cand.relevant) for s in specific):
            continue
        if cand.unspecified_side and any(o.code in cand.siblings and not o.unspecified_side for o in cands):
            continue
        if any(o is not cand and any(_matches(cand.code, p) for p in o.covers) for o in cands):
            continue
        if any(_conflict(cand, k) for k in kept):
            continue
        kept.append(cand)
    return kept


def _conflict(a: Candidate, b: Candidate) -> bool:
    return _combination(a, b) is not None or excludes1_note(a.code, b.code) is not None


def _combination(a: Candidate, b: Candidate) -> Combination | None:
    return next((c for c in diagnosis_map().combinations
                 if (_matches(a.code, c.codes[0]) and _matches(b.code, c.codes[1]))
                 or (_matches(b.code, c.codes[0]) and _matches(a.code, c.codes[1]))), None)


def entered(codes: list[str]) -> tuple[list[Candidate], list[RuleFinding]]:
    """Hand-entered codes: the valid ones become candidates, the others findings (never the claim)."""
    out: list[Candidate] = []
    findings: list[RuleFinding] = []
    for raw in codes:
        check = validate_code(raw)
        if check.problem:
            findings.append(finding(check.problem, code=check.code or raw, desc=check.description,
                                    fy=fiscal_year().label, examples=", ".join(check.examples)))
            continue
        if any(c.code == check.code for c in out):
            continue
        rule = diagnosis_map().rule_for_code(check.code)
        relevant = frozenset(rule.relevant_regions) if rule else frozenset()
        out.append(Candidate(code=check.code, reason="entered by the therapist", source=DiagnosisSource.entered,
                             relevant=relevant, description=check.description))
    return out, findings


def validated(cands: list[Candidate]) -> tuple[list[Candidate], list[RuleFinding]]:
    """Keep billable leaves only (a suggestion table typo must never reach a claim), at most 12."""
    keep: list[Candidate] = []
    findings: list[RuleFinding] = []
    for cand in cands:
        check = validate_code(cand.code)
        if check.problem:
            findings.append(finding(check.problem, code=cand.code, desc=check.description,
                                    fy=fiscal_year().label, examples=", ".join(check.examples)))
        elif len(keep) >= MAX_DIAGNOSES:
            findings.append(finding("INVALID_DIAGNOSIS.too_many", code=cand.code))
        else:
            keep.append(cand.model_copy(update={"code": check.code, "description": check.description}))
    return keep, findings


def conflicts(cands: list[Candidate]) -> list[RuleFinding]:
    """EXCLUDES1_CONFLICT for every pair the code set (or a combination rule) forbids together."""
    findings: list[RuleFinding] = []
    for i, a in enumerate(cands):
        for b in cands[i + 1:]:
            combo = _combination(a, b)
            evidence = a.evidence + b.evidence
            if combo:
                findings.append(finding("EXCLUDES1_CONFLICT.combined", a=a.code, a_desc=a.description, b=b.code,
                                        b_desc=b.description, reason=combo.reason, use=combo.use,
                                        use_desc=describe(combo.use), evidence=evidence))
            elif note := excludes1_note(a.code, b.code):
                findings.append(finding("EXCLUDES1_CONFLICT", a=a.code, a_desc=a.description, b=b.code,
                                        b_desc=b.description, note=note, evidence=evidence))
    return findings


def pointers_for(regions: Iterable[Region], cands: list[Candidate]) -> list[int]:
    """1-based pointers to the diagnoses that support a line, most specific to its regions first."""
    regions = set(regions)
    scored = [
        (0 if c.relevant and regions & c.relevant else 1, c.rank, i)
        for i, c in enumerate(cands)
        if c.supports(regions)
    ]
    return [i + 1 for _, _, i in sorted(scored)][:MAX_POINTERS]
