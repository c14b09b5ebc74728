"""What every exporter shares: the registry, the export context and the settings each format needs.

Exporters are looked up by format name; a built-in registers itself exactly the way a clinic's
own format would (``register``). Each one says which settings and client details it needs, so a
missing NPI stops the export with a list of exactly what to fill in, before any file is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Callable, ClassVar

from pydantic import BaseModel

from models import ClaimVersion, RuleFinding, Session
from scribe.errors import BadInput
from scribe.clients import ClientDetails
from scribe.settings import PracticeSettings, get_setting

#: client details every claim format needs, and the extra ones when the client is not the subscriber
CLAIM_CLIENT_NEEDS = (
    "first_name", "last_name", "date_of_birth", "sex", "address", "city", "state", "zip",
    "member_id", "payer_name", "payer_id",
)
SUBSCRIBER_NEEDS = ("subscriber_first_name", "subscriber_last_name", "subscriber_date_of_birth", "subscriber_sex")


class Missing(BaseModel):
    """One thing to fill in before an export, and the command that fills it."""

    what: str
    command: str

    def __str__(self) -> str:
        return f"{self.what}: {self.command}"


@dataclass
class ExportContext:
    """What one export renders: the session as frozen in ``version``, with its settings and client."""

    session: Session
    settings: PracticeSettings
    client: ClientDetails | None
    now: datetime
    claim_reference: str | None = None
    frequency: str = "1"  # claim frequency: 1 original, 7 replacement, 8 void
    original_reference: str | None = None  # the payer's claim number a 7 or 8 refers to
    original_version: int | None = None  # our version that was sent before (for FHIR Claim.related)
    version: ClaimVersion | None = None
    control_number: Callable[[], int] | None = None  # the 837P's next envelope number
    notes: list[str] = field(default_factory=list)
    findings: list[RuleFinding] = field(default_factory=list)  # warnings raised while rendering

    @property
    def replacement(self) -> bool:
        return self.frequency == "7"

    @property
    def void(self) -> bool:
        return self.frequency == "8"

    @property
    def version_number(self) -> int:
        return self.version.version if self.version else 1

    def referring(self) -> tuple[str, str, str, str] | None:
        """(qualifier, first name, last name, NPI) of the referring provider: the client's, else the practice's."""
        c, r = self.client, self.settings.referring
        if c is not None and c.referring_last_name and c.referring_npi:
            return "DN", c.referring_first_name or "", c.referring_last_name, c.referring_npi
        if r.last_name and r.npi:
            return r.qualifier, r.first_name or "", r.last_name, r.npi
        return None

    def payer_display(self) -> str:
        """The payer's name for people: the client's insurer, else the profile's description."""
        if self.client is not None and self.client.payer_name:
            return self.client.payer_name
        return (self.version.payer_label if self.version else "") or self.session.payer

    @property
    def claim(self):
        return self.session.claim

    @property
    def place_of_service(self) -> str:
        """The practice's setting (default 11, office): the claim model only carries a default."""
        return self.settings.practice.place_of_service

    def line_charges(self) -> list[Decimal]:
        """Each line's charge: frozen at confirmation (fee schedule x units), else today's fee x units."""
        out = []
        for line in self.claim.lines:
            charge = self.settings.charge(self.session.payer, line)
            if charge is None:
                raise BadInput(f"There is no fee for {line.cpt} under payer {self.session.payer}.")
            out.append(charge)
        return out

    def total_charge(self) -> Decimal:
        return sum(self.line_charges(), Decimal("0"))


class Exporter:
    """One output format. Subclasses set the class attributes and implement ``render``."""

    name: ClassVar[str]
    extension: ClassVar[str]
    label: ClassVar[str]
    is_claim: ClassVar[bool] = False  # a claim carries a claim reference and may be a replacement
    practice_needs: ClassVar[tuple[str, ...]] = ()
    client_needs: ClassVar[tuple[str, ...]] = ()

    def missing(self, ctx: ExportContext) -> list[Missing]:
        return missing_for(self, ctx)

    def render(self, ctx: ExportContext) -> bytes:  # pragma: no cover - every exporter overrides
        raise NotImplementedError


_REGISTRY: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    _REGISTRY[exporter.name] = exporter
    return exporter


def get_exporter(name: str) -> Exporter:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise BadInput(f"'{name}' is not an export format; use one of {', '.join(formats())}.") from None


def formats() -> list[str]:
    return list(_REGISTRY)


def add_on_review_page(session_id: str) -> str:
    """Where a missing diagnosis is filled in (the CLI has no command for it)."""
    return f"add one on the review page (scribe review {session_id})"


def missing_for(exporter: Exporter, ctx: ExportContext) -> list[Missing]:
    """Everything the format needs that is not filled in, each with the command that fills it."""
    out: list[Missing] = []
    session, settings = ctx.session, ctx.settings
    for key in exporter.practice_needs:
        value = get_setting(settings, key)
        if value in (None, ""):
            out.append(Missing(what=f"{key}, {_describe(key)}", command=f"scribe settings set {key} VALUE"))
    if exporter.client_needs:
        out.extend(_client_missing(exporter, ctx))
    if exporter.is_claim:
        if not session.claim.lines:
            out.append(Missing(what="a billable claim line (this session has none)",
                               command=f"add minutes or a treatment on the review page (scribe review {session.id})"))
        for line in session.claim.lines:
            if settings.charge(session.payer, line) is None:
                out.append(Missing(what=f"the fee per unit for {line.cpt} under payer '{session.payer}'",
                                   command=f"scribe settings set fees.{session.payer}.{line.cpt} AMOUNT"))
            if not line.diagnosis_pointers:
                out.append(Missing(what=f"a diagnosis for claim line {line.cpt}",
                                   command=add_on_review_page(session.id)))
    return out


def _client_missing(exporter: Exporter, ctx: ExportContext) -> list[Missing]:
    session = ctx.session
    if not session.client:
        return [Missing(what="the client of this session",
                        command=f"choose the client on the review page (scribe review {session.id})")]
    needs = list(exporter.client_needs)
    client = ctx.client or ClientDetails()
    if exporter.is_claim and client.relationship != "self":
        needs += [n for n in SUBSCRIBER_NEEDS if n not in needs]
    return [
        Missing(what=f"client {session.client} {key}, {ClientDetails.model_fields[key].description}",
                command=f"scribe client set {session.client} {key} VALUE")
        for key in needs
        if getattr(client, key) in (None, "")
    ]


def _describe(key: str) -> str:
    from scribe.settings import setting_keys

    return dict(setting_keys()).get(key, key)
