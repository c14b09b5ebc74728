"""From treatments to claim lines: grouping by code, units, code-pair edits and modifiers.

Each step records why a line is as it is (``rule_ids``) and raises findings instead of dropping
anything silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from billing import catalog
from billing.catalog import CodeEntry
from billing.messages import finding
from billing.pairs import PairEdit, PairTable, PairTest
from billing.profiles import GPRule, PayerProfile
from billing.units import TimedService, allocate
from billing.units import units as units_for
from models import AreaRef, Evidence, Region, RuleFinding, Treatment

_REGION_ORDER = list(Region)
MAX_MODIFIERS = 4


@dataclass
class LineDraft:
    """A claim line being built: every treatment of one code in the session."""

    entry: CodeEntry
    treatments: list[Treatment] = field(default_factory=list)
    units: int = 0
    modifiers: list[str] = field(default_factory=list)
    rule_ids: list[str] = field(default_factory=list)

    @property
    def cpt(self) -> str:
        return self.entry.code

    @property
    def minutes(self) -> int:
        return sum(t.minutes or 0 for t in self.treatments)

    @property
    def order(self) -> int:
        return min(t.order for t in self.treatments)

    @property
    def concurrent(self) -> bool:
        return any(t.concurrent for t in self.treatments)

    @property
    def areas(self) -> list[AreaRef]:
        seen: dict[tuple[str, str], AreaRef] = {}
        for t in self.treatments:
            for a in t.areas:
                seen.setdefault((a.area, a.laterality.value), a)
        return list(seen.values())

    @property
    def regions(self) -> list[Region]:
        found = {r for a in self.areas for r in a.regions}
        return [r for r in _REGION_ORDER if r in found]

    @property
    def evidence(self) -> list[Evidence]:
        out: list[Evidence] = []
        seen: set[Evidence] = set()  # Evidence is frozen, so hashable: no quadratic list scan
        for t in self.treatments:
            new = [e for e in t.evidence if e not in seen]
            out += new
            seen.update(new)
        return out

    def add_modifier(self, code: str, rule_id: str) -> None:
        if code not in self.modifiers:
            self.modifiers.append(code)
        self.note(rule_id)

    def note(self, rule_id: str) -> None:
        if rule_id not in self.rule_ids:
            self.rule_ids.append(rule_id)


def _region_text(regions: list[Region]) -> str:
    return ", ".join(r.value.replace("_", " ") for r in regions) or "no"


def _pair_edits(drafts: dict[str, LineDraft], pairs: PairTable, day: date | None) -> list[PairEdit]:
    edits = []
    for a, b in combinations(sorted(drafts), 2):
        edit = pairs.find(a, b, day)
        if edit:
            edits.append(edit)
    return edits


def drop_bundled_pairs(drafts: dict[str, LineDraft], pairs: PairTable, day: date | None) -> list[RuleFinding]:
    """Before units: a column-2 code that cannot be billed with column 1 does not count its minutes."""
    findings: list[RuleFinding] = []
    for edit in _pair_edits(drafts, pairs, day):
        one, two = drafts.get(edit.column1), drafts.get(edit.column2)
        if one is None or two is None:
            continue
        if not edit.modifier_allowed:
            key = "BUNDLED_SERVICE.no_modifier"
        elif edit.test == PairTest.separate_time_blocks and (one.concurrent or two.concurrent):
            key = "BUNDLED_SERVICE.concurrent"
        else:
            continue
        findings.append(finding(key, cpt=two.cpt, col1=one.cpt, col2=two.cpt,
                                treatment_id=two.treatments[0].id, evidence=one.evidence + two.evidence))
        one.note(edit.rule_id)
        del drafts[two.cpt]
    return findings


def apply_units(drafts: dict[str, LineDraft], profile: PayerProfile) -> list[RuleFinding]:
    """Units by the profile's method; untimed codes are 1 unit; no line keeps 0 units."""
    findings: list[RuleFinding] = []
    timed = [d for d in drafts.values() if d.entry.timed]
    alloc = allocate(profile.unit_method, [TimedService(cpt=d.cpt, minutes=d.minutes, order=d.order) for d in timed])
    for d in drafts.values():
        if not d.entry.timed:
            d.units = 1
            d.note("UNTIMED_ONE_UNIT")
            continue
        d.units = alloc.units[d.cpt]
        d.note(alloc.rule_id)
        if len(d.treatments) > 1:
            d.note("SAME_CODE_MINUTES_ADDED")
    for tie in alloc.ties:
        winners = [drafts[c] for c in tie.winners]
        losers = [drafts[c] for c in tie.losers]
        for w in winners:
            w.note("TIE_BROKEN")
        findings.append(finding(
            "TIE_BROKEN", cpt=tie.winners[0], winners=", ".join(tie.winners), losers=", ".join(tie.losers),
            leftover=tie.leftover, evidence=[e for d in winners + losers for e in d.evidence],
        ))
    for d in [d for d in timed if d.units == 0]:
        key = "UNDER_8_MINUTES" if units_for(d.minutes) == 0 else "UNDER_8_MINUTES.total_time"
        findings.append(finding(key, cpt=d.cpt, minutes=d.minutes, total=alloc.total_timed_minutes,
                                budget=sum(alloc.units.values()), treatment_id=d.treatments[0].id,
                                evidence=d.evidence))
        del drafts[d.cpt]
    return findings


