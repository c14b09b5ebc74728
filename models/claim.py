"""The claim: diagnoses and service lines, with the rules and evidence behind each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator, model_validator

from models.codes import DiagnosisSource, Region, UnitMethod
from models.evidence import Evidence
from models.findings import AreaRef

MAX_POINTERS = 4
MAX_MODIFIERS = 4  # a claim line carries at most four modifiers (CMS-1500 24D, 837P SV101-3..6)
MAX_DIAGNOSES = 12


class Diagnosis(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str = Field(description="ICD-10-CM with its decimal point, e.g. 'M54.50'")
    description: str = ""
    source: DiagnosisSource = DiagnosisSource.suggested
    reason: str = ""
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def x12(self) -> str:
        return self.code.replace(".", "")


class ClaimLine(BaseModel):
    cpt: str = Field(pattern=r"^\d{5}$")
    description: str = ""
    units: int = Field(ge=1, description="No claim line has 0 units (domain.md section 3)")
    minutes: int = Field(ge=0)
    timed: bool = True
    modifiers: list[str] = Field(default_factory=list, max_length=MAX_MODIFIERS)
    diagnosis_pointers: list[int] = Field(default_factory=list, max_length=MAX_POINTERS)
    charge: Decimal | None = None
    regions: list[Region] = Field(default_factory=list)
    areas: list[AreaRef] = Field(default_factory=list)
    treatment_ids: list[str] = Field(default_factory=list)
    rule_ids: list[str] = Field(default_factory=list, description="Why the line is as it is")
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("diagnosis_pointers")
    @classmethod
    def _pointers_in_range(cls, v: list[int]) -> list[int]:
        if any(not 1 <= p <= MAX_DIAGNOSES for p in v):
            raise ValueError("diagnosis pointers run from 1 to 12")
        return v

    @model_validator(mode="after")
    def _no_52_on_timed(self) -> "ClaimLine":
        if self.timed and "52" in self.modifiers:
            raise ValueError("modifier 52 is never accepted on a timed code; minutes already show the reduction")
        return self


class PendingService(BaseModel):
    """A technique that cannot be billed yet (e.g. no minutes dictated)."""

    cpt: str
    label: str
    treatment_id: str
    reason: str
    areas: list[AreaRef] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class Claim(BaseModel):
    payer: str = "commercial"
    unit_method: UnitMethod = UnitMethod.per_code
    date_of_service: date | None = None
    place_of_service: str = "11"
    provider_ref: str | None = None
    client_ref: str | None = None
    icd_fiscal_year: str | None = None
    diagnoses: list[Diagnosis] = Field(default_factory=list, max_length=MAX_DIAGNOSES)
    lines: list[ClaimLine] = Field(default_factory=list)
    pending: list[PendingService] = Field(default_factory=list)

    @model_validator(mode="after")
    def _pointers_exist(self) -> "Claim":
        n = len(self.diagnoses)
        for line in self.lines:
            if any(p > n for p in line.diagnosis_pointers):
                raise ValueError(f"line {line.cpt} points at a diagnosis the claim does not have")
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_charge(self) -> Decimal | None:
        charges = [ln.charge for ln in self.lines]
        if not charges or any(c is None for c in charges):
            return None
        return sum(charges, Decimal("0"))
