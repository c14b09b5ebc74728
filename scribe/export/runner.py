"""Running an export: the one function the CLI and the review page call to export sessions.

Only a confirmed (or already exported) session is exported, and always as it was confirmed: the
claim version frozen at confirmation (scribe.export.freeze), never today's settings. Every export
is recorded on the session per format (format, path, sha256, claim version, frequency) and the
session becomes ``exported``. A claim version made after an earlier version was sent goes out as
a replacement (837P frequency 7, CMS-1500 item 22, FHIR Claim.related), which needs the payer's
claim number of the original; ``void`` cancels the claim that was sent (frequency 8).

Files: every file is rendered before any is written; an existing file is never replaced without
``force``; when a write fails, the files and folders this export made are removed again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from pydantic import BaseModel, Field

from models import AuditAction, AuditEntry, ExportRecord, Session, SessionStatus
from scribe.crypto import write_bytes
from scribe.dates import check_range
from scribe.errors import BadInput, ConflictError, Refused, SettingsMissing
from scribe.export.base import ExportContext, Exporter, Missing, get_exporter
from scribe.export.freeze import client_of, for_export, frozen_session, settings_of, with_version
from scribe.fsutil import _check_target, cannot_write
from scribe.settings import PracticeSettings, load_settings

EXPORTABLE = (SessionStatus.confirmed, SessionStatus.exported)
FREQUENCY_WORDS = {"1": "original claim", "7": "replacement claim", "8": "void"}


class ExportResult(ExportRecord):
    """What one export wrote: the record kept in the session, plus which session."""

    session_id: str


@dataclass(frozen=True)
class ClaimIdentity:
    reference: str
    version: int
    frequency: str = "1"
    original_reference: str | None = None
    original_version: int | None = None


def _reference(session: Session) -> str:
    # one spelling everywhere: upper case (X12 basic characters), no hyphen (CMS-1500 item 26), 14 characters
    return session.id.upper().replace("-", "")


def _sent(session: Session) -> list[ExportRecord]:
    """Claim exports (any claim format), oldest first; a record from before versions were kept is version 1."""
    return sorted((r for r in session.exports if r.claim_reference), key=lambda r: r.at)


class ClaimChoices(BaseModel):
    """Whether the next claim export must be a replacement, and whether a void is possible."""

    replacement: bool = False  # changed after a claim was sent: frequency 7, needs the payer's number
    can_void: bool = False  # a claim was sent and not voided
    voided: bool = False
    sent_format: str | None = None  # the format the claim last went out in (a void goes the same way)


def _record_version(record: ExportRecord) -> int:
    return record.version or 1


def claim_identity(session: Session, original_reference: str | None = None, *, void: bool = False,
                   version: int | None = None) -> ClaimIdentity:
    """Which claim an export of this session is: original (1), replacement (7) or void (8).

    A version already sent goes out again exactly as it went before. A newer version after one was
    sent is a replacement and needs the payer's claim number of the original (the payer assigns it;
    our own number would be rejected). An edited claim never goes out as an original again.
    """
    reference = _reference(session)
    sent = _sent(session)
    voided = [r for r in sent if r.frequency == "8"]
    if voided:
        raise Refused(f"The claim of session {session.id} was voided ({voided[-1].at:%Y-%m-%d}); it is not sent again.",
                      "Process the note as a new session if the service should be billed after all.")
    if void:
        if not sent:
            raise Refused(f"No claim of session {session.id} was exported, so there is nothing to void.")
        if not original_reference:
            raise Refused("A void needs the payer's claim number of the claim it cancels.",
                          f"Give it with --original-reference: scribe export {session.id} --void --original-reference REF")
        return ClaimIdentity(reference, _record_version(sent[-1]), "8", original_reference, _record_version(sent[-1]))
    current = version or 1
    same = [r for r in sent if _record_version(r) == current]
    if same:
        first = same[0]
        frequency = first.frequency or ("7" if first.replacement else "1")
        if frequency == "1":
            return ClaimIdentity(reference, current)
        return ClaimIdentity(reference, current, frequency, original_reference or first.original_reference,
                             max(_record_version(r) for r in sent if _record_version(r) < current) if current > 1 else None)
    earlier = [r for r in sent if _record_version(r) < current]
    if not earlier:
        return ClaimIdentity(reference, current)
    if not original_reference:
        raise Refused(
            f"Session {session.id} was changed after its claim (version {_record_version(earlier[-1])}) was sent, "
            "so it goes out as a replacement claim, which needs the payer's claim number of the original.",
            f"Find it on the payer's remittance or portal, then: scribe export {session.id} --format FORMAT "
            "--original-reference REF (or cancel the claim with --void).",
        )
    return ClaimIdentity(reference, current, "7", original_reference, _record_version(earlier[-1]))


def _current_version(session: Session) -> int:
    current = session.current_version.version if session.current_version else None
    if current is None:
        from scribe.export.freeze import _legacy_version

        current = _legacy_version(session)
    return current


def claim_choices(session: Session) -> ClaimChoices:
    """What the next claim export of this session is, so a page can ask for the payer's claim number
    before it is refused: a replacement needs it, a void always does (the rule is claim_identity's)."""
    sent = _sent(session)
    if not sent or any(r.frequency == "8" for r in sent):
        return ClaimChoices(voided=bool(sent))
    current = _current_version(session)
    replacement = not any(_record_version(r) == current for r in sent)
    return ClaimChoices(replacement=replacement, can_void=True, sent_format=sent[-1].format)


def _refuse_unconfirmed(session: Session) -> None:
    if session.status not in EXPORTABLE:
        raise Refused(
            f"Session {session.id} is a {session.status.value}; only a confirmed session can be exported.",
            f"Review and confirm it first: scribe confirm {session.id}",
        )


def _context(session: Session, exporter: Exporter, settings: PracticeSettings, store, now: datetime,
             original_reference: str | None, void: bool = False) -> ExportContext:
    ident = None
    number = None
    if exporter.is_claim:
        ident = claim_identity(session, original_reference, void=void, version=_current_version(session))
        number = ident.version
    version = for_export(session, store=store, settings=settings, number=number)
    ctx = ExportContext(session=frozen_session(session, version), settings=settings_of(version),
                        client=client_of(version), now=now, version=version)
    if ident is not None:
        ctx.claim_reference, ctx.frequency = ident.reference, ident.frequency
        ctx.original_reference, ctx.original_version = ident.original_reference, ident.original_version
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


def _check_out(out: Path | None, several: bool) -> None:
    """A clear sentence (exit 2) for a file where a folder is needed, before anything is made."""
    if out is None:
        return
    if "\x00" in str(out):
        _check_target(out)  # refuses it with its own sentence
    for parent in out.parents:
        if parent.exists() and not parent.is_dir():
            raise BadInput(f"{parent} is a file, so nothing can be written inside it; give a folder for --out.")
    if several and out.exists() and not out.is_dir():
        raise BadInput(f"{out} is a file; with several sessions --out must be a folder.")


def _default_name(folder: Path, session: Session, exporter: Exporter) -> Path:
    earlier = sum(1 for r in session.exports if r.format == exporter.name)
    suffix = f"-{earlier + 1}" if earlier else ""
    return folder / f"{session.id}-{exporter.name}{suffix}.{exporter.extension}"


def _orphan(path: Path, session: Session) -> bool:
    """A file of ours in the exports folder that no export record names: a crash left it; it may be replaced."""
    from scribe.paths import exports_dir

    return path.parent == exports_dir() and all(r.path != str(path) for r in session.exports)


def _targets(contexts: list[ExportContext], exporter: Exporter, out: Path | None, several: bool,
             force: bool) -> list[Path]:
    from scribe.paths import exports_dir

    if out is not None and not several and not out.is_dir():
        paths = [out]
    else:
        folder = out if out is not None else exports_dir()
        paths = [_default_name(folder, ctx.session, exporter) for ctx in contexts]
    for p in paths:
        _check_target(p)  # never a device, pipe or folder
    taken = [p for p, ctx in zip(paths, contexts) if p.exists() and not _orphan(p, ctx.session)]
    if taken and not force:
        shown = ", ".join(str(p) for p in taken[:3]) + (" ..." if len(taken) > 3 else "")
        raise Refused(f"{shown} already exist{'s' if len(taken) == 1 else ''}; nothing was written.",
                      "Give --force to replace, or another --out.")
    return paths


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` (and missing parents) owner-only; return the ones this call created."""
    made = []
    for parent in [*reversed(folder.parents), folder]:
        if not parent.exists():
            try:
                parent.mkdir(mode=0o700)
            except OSError as exc:
                _remove(reversed(made))
                raise cannot_write(parent, exc, "Check the folder is yours and the disk has space.") from None
            made.append(parent)
    return made


def _remove(paths) -> None:
    for p in paths:
        try:
            p.rmdir() if p.is_dir() else p.unlink(missing_ok=True)
        except OSError:
            continue  # a folder someone else put a file in stays


def export_sessions(
    session_ids: list[str],
    fmt: str,
    *,
    out: Path | str | None = None,
    store=None,
    original_reference: str | None = None,
    by: str = "therapist",
    force: bool = False,
    void: bool = False,
) -> list[ExportResult]:
    """Export each session in one format. Nothing is written unless every session can be exported."""
    from scribe.store import SessionStore

    if not session_ids:
        raise BadInput("Name at least one session to export.")
    store = store or SessionStore.open()
    exporter = get_exporter(fmt)
    if void and not exporter.is_claim:
        raise BadInput(f"Only a claim can be voided; {fmt} is not a claim format.")
    if original_reference is not None and not original_reference.strip():
        raise BadInput("The payer's claim number of the original (--original-reference) is empty.")
    settings = load_settings()
    out_path = Path(out).expanduser() if out is not None else None
    several = len(session_ids) > 1
    _check_out(out_path, several)
    now = datetime.now(timezone.utc)
    sessions = [store.get(sid) for sid in session_ids]
    contexts, missing = [], {}
    for session in sessions:
        if not void:
            _refuse_unconfirmed(session)
        ctx = _context(session, exporter, settings, store, now, original_reference, void)
        gaps = exporter.missing(ctx)
        if gaps:
            missing[session.id] = gaps
        contexts.append(ctx)
    if missing:
        _raise_missing(missing)
    paths = _targets(contexts, exporter, out_path, several, force)
    if exporter.is_claim:
        from scribe.export.control import next_control_number

        for ctx in contexts:
            ctx.control_number = next_control_number
    rendered = [exporter.render(ctx) for ctx in contexts]  # any refusal here leaves no file behind
    made: list[Path] = []
    written: list[Path] = []
    try:
        for path in dict.fromkeys(p.parent for p in paths):
            made += _make_folder(path)
        for path, data in zip(paths, rendered):
            write_bytes(path, data)
            written.append(path)
    except BaseException:
        _remove([*written, *reversed(made)])
        raise
    results = []
    for session, ctx, path, data in zip(sessions, contexts, paths, rendered):
        results.append(_record(session, ctx, exporter, store, path, data, by))
    return results


def _record(session: Session, ctx: ExportContext, exporter: Exporter, store, path: Path, data: bytes,
            by: str) -> ExportResult:
    digest = hashlib.sha256(data).hexdigest()
    record = ExportRecord(at=ctx.now, format=exporter.name, path=str(path), sha256=digest,
                          claim_reference=ctx.claim_reference, replacement=ctx.replacement,
                          version=ctx.version_number, frequency=ctx.frequency if exporter.is_claim else None,
                          original_reference=ctx.original_reference, findings=ctx.findings)
    note = f"version {ctx.version_number}"
    if exporter.is_claim:
        note += f", {FREQUENCY_WORDS[ctx.frequency]} (frequency {ctx.frequency})"
        if ctx.original_reference:
            note += f" of payer claim {ctx.original_reference}"
    entry = AuditEntry(at=ctx.now, by=by, action=AuditAction.export, field=exporter.name, new=str(path), note=note)
    status = SessionStatus.exported if session.status in EXPORTABLE else session.status
    updated = with_version(session, ctx.version) if ctx.version and session.versions else session
    if ctx.version and not session.versions:
        updated = session.model_copy(update={"versions": [ctx.version]})
    updated = updated.model_copy(update={
        "status": status,
        "exports": [*session.exports, record],
        "audit": [*session.audit, entry],
    })
    try:
        store.save(updated)
    except ConflictError:
        path.unlink(missing_ok=True)  # no record of it, so no file either
        raise
    return ExportResult(session_id=session.id, **record.model_dump())


class Skipped(BaseModel):
    session_id: str
    reason: str


class BatchPlan(BaseModel):
    """Which sessions of a date range a batch includes in one format, and why each other one is left out."""

    format: str
    included: list[str] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)


def plan_range(start: date, end: date, fmt: str, *, store=None, include_exported: bool = False) -> BatchPlan:
    """Every session with a date of service from ``start`` to ``end``, sorted into included and skipped.

    "Exported" is per format and per version: a session whose PDF went out is still due its 837P.
    """
    from scribe.store import SessionStore

    check_range(start, end)
    store = store or SessionStore.open()
    exporter = get_exporter(fmt)
    plan = BatchPlan(format=fmt)
    found = [s for s in store.list() if start <= s.date_of_service <= end]
    for s in sorted(found, key=lambda s: (s.date_of_service, s.created_at)):
        reason = _skip_reason(s, exporter, include_exported)
        if reason:
            plan.skipped.append(Skipped(session_id=s.id, reason=reason))
        else:
            plan.included.append(s.id)
    return plan


def _skip_reason(session: Session, exporter: Exporter, include_exported: bool) -> str | None:
    if session.status not in EXPORTABLE:
        return f"not confirmed ({session.status.value})"
    current = session.current_version.version if session.current_version else None
    done = [r for r in session.exports if r.format == exporter.name
            and (current is None or _record_version(r) == current)]
    if done and not include_exported:
        return f"already exported as {exporter.name} on {done[-1].at:%Y-%m-%d}"
    if exporter.is_claim:
        try:
            claim_identity(session, version=current or 1)
        except Refused as exc:
            return exc.message.rstrip(".") + "; export it on its own"
    return None


def sessions_in_range(start: date, end: date, *, store=None, include_exported: bool = False,
                      fmt: str = "json") -> list[str]:
    """Ids of the confirmed sessions from ``start`` to ``end`` not yet exported in ``fmt``."""
    return plan_range(start, end, fmt, store=store, include_exported=include_exported).included


def export_range(start: date, end: date, fmt: str, *, out: Path | str | None = None, store=None,
                 include_exported: bool = False, by: str = "therapist", force: bool = False,
                 plan: BatchPlan | None = None) -> list[ExportResult]:
    """The practice's weekly billing: every confirmed session in a date range, in one format."""
    from scribe.store import SessionStore

    store = store or SessionStore.open()
    plan = plan or plan_range(start, end, fmt, store=store, include_exported=include_exported)
    if not plan.included:
        why = "; ".join(f"{s.session_id}: {s.reason}" for s in plan.skipped[:5])
        raise Refused(f"There is no confirmed session from {start} to {end} to export as {fmt}"
                      + (f" ({why})." if why else "."))
    if out is None:
        from scribe.paths import exports_dir

        out = exports_dir()
    out_path = Path(out).expanduser()
    if out_path.exists() and not out_path.is_dir():
        raise BadInput(f"{out_path} is a file; a batch needs a folder for --out.")
    if len(plan.included) == 1:  # one session, still a folder: the batch's files go inside it
        _check_out(out_path, True)
        made = _make_folder(out_path)
        try:
            return export_sessions(plan.included, fmt, out=out_path, store=store, by=by, force=force)
        except BaseException:
            _remove(reversed(made))
            raise
    return export_sessions(plan.included, fmt, out=out_path, store=store, by=by, force=force)


def missing_details(session_id: str, fmt: str, *, store=None) -> list[Missing]:
    """What must be filled in before this session can be exported in this format ([] = ready).

    For the review page, which shows the list beside the export button.
    """
    from scribe.store import SessionStore

    store = store or SessionStore.open()
    session = store.get(session_id)
    exporter = get_exporter(fmt)
    try:
        ctx = _context(session, exporter, load_settings(), store, datetime.now(timezone.utc), None)
    except Refused as exc:  # a replacement without the payer's claim number, a voided claim
        return [Missing(what=exc.message, command=exc.hint or "")]
    return exporter.missing(ctx)


__all__ = ["BatchPlan", "ClaimIdentity", "ExportResult", "Skipped", "claim_identity", "export_range",
           "export_sessions", "missing_details", "plan_range", "sessions_in_range"]
