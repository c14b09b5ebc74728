"""Rule findings: what the checks say about a note and its claim (domain.md section 11)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models.codes import RuleId, Severity, severity_of
from models.evidence import Evidence


class RuleFinding(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: RuleId
    severity: Severity | None = None
    message: str
    fix: str = Field(default="", description="What the therapist can do about it")
    cpt: str | None = Field(default=None, description="The claim line or pending service concerned")
    treatment_id: str | None = None
    missing: list[str] = Field(default_factory=list, description="What the note lacks")
    evidence: list[Evidence] = Field(default_factory=list)

    @model_validator(mode="after")
    def _severity_from_id(self) -> "RuleFinding":
        expected = severity_of(self.id)
        if self.severity is None:
            object.__setattr__(self, "severity", expected)
        elif self.severity != expected:
            raise ValueError(f"{self.id.value} is {expected.value}, not {self.severity.value}")
        return self

    @property
    def blocking(self) -> bool:
        return self.severity == Severity.blocking


class Override(BaseModel):
    """A blocking finding the therapist accepted, with the reason they gave."""

    model_config = ConfigDict(frozen=True)

    rule_id: RuleId
    reason: str = Field(min_length=3)
    by: str = "therapist"
    at: datetime