def apply_pair_modifiers(drafts: dict[str, LineDraft], profile: PayerProfile, pairs: PairTable,
                         day: date | None) -> list[RuleFinding]:
    """Distinct-service modifier on the column-2 code only when the pair's test is met."""
    findings: list[RuleFinding] = []
    for edit in _pair_edits(drafts, pairs, day):
        one, two = drafts[edit.column1], drafts[edit.column2]
        evidence = one.evidence + two.evidence
        one.note(edit.rule_id)
        two.note(edit.rule_id)
        if edit.test == PairTest.separate_time_blocks:
            modifier = profile.separate_time_blocks_modifier
            two.add_modifier(modifier, f"MODIFIER_{modifier}")
            findings.append(finding("DISTINCT_SERVICE.separate_time_blocks", cpt=two.cpt, modifier=modifier,
                                    col1=one.cpt, col2=two.cpt, minutes1=one.minutes, minutes2=two.minutes,
                                    evidence=evidence))
            continue
        r1, r2 = set(one.regions), set(two.regions)
        if not r1 or not r2:
            which = " and ".join(d.cpt for d in (one, two) if not d.regions)
            findings.append(finding("SAME_REGION_CONFLICT.no_area", cpt=two.cpt, col1=one.cpt, col2=two.cpt,
                                    which=which, evidence=evidence))
        elif r1 & r2:
            shared = [r for r in _REGION_ORDER if r in r1 & r2]
            findings.append(finding("SAME_REGION_CONFLICT", cpt=two.cpt, col1=one.cpt, col2=two.cpt,
                                    regions=_region_text(shared), evidence=evidence))
        else:
            modifier = profile.distinct_region_modifier
            two.add_modifier(modifier, f"MODIFIER_{modifier}")
            findings.append(finding("DISTINCT_SERVICE", cpt=two.cpt, modifier=modifier, col1=one.cpt,
                                    col2=two.cpt, regions1=_region_text(one.regions),
                                    regions2=_region_text(two.regions), evidence=evidence))
    return findings


def apply_profile_modifiers(drafts: dict[str, LineDraft], profile: PayerProfile) -> None:
    if profile.gp == GPRule.every_therapy_line:
        for d in drafts.values():
            if d.entry.therapy:
                if "GP" not in d.modifiers:
                    d.modifiers.insert(0, "GP")
                d.note("MODIFIER_GP_PROFILE")


def apply_entered_modifiers(drafts: dict[str, LineDraft]) -> list[RuleFinding]:
    """Modifiers the therapist added: known ones kept, 52 never on a timed code, at most four."""
    findings: list[RuleFinding] = []
    known = catalog.known_modifiers()
    for d in drafts.values():
        for t in d.treatments:
            for raw in t.modifiers:
                mod = str(raw).strip().upper()
                if mod == "52" and d.entry.timed:
                    findings.append(finding("REDUCED_SERVICE.timed_52", cpt=d.cpt, treatment_id=t.id))
                elif mod not in known:
                    findings.append(finding("INVALID_MODIFIER", cpt=d.cpt, modifier=raw, treatment_id=t.id,
                                            known=", ".join(known)))
                else:
                    d.add_modifier(mod, "MODIFIER_ENTERED")
        while len(d.modifiers) > MAX_MODIFIERS:
            dropped = d.modifiers.pop()
            findings.append(finding("INVALID_MODIFIER.too_many", cpt=d.cpt, dropped=dropped))
    return findings
