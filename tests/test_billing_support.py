"""Builders shared by the billing tests: extractions made by hand, without the extraction package."""

from __future__ import annotations

import itertools
from datetime import date

from billing import bill, load_profiles
from models import (
    AreaRef,
    ConditionFact,
    CueFact,
    CueKind,
    DurationFact,
    Evidence,
    Extraction,
    Laterality,
    PainFact,
    PainTiming,
    ProviderType,
    Region,
    RuleId,
    Treatment,
)

R = Region
PROFILES = load_profiles()


_OFFSETS = itertools.count(0, 100)


def ev(text: str, start: int | None = None) -> Evidence:
    """Evidence at its own place in an imaginary transcript, so two spans never compare equal."""
    start = next(_OFFSETS) if start is None else start
    return Evidence(char_start=start, char_end=start + len(text), text=text, rule_id="test")


def area(name: str, *regions: Region, side: str = "unspecified") -> AreaRef:
    return AreaRef(area=name, label=name.replace("_", " "), laterality=Laterality(side), regions=list(regions))


NECK = area("neck", R.cervical)
LOW_BACK = area("low_back", R.lumbar)
BACK = area("back", R.thoracic, R.lumbar)
RHOMBOIDS = area("rhomboids", R.thoracic, side="right")
R_SHOULDER = area("shoulder", R.upper_extremity, side="right")
R_KNEE = area("knee", R.lower_extremity, side="right")


def tx(cpt: str, minutes: int | None, *areas: AreaRef, concurrent: bool = False, modifiers=(),
       evidence: bool = True, label: str | None = None) -> Treatment:
    return Treatment(
        id="", technique=f"tech_{cpt}", label=label or f"technique {cpt}", cpt=cpt, minutes=minutes,
        areas=list(areas), evidence=[ev(f"{minutes} min of {cpt}")] if evidence else [],
        modifiers=list(modifiers), concurrent=concurrent,
    )


def condition(cond: str, area_id: str | None = None, *regions: Region, side: str = "unspecified",
              context: str = "performed") -> ConditionFact:
    return ConditionFact(id=f"c_{cond}_{area_id}", evidence=ev(f"{side} {area_id} {cond}"), condition=cond,
                         label=cond, area=area_id, laterality=Laterality(side), regions=list(regions),
                         context=context)


def cue(kind: CueKind, text: str, context: str = "performed") -> CueFact:
    return CueFact(id=f"q_{kind.value}", evidence=ev(text), cue=kind, label=text, context=context)


def pain(score: int, timing: str = "before", location: str | None = None, *regions: Region) -> PainFact:
    return PainFact(id=f"p_{timing}_{score}", evidence=ev(f"{score}/10"), score=score, timing=PainTiming(timing),
                    location=location, regions=list(regions))


def note(*treatments: Treatment, facts=(), outcome: bool = True, session: int | None = None,
         entered: list[str] | None = None) -> Extraction:
    """An extraction; treatments get ids and dictation order from their position."""
    treatments = [t.model_copy(update={"id": f"t{i}", "order": i}) for i, t in enumerate(treatments)]
    facts = list(facts)
    after = pain(2, "after") if outcome else None
    if after:
        facts.append(after)
    if session is not None:
        facts.append(DurationFact(id="d_session", evidence=ev(f"{session} minutes in the room"), minutes=session,
                                  session_length=True))
    return Extraction(facts=facts, treatments=treatments, pain_after=after, session_minutes=session,
                      diagnoses_entered=entered)


def run(extraction: Extraction, payer: str = "commercial", provider: ProviderType = ProviderType.PT,
        day: date | None = date(2026, 3, 2), pairs=None):
    return bill(extraction, PROFILES.get(payer), provider_type=provider, date_of_service=day, pairs=pairs)


def lines_of(result) -> set[tuple[str, int, frozenset[str]]]:
    return {(ln.cpt, ln.units, frozenset(ln.modifiers)) for ln in result.claim.lines}


def ids(result) -> set[RuleId]:
    return {f.id for f in result.rule_findings}


def by_id(result, rule: RuleId):
    return [f for f in result.rule_findings if f.id == rule]
