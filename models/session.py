"""The session: one dictation and everything made from it, with its history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from models.claim import Claim
from models.codes import AuditAction, SessionStatus
from models.findings import Extraction, Fact, Treatment
from models.rules import Override, RuleFinding
from models.snapshot import ClaimVersion
from models.soap import SoapNote
from models.transcript import Transcript


class AuditEntry(BaseModel):
    """One change: who, what, old value, new value, when."""

    model_config = ConfigDict(frozen=True)

    at: datetime
    by: str = "therapist"
    action: AuditAction
    field: str = ""
    old: Any = None
    new: Any = None
    note: str = ""


class ExportRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: datetime
    format: str
    path: str
    sha256: str
    claim_reference: str | None = None
    replacement: bool = False
    version: int | None = Field(None, description="the claim version exported (None: before versions were kept)")
    frequency: str | None = Field(None, description="claim frequency: 1 original, 7 replacement, 8 void")
    original_reference: str | None = Field(None, description="the payer's claim number a 7 or 8 refers to")
    findings: list[RuleFinding] = Field(default_factory=list, description="warnings raised while writing it")


class Proposal(BaseModel):
    """What the tool proposed before any edit, kept beside what was confirmed."""

    soap: SoapNote
    claim: Claim
    rule_findings: list[RuleFinding] = Field(default_factory=list)


class Session(BaseModel):
    id: str
    status: SessionStatus = SessionStatus.draft
    created_at: datetime
    updated_at: datetime
    date_of_service: date
    payer: str = "commercial"
    client: str | None = None
    provider: str | None = None
    input_kind: str = Field(default="text", description="'text' or 'audio'")
    input_path: str | None = Field(default=None, description="Kept input, relative to the data folder")
    transcript: Transcript
    extraction: Extraction
    soap: SoapNote
    claim: Claim
    rule_findings: list[RuleFinding] = Field(default_factory=list)
    overrides: list[Override] = Field(default_factory=list)
    proposal: Proposal | None = None
    audit: list[AuditEntry] = Field(default_factory=list)
    exports: list[ExportRecord] = Field(default_factory=list)
    confirmed_at: datetime | None = None
    versions: list[ClaimVersion] = Field(default_factory=list, description="each confirmed version, oldest first")
    revision: int = Field(default=0, description="Bumped on every save; guards lost updates")

    @property
    def findings(self) -> list[Fact]:
        return self.extraction.facts

    @property
    def treatments(self) -> list[Treatment]:
        return self.extraction.treatments

    @property
    def current_version(self) -> ClaimVersion | None:
        """The claim as last confirmed (what the exports render), or None before any confirmation."""
        return self.versions[-1] if self.versions else None

    def version(self, number: int) -> ClaimVersion | None:
        return next((v for v in self.versions if v.version == number), None)

    def unresolved_blocking(self) -> list[RuleFinding]:
        overridden = {o.rule_id for o in self.overrides}
        return [f for f in self.rule_findings if f.blocking and f.id not in overridden]

    def to_json_dict(self) -> dict[str, Any]:
        """The session JSON of cli.md: the model plus a top-level ``findings`` list."""
        data = self.model_dump(mode="json")
        data["findings"] = data["extraction"]["facts"]
        return data
