"""Freezing the claim at confirmation, and the frozen session every exporter renders.

``freeze`` takes the confirmed session and today's settings and client details and returns the
session's versions with a new one appended when anything changed (an edit + undo, or confirming
twice, keeps the version). ``for_export`` is what an export starts from: the version, with any
detail that was still missing at confirmation (a fee, an NPI) filled in from the settings as
they are now; a frozen value is never replaced. Once filled, the version is saved, so the next
export of the same claim says the same thing.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from models import AuditAction, ClaimVersion, Session
from scribe.clients import ClientDetails, get_client
from scribe.settings import SECTIONS, PracticeSettings, load_settings

#: the settings a claim is made of; fees are frozen as each line's charge instead
FROZEN_SECTIONS = SECTIONS


def frozen_settings(settings: PracticeSettings) -> dict[str, Any]:
    return settings.model_dump(mode="json", include=set(FROZEN_SECTIONS))


def _charged(session: Session, settings: PracticeSettings):
    """The claim with each line's charge from the fee schedule (fee x units) where billing set none."""
    lines = []
    for line in session.claim.lines:
        charge = settings.charge(session.payer, line)
        if line.charge is None and charge is not None:
            line = line.model_copy(update={"charge": charge})
        lines.append(line)
    return session.claim.model_copy(update={"lines": lines})


def _payer_label(payer: str) -> str:
    try:
        from scribe.analysis import get_profile

        return get_profile(payer).description or payer
    except Exception:  # noqa: BLE001 - an unknown profile name is shown as it is
        return payer


def _build(session: Session, settings: PracticeSettings, client: ClientDetails | None, number: int,
           now: datetime) -> ClaimVersion:
    ex = session.extraction
    return ClaimVersion(
        version=number, frozen_at=now, confirmed_at=session.confirmed_at,
        date_of_service=session.date_of_service, payer=session.payer, payer_label=_payer_label(session.payer),
        client=session.client, claim=_charged(session, settings), soap=session.soap,
        treatments=sorted(ex.treatments, key=lambda t: t.order), pain_before=ex.pain_before,
        pain_after=ex.pain_after, session_minutes=ex.session_minutes, settings=frozen_settings(settings),
        client_details=client.model_dump(mode="json") if client is not None else None,
    )


def _client(session: Session, store) -> ClientDetails | None:
    if not session.client:
        return None
    if store is None:
        from scribe.store import SessionStore

        store = SessionStore.open()
    return get_client(store, session.client)


def freeze(session: Session, *, store=None, settings: PracticeSettings | None = None) -> list[ClaimVersion]:
    """The session's versions, with the claim as it stands now added if it differs from the last."""
    settings = settings or load_settings()
    last = session.current_version
    number = (last.version if last else _legacy_version(session) - 1) + 1
    new = _build(session, settings, _client(session, store), number, datetime.now(timezone.utc))
    if last is not None and last.content() == new.content():
        return list(session.versions)
    return [*session.versions, new]


def _legacy_version(session: Session) -> int:
    """A session confirmed before versions were kept: 2 when it was edited after its first claim went out."""
    sent = sorted((r.at for r in session.exports if r.claim_reference))
    if not sent:
        return 1
    edited = any(a.action in {AuditAction.edit, AuditAction.undo} and a.at > sent[0] for a in session.audit)
    return 2 if edited else 1


def for_export(session: Session, *, store=None, settings: PracticeSettings | None = None,
               number: int | None = None) -> ClaimVersion:
    """The version to export (the current one unless ``number``), gaps filled from today's settings."""
    settings = settings or load_settings()
    if number is not None and session.version(number) is not None:
        version = session.version(number)
    elif session.current_version is not None:
        version = session.current_version
    else:  # confirmed before versions were kept: frozen now, at its first export
        version = _build(session, settings, _client(session, store), _legacy_version(session),
                         datetime.now(timezone.utc))
    return fill_gaps(version, settings, _client(session, store) if session.client else None)


def fill_gaps(version: ClaimVersion, settings: PracticeSettings, client: ClientDetails | None) -> ClaimVersion:
    """Details still missing in the version, taken from the settings and client as they are now."""
    filled = list(version.filled)
    now_settings = frozen_settings(settings)
    new_settings = {}
    for section, values in now_settings.items():
        frozen = dict(version.settings.get(section) or {})
        for key, value in values.items():
            if frozen.get(key) in (None, "") and value not in (None, ""):
                filled.append(f"{section}.{key}")
                frozen[key] = value
        new_settings[section] = frozen
    details = dict(version.client_details or {})
    if client is not None:
        for key, value in client.model_dump(mode="json").items():
            if details.get(key) in (None, "") and value not in (None, ""):
                details[key] = value
                filled.append(f"client.{key}")
    lines = []
    for line in version.claim.lines:
        charge = settings.charge(version.payer, line)
        if line.charge is None and charge is not None:
            line = line.model_copy(update={"charge": charge})
            filled.append(f"fees.{version.payer}.{line.cpt}")
        lines.append(line)
    if filled == list(version.filled):
        return version
    return version.model_copy(update={
        "settings": new_settings, "client_details": details or None, "filled": list(dict.fromkeys(filled)),
        "claim": version.claim.model_copy(update={"lines": lines}),
    })


def settings_of(version: ClaimVersion) -> PracticeSettings:
    return PracticeSettings.model_validate(version.settings)


def client_of(version: ClaimVersion) -> ClientDetails | None:
    return ClientDetails.model_validate(version.client_details) if version.client_details else None


def frozen_session(session: Session, version: ClaimVersion) -> Session:
    """The session as it was confirmed in ``version``: what every exporter reads."""
    ex = session.extraction.model_copy(update={
        "treatments": list(version.treatments), "pain_before": version.pain_before,
        "pain_after": version.pain_after, "session_minutes": version.session_minutes,
    })
    return session.model_copy(update={
        "claim": version.claim, "soap": version.soap, "extraction": ex, "date_of_service": version.date_of_service,
        "payer": version.payer, "client": version.client, "confirmed_at": version.confirmed_at,
    })


def with_version(session: Session, version: ClaimVersion) -> Session:
    """The session with ``version`` stored (replacing the one of the same number, else added)."""
    kept = [v for v in session.versions if v.version != version.version]
    versions = sorted([*kept, version], key=lambda v: v.version)
    return session.model_copy(update={"versions": versions})
