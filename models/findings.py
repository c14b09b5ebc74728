"""Extracted facts, the treatments built from them, and the extraction result."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from models.codes import Context, CueKind, FactKind, Laterality, PainTiming, Region
from models.evidence import Evidence
from models.rules import RuleFinding


class _Fact(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Stable within a session, e.g. 't1', 'a2'")
    evidence: Evidence
    context: Context = Context.performed


class TechniqueFact(_Fact):
    kind: Literal["technique"] = "technique"
    technique: str = Field(description="Technique id from extraction/patterns, e.g. 'myofascial_release'")
    label: str
    cpt: str = Field(description="The code family the technique implies, e.g. '97140'")


class AreaFact(_Fact):
    kind: Literal["area"] = "area"
    area: str = Field(description="Area id, e.g. 'upper_trapezius'")
    label: str
    laterality: Laterality = Laterality.unspecified
    regions: list[Region] = Field(min_length=1)


class DurationFact(_Fact):
    kind: Literal["duration"] = "duration"
    minutes: int = Field(ge=0)
    minutes_max: int | None = Field(default=None, description="Upper bound of a dictated range")
    session_length: bool = Field(default=False, description="'sixty minutes in the room'")
    timed_total: bool = Field(default=False, description="a session length said as the timed services' total "
                                                         "('Total timed minutes: 40'), not the visit's whole length")


class PainFact(_Fact):
    kind: Literal["pain"] = "pain"
    score: int = Field(ge=0, le=10)
    timing: PainTiming = PainTiming.unspecified
    location: str | None = None
    regions: list[Region] = Field(default_factory=list)

    @property
    def is_complaint(self) -> bool:
        """Pain the client came in with: a score above 0 not said of after the treatment."""
        return self.score > 0 and self.timing != PainTiming.after


class ConditionFact(_Fact):
    """A complaint or condition ("right shoulder pain", "plantar fasciitis"): what diagnoses come from."""

    kind: Literal["condition"] = "condition"
    condition: str = Field(description="Condition id from extraction/patterns, e.g. 'pain', 'sciatica'")
    label: str
    area: str | None = None
    laterality: Laterality = Laterality.unspecified
    regions: list[Region] = Field(default_factory=list)
    hedge: Evidence | None = Field(
        default=None,
        description="The word that makes it an uncertain diagnosis ('r/o', 'possible', 'picture'): not coded in "
                    "outpatient care, its symptom is (ICD-10-CM Guidelines IV.H; extraction/patterns/hedges.jsonl)")


class CueFact(_Fact):
    kind: Literal["cue"] = "cue"
    cue: CueKind
    label: str = ""


Fact = Annotated[
    Union[TechniqueFact, AreaFact, DurationFact, PainFact, ConditionFact, CueFact], Field(discriminator="kind")
]


class AreaRef(BaseModel):
    """An area as a treatment and a claim line refer to it."""

    model_config = ConfigDict(frozen=True)

    area: str
    label: str
    laterality: Laterality = Laterality.unspecified
    regions: list[Region] = Field(min_length=1)
    fact_id: str | None = None


class Treatment(BaseModel):
    """One technique performed in this session, with its areas and minutes.

    Treatments are what the therapist edits on the review page; billing is a pure
    function of them, so editing one and re-billing keeps the claim in step.
    """

    id: str
    technique: str
    label: str
    cpt: str
    minutes: int | None = Field(default=None, ge=0)
    minutes_max: int | None = None
    areas: list[AreaRef] = Field(default_factory=list)
    fact_ids: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    modifiers: list[str] = Field(default_factory=list, description="Modifiers the therapist added")
    order: int = Field(default=0, description="Position in the dictation; breaks ties")
    concurrent: bool = Field(
        default=False, description="Dictated as done at the same time as another technique"
    )
    within: str | None = Field(
        default=None,
        description="Id of the treatment this one was done within, as dictated (passive stretching during a"
        " massage); which code that makes is billing's rule (billing/passive.py)",
    )
    edited: bool = False
    named_only: bool = Field(
        default=False,
        description="Named with no minutes and no sign in the note that it was done today (no verb of doing,"
        " treated area, dose, treatment-section item; extraction/untimed_gate.py). A timed code so named is"
        " no pending service: billing raises the warning UNTIMED_MENTION instead of MISSING_DURATION",
    )


class Extraction(BaseModel):
    """Everything extraction read from a transcript."""

    facts: list[Fact] = Field(default_factory=list)
    treatments: list[Treatment] = Field(default_factory=list)
    pain_before: PainFact | None = None
    pain_after: PainFact | None = None
    session_minutes: int | None = None
    rule_findings: list[RuleFinding] = Field(default_factory=list)
    diagnoses_entered: list[str] | None = Field(
        default=None, description="ICD-10-CM codes the therapist set by hand; None = suggest"
    )
    removed: list[Treatment] = Field(
        default_factory=list,
        description="Treatments the therapist took off the claim: done but not billed, kept so Undo brings them back",
    )

    def facts_of(self, kind: FactKind, context: Context | None = Context.performed) -> list:
        return [f for f in self.facts if f.kind == kind and (context is None or f.context == context)]

    def cues(self, cue: CueKind) -> list[CueFact]:
        return [f for f in self.facts_of(FactKind.cue) if f.cue == cue]
