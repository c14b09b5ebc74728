"""What every review page route shares: loading a session, its page context, rendering a template.

Kept apart from scribe.web.app (which builds the app and includes the routers) so the routers
import these helpers without importing the app that imports them: no import cycle.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import Request
from starlette.responses import Response

from billing import catalog
from models import Session
from scribe import crypto, paths
from scribe.errors import BadInput, ConflictError, NotFound, Refused, ScribeError
from scribe.store import check_session_id
from scribe.web import views

ERROR_STATUS = ((NotFound, 404), (ConflictError, 409), (Refused, 422), (BadInput, 400))


def load(request: Request, session_id: str) -> Session:
    check_session_id(session_id)
    return request.app.state.store.get(session_id)


def audio_path(session: Session) -> Path | None:
    """The session's recording inside the data folder, or None; never a path outside it."""
    rel = session.transcript.audio.path if session.transcript.audio else None
    if rel is None and session.input_kind == "audio":
        rel = session.input_path
    if not rel:
        return None
    base = paths.data_dir().resolve()
    path = (base / rel).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    return path


def page_context(request: Request, session: Session) -> dict:
    from scribe.web import reasons

    warnings, blocking = views.counts(session)
    fx = reasons.fixes(session)
    return {
        "fx": fx,
        "line_reasons": lambda line: reasons.line_reasons(session, line, fx.conflict_with),
        "blockers": views.blockers(session),
        "overridden": views.overridden(session),
        "note_flags": views.note_flags(session),
        "code_year_outside": views.code_year_outside(session),
        "session": session,
        "cv": views.claim_view(session),
        "pieces": views.transcript_pieces(session),
        "regions": views.body_map(session),
        "legend": views.code_legend(session),
        "proposal": views.proposal_rows(session),
        "warnings": warnings,
        "blocking": blocking,
        "groups": views.finding_groups(session),
        "has_audio": audio_path(session) is not None,
        "exports": export_options(request, session),
        "claim": claim_choices(session),
        "payers": payer_names(session),
        "codes": [(c, catalog.describe(c)) for c in catalog.codes()],
        "modifiers": catalog.known_modifiers(),
        "clients": sorted(request.app.state.store.list_clients()),
    }


def payer_names(session: Session) -> list[str]:
    from scribe.analysis import profile_registry

    names = list(profile_registry().names())
    return names if session.payer in names else [session.payer, *names]


def claim_choices(session: Session):
    """Replacement or void ahead? The export area asks for the payer's claim number then (scribe.export's rule)."""
    from scribe.export import claim_choices as choices

    return choices(session)


def export_options(request: Request, session: Session) -> list[dict]:
    """Each export format with what must be filled in first, and where the page fills it in.

    Shown before Confirm too, so the therapist learns what an export will still need.
    """
    from scribe.export import formats, get_exporter, missing_details

    options = []
    for name in formats():
        try:
            found = missing_details(session.id, name, store=request.app.state.store)
            missing = [{"text": str(m), "what": m.what, "command": m.command,
                        "href": views.fill_in_link(m.command, session.id)}
                       for m in found]
        except ScribeError as exc:  # e.g. an unreadable settings file: show its sentence, offer nothing
            missing = [{"text": str(exc), "what": str(exc), "href": "/settings"}]
        options.append({"name": name, "label": get_exporter(name).label, "missing": missing,
                        "is_claim": get_exporter(name).is_claim})
    return options


def export_file(session: Session, index: int) -> Path | None:
    """A recorded export inside the data folder whose bytes still match the record, else None."""
    if not 0 <= index < len(session.exports):
        return None
    record = session.exports[index]
    base = paths.data_dir().resolve()
    path = Path(record.path).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    if hashlib.sha256(crypto.read_bytes(path)).hexdigest() != record.sha256:
        raise Refused("This exported file was changed after it was made; export again.")
    return path


def render(request: Request, name: str, status_code: int = 200, **context) -> Response:
    context.setdefault("csrf", request.app.state.guard.csrf)
    context.setdefault("message", None)
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)


def status_for(exc: ScribeError) -> int:
    return next((code for cls, code in ERROR_STATUS if isinstance(exc, cls)), 400)
