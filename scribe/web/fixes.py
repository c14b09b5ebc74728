"""The one-click fixes a blocking finding offers: override, bill as one code, bring back a line.

Each is a scribe.actions function (the CLI's rules), saved with the revision the page last saw,
exactly like every other change in scribe.web.changes.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from models import Session
from scribe import actions
from scribe.web.changes import _apply

router = APIRouter()


def _field(form: FormData, name: str) -> str:
    return str(form.get(name) or "").strip()


@router.post("/s/{session_id}/override")
async def override(request: Request, session_id: str) -> Response:
    by = request.app.state.by

    def change(session: Session, form: FormData) -> Session:
        return actions.override(session, _field(form, "rule"), _field(form, "reason"), by=by)

    return await _apply(request, session_id, change, whole=False, note="Overridden")


@router.post("/s/{session_id}/one-code")
async def one_code(request: Request, session_id: str) -> Response:
    by = request.app.state.by

    def change(session: Session, form: FormData) -> Session:
        return actions.bill_as_one(session, _field(form, "keep"), _field(form, "drop"), by=by)

    return await _apply(request, session_id, change, whole=False, note="Billed as one code")


@router.post("/s/{session_id}/restore")
async def restore(request: Request, session_id: str) -> Response:
    """Bring a removed treatment back onto the claim (the same edit Undo makes)."""
    by = request.app.state.by

    def change(session: Session, form: FormData) -> Session:
        return actions.edit(session, f"treatment.{_field(form, 'treatment')}.removed", False, by=by)

    return await _apply(request, session_id, change, whole=False, note="Brought back")
