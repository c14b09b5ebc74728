"""Why each claim line is as it is, in words, and the one-click fixes a blocking finding offers.

Billing records its reasons as rule ids (``UNITS_PER_CODE``, ``PAIR_97140_97124_DISTINCT_REGIONS``);
the sentences live in data/review.json and this module only picks one and fills it in. A line in a
same-region conflict says so instead of claiming "distinct regions". The fixes themselves are
scribe.actions functions: this module only works out what each button would do (units per choice).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from billing.pairs import PairEdit, PairTest
from models import ClaimLine, RuleId, Session, Treatment
from scribe import actions
from scribe.web.labels import labels


@dataclass(frozen=True)
class Reason:
    text: str
    rule: str  # shown only as a tooltip
    conflict: bool = False


@dataclass
class OneCode:
    cpt: str
    units: int
    minutes: int

    @property
    def text(self) -> str:
        return labels().say("one_code", cpt=self.cpt, units=self.units, minutes=self.minutes)


@dataclass
class ConflictFix:
    """A same-region conflict: bill as either code, or correct the areas of the second line."""

    col1: str
    col2: str
    choices: list[OneCode]
    area_treatments: list[Treatment]


@dataclass
class Fixes:
    conflicts: list[ConflictFix] = field(default_factory=list)
    no_minutes: list[Treatment] = field(default_factory=list)
    no_area: list[Treatment] = field(default_factory=list)
    named_only: list[Treatment] = field(default_factory=list)  # UNTIMED_MENTION: minutes, if it was done
    conflict_with: dict[str, list[str]] = field(default_factory=dict)  # code -> codes it conflicts with


def _region_words(regions) -> str:
    return ", ".join(labels().region(r.value).lower() for r in regions) or "none"


def fixes(session: Session) -> Fixes:
    """Every fix button the page offers, worked out from the findings raised."""
    out = Fixes()
    by_id = {t.id: t for t in session.extraction.treatments}
    for c1, c2 in actions.conflicting_pairs(session):
        choices = [OneCode(cpt, units, minutes) for cpt, units, minutes in actions.one_code_choices(session, (c1, c2))]
        movable = [t for t in session.extraction.treatments if t.cpt in (c2, c1)]
        out.conflicts.append(ConflictFix(c1, c2, choices, movable))
        out.conflict_with.setdefault(c1, []).append(c2)
        out.conflict_with.setdefault(c2, []).append(c1)
    for f in session.rule_findings:
        t = by_id.get(f.treatment_id or "")
        if f.id == RuleId.MISSING_DURATION and t and t not in out.no_minutes:
            out.no_minutes.append(t)
        if f.id == RuleId.UNTIMED_MENTION and t and t not in out.named_only:
            out.named_only.append(t)
        if f.id == RuleId.MISSING_AREA and t and t not in out.no_area:
            out.no_area.append(t)
    return out


def line_reasons(session: Session, line: ClaimLine, conflict_with: dict[str, list[str]]) -> list[Reason]:
    """The line's rule ids as sentences, in billing's order; a conflicting pair says so."""
    lines = {ln.cpt: ln for ln in session.claim.lines}
    pair_partner = None
    out: list[Reason] = []
    for rid in line.rule_ids:
        parsed = PairEdit.parse_rule_id(rid)
        if parsed:
            c1, c2, test = parsed
            other = c2 if line.cpt == c1 else c1
            pair_partner = other
            partner = lines.get(other)
            if partner is None:
                out.append(Reason(labels().reason("PAIR.other_left_off", other=other, cpt=line.cpt), rid))
            elif test == PairTest.separate_time_blocks:
                out.append(Reason(labels().reason("PAIR.separate_time_blocks", other=other), rid))
            elif other in conflict_with.get(line.cpt, []):
                shared = [r for r in line.regions if r in partner.regions]
                key = "PAIR.distinct_regions.conflict" if shared else "PAIR.distinct_regions.no_area"
                out.append(Reason(labels().reason(key, other=other, shared=_region_words(shared)), rid, conflict=True))
            else:
                out.append(Reason(labels().reason("PAIR.distinct_regions", other=other), rid))
            continue
        text = labels().reason(rid, units=line.units, minutes=line.minutes, cpt=line.cpt)
        if text is None and rid.startswith("MODIFIER_"):
            text = labels().reason("MODIFIER", modifier=rid.removeprefix("MODIFIER_"), other=pair_partner or "the other code")
        out.append(Reason(text or rid.replace("_", " ").capitalize(), rid))
    return out
