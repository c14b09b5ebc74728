"""The claim as confirmed: a frozen version of everything an export prints.

Settings and client details change over time (a new fee, a corrected NPI); a claim that was
confirmed must not. So confirmation stores a ``ClaimVersion`` with the session: the lines with
their charges, the SOAP note, the treatments, and the practice, provider and client details as
they were. Every exporter renders from it, so re-exporting an unchanged claim gives the same
content. Editing the session and confirming again makes the next version; the settings and
client details are kept as plain data here because models/ knows nothing of scribe's settings.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from models.claim import Claim
from models.findings import PainFact, Treatment
from models.soap import SoapNote

#: what two versions are compared on: their content, not when or how often they were frozen
VERSION_BOOKKEEPING = frozenset({"version", "frozen_at", "confirmed_at", "filled"})


class ClaimVersion(BaseModel):
    """One confirmed version of the session's claim and note (version 1, 2, ...)."""

    model_config = ConfigDict(frozen=True)

    version: int = Field(ge=1)
    frozen_at: datetime
    confirmed_at: datetime | None = None
    date_of_service: date
    payer: str = Field(description="payer profile name, e.g. 'medicare'")
    payer_label: str = Field("", description="how the profile describes itself, for the note")
    client: str | None = None
    claim: Claim = Field(description="lines with the charges from the fee schedule at confirmation")
    soap: SoapNote
    treatments: list[Treatment] = Field(default_factory=list)
    pain_before: PainFact | None = None
    pain_after: PainFact | None = None
    session_minutes: int | None = None
    settings: dict[str, Any] = Field(default_factory=dict,
                                     description="practice, provider, submitter, receiver and form settings")
    client_details: dict[str, Any] | None = Field(None, description="the client's details as confirmed")
    filled: list[str] = Field(default_factory=list,
                              description="details missing at confirmation and filled in at the first export")

    def content(self) -> dict[str, Any]:
        """What the version says, for telling whether a new confirmation changed anything."""
        return self.model_dump(mode="json", exclude=set(VERSION_BOOKKEEPING))
