"""The export action: the one function the CLI and the review page call to export sessions.

Only a confirmed (or already exported) session is exported. Every export is recorded on the
session (format, path, sha256, claim reference, replacement flag) and the session becomes
``exported``. A claim that was edited after it first went out goes out again as a replacement
of that original claim (837P frequency code 7, CMS-1500 item 22 code 7, FHIR Claim.related).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone
from pathlib import Path


from models import AuditEntry, ExportRecord, Session, SessionStatus
from scribe.errors import BadInput, ConflictError, Refused, SettingsMissing
from scribe.export.base import ExportContext, Exporter, Missing, get_exporter
from scribe.fsutil import atomic_write_bytes
from scribe.settings import PracticeSettings, get_client, load_settings

EXPORTABLE = (SessionStatus.confirmed, SessionStatus.exported)


class ExportResult(ExportRecord):
    """What one export wrote: the record kept in the session, plus which session."""

    session_id: str


def claim_identity(session: Session, original_reference: str | None = None) -> tuple[str, bool, str | None]:
    """(claim reference, replacement?, original reference) for a claim export of this session.

    The claim reference is the session id in capitals without its hyphen (CLM01, CMS-1500 item 26). A claim is a replacement
    when one was already exported and the session was edited after that first export.
    """
    # one spelling everywhere: upper case (X12 basic characters), no hyphen (CMS-1500 item 26), 14 characters
    reference = session.id.upper().replace("-", "")
    sent = sorted((r for r in session.exports if r.claim_reference), key=lambda r: r.at)
    if not sent:
        return reference, False, None
    first = sent[0]
    edited = any(a.action in {"edit", "undo"} and a.at > first.at for a in session.audit)
    if not edited:
        return reference, False, None
    return reference, True, original_reference or first.claim_reference


def _refuse_unconfirmed(session: Session) -> None:
    if session.status not in EXPORTABLE:
        raise Refused(
            f"Session {session.id} is a {session.status.value}; only a confirmed session can be exported.",
            f"Review and confirm it first: scribe confirm {session.id}",
        )


def _context(session: Session, exporter: Exporter, settings: PracticeSettings, store, now: datetime,
             original_reference: str | None) -> ExportContext:
    client = get_client(store, session.client) if session.client else None
    ctx = ExportContext(session=session, settings=settings, client=client, now=now)
    if exporter.is_claim:
        ctx.claim_reference, ctx.replacement, ctx.original_reference = claim_identity(session, original_reference)
    return ctx


def _raise_missing(missing: dict[str, list[Missing]]) -> None:
    lines = []
    for session_id, items in missing.items():
        lines.extend(f"  - {m}" if len(missing) == 1 else f"  - session {session_id}: {m}" for m in items)
    n = sum(len(v) for v in missing.values())
    raise SettingsMissing(
        f"Export stopped, nothing was written. Fill in {'this detail' if n == 1 else f'these {n} details'} "
        "first, then export again:\n" + "\n".join(lines)
    )


def _target(session: Session, exporter: Exporter, out: Path | None, several: bool) -> Path:
    from scribe.paths import exports_dir

    if out is not None and not several and not out.is_dir():
        return out
    folder = out if out is not None else exports_dir()
    earlier = sum(1 for r in session.exports if r.format == exporter.name)
    suffix = f"-{earlier + 1}" if earlier else ""
    return folder / f"{session.id}-{exporter.name}{suffix}.{exporter.extension}"


def export_sessions(
    session_ids: list[str],
    fmt: str,
    *,
    out: Path | str | None = None,
    store=None,
    original_reference: str | None = None,
    by: str = "therapist",
) -> list[ExportResult]:
    """Export each session in one format. Nothing is written unless every session can be exported."""
    from scribe.store import SessionStore

    if not session_ids:
        raise BadInput("Name at least one session to export.")
    store = store or SessionStore.open()
    exporter = get_exporter(fmt)
    settings = load_settings()
    out_path = Path(out).expanduser() if out is not None else None
    several = len(session_ids) > 1
    if several and out_path is not None and out_path.exists() and not out_path.is_dir():
        raise BadInput(f"{out_path} is a file; with several sessions --out must be a folder.")
    now = datetime.now(timezone.utc)
    sessions = [store.get(sid) for sid in session_ids]
    contexts, missing = [], {}
    for session in sessions:
        _refuse_unconfirmed(session)
        ctx = _context(session, exporter, settings, store, now, original_reference)
        gaps = exporter.missing(ctx)
        if gaps:
            missing[session.id] = gaps
        contexts.append(ctx)
    if missing:
        _raise_missing(missing)
    if exporter.is_claim:
        from scribe.export.control import next_control_number

        for ctx in contexts:
            ctx.control_number = next_control_number
    return [_export_one(ctx, exporter, store, _target(ctx.session, exporter, out_path, several), by)
            for ctx in contexts]


def _export_one(ctx: ExportContext, exporter: Exporter, store, path: Path, by: str) -> ExportResult:
    session = ctx.session
    data = exporter.render(ctx)
    existed = path.exists()
    atomic_write_bytes(path, data)
    digest = hashlib.sha256(data).hexdigest()
    record = ExportRecord(at=ctx.now, format=exporter.name, path=str(path), sha256=digest,
                          claim_reference=ctx.claim_reference, replacement=ctx.replacement)
    note = "replacement claim" if ctx.replacement else ""
    entry = AuditEntry(at=ctx.now, by=by, action="export", field=exporter.name, new=str(path), note=note)
    updated = session.model_copy(update={
        "status": SessionStatus.exported,
        "exports": [*session.exports, record],
        "audit": [*session.audit, entry],
    })
    try:
        store.save(updated)
    except ConflictError:
        if not existed:
            path.unlink(missing_ok=True)  # no record of it, so no file either
        raise
    return ExportResult(session_id=session.id, **record.model_dump())


def sessions_in_range(start: date, end: date, *, store=None, include_exported: bool = False) -> list[str]:
    """Ids of the confirmed sessions with a date of service from ``start`` to ``end`` inclusive."""
    from scribe.store import SessionStore

    if end < start:
        raise BadInput(f"The range ends ({end}) before it starts ({start}).")
    store = store or SessionStore.open()
    wanted = {SessionStatus.confirmed} | ({SessionStatus.exported} if include_exported else set())
    found = [s for s in store.list() if s.status in wanted and start <= s.date_of_service <= end]
    return [s.id for s in sorted(found, key=lambda s: (s.date_of_service, s.created_at))]


def export_range(start: date, end: date, fmt: str, *, out: Path | str | None = None, store=None,
                 include_exported: bool = False, by: str = "therapist") -> list[ExportResult]:
    """The practice's weekly billing: every confirmed session in a date range, in one format."""
    from scribe.store import SessionStore

    store = store or SessionStore.open()
    ids = sessions_in_range(start, end, store=store, include_exported=include_exported)
    if not ids:
        raise Refused(f"There is no confirmed session from {start} to {end} to export.")
    if out is None:
        from scribe.paths import exports_dir

        out = exports_dir()
    Path(out).mkdir(parents=True, exist_ok=True)
    return export_sessions(ids, fmt, out=out, store=store, by=by)


def missing_details(session_id: str, fmt: str, *, store=None) -> list[Missing]:
    """What must be filled in before this session can be exported in this format ([] = ready).

    For the review page, which shows the list beside the export button.
    """
    from scribe.store import SessionStore

    store = store or SessionStore.open()
    session = store.get(session_id)
    exporter = get_exporter(fmt)
    ctx = _context(session, exporter, load_settings(), store, datetime.now(timezone.utc), None)
    return exporter.missing(ctx)
