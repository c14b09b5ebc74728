"""The review page's changes: edit, undo, confirm, export. Rules live in scribe.actions.

Every change is saved as it happens. The page sends the revision it last saw; the store
refuses a save over a newer revision (ConflictError), so two tabs never lose an edit silently.
The answer is a set of out-of-band fragments (claim, findings, body map, audit...) so the
field being typed in is never replaced under the therapist's fingers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from models import AreaRef, Region, Session
from scribe import actions
from scribe.edit_targets import EditTarget, Shape
from scribe.errors import BadInput, ConflictError
from scribe.web.pages import load, page_context, render
from scribe.web.labels import labels

router = APIRouter()

def _areas(session: Session, target: EditTarget, form: FormData) -> list[AreaRef]:
    """Regions ticked on the page -> areas: keep dictated areas still fully ticked, add the rest."""
    chosen = [r for r in form.getlist("regions") if r in Region.__members__]
    treatment = next((t for t in session.extraction.treatments if t.id == target.treatment_id), None)
    kept = [a for a in (treatment.areas if treatment else []) if all(r.value in chosen for r in a.regions)]
    covered = {r.value for a in kept for r in a.regions}
    added = [
        AreaRef(area=r, label=labels().region(r), regions=[Region(r)]) for r in chosen if r not in covered
    ]
    return kept + added


def _value(session: Session, target: EditTarget, form: FormData):
    """The form's value in the shape actions.edit expects for this target."""
    shape = target.field.shape
    if target.name == "diagnoses" and form.get("reset"):
        return None  # back to the suggested diagnoses
    if shape == Shape.areas:
        return _areas(session, target, form)
    if shape == Shape.flag:
        return True  # the page's only flag is its Remove button
    if shape == Shape.codes:
        return target.field.from_text(str(form.get("value") or ""))
    return form.get("value")


def _revision(form: FormData) -> int:
    try:
        return int(str(form.get("revision")))
    except ValueError:
        raise BadInput("The page did not say which version it was editing; reload it.") from None


async def _apply(request: Request, session_id: str, change: Callable[[Session, FormData], Session],
                 *, whole: bool, note: str) -> Response:
    form = await request.form()
    current = load(request, session_id)
    seen = current.model_copy(update={"revision": _revision(form)})
    saved = request.app.state.store.save(change(seen, form))  # ConflictError if stale
    message = {"text": f"{note} {datetime.now():%H:%M:%S}.", "hint": "", "kind": "ok", "reload": False}
    return render(request, "_live.html", oob=True, whole=whole, message=message,
                  **page_context(request, saved))


@router.post("/s/{session_id}/edit")
async def edit(request: Request, session_id: str) -> Response:
    by = request.app.state.by

    def change(session: Session, form: FormData) -> Session:
        target = EditTarget.parse(str(form.get("target") or ""))
        return actions.edit(session, target, _value(session, target, form), by=by)

    return await _apply(request, session_id, change, whole=False, note="Saved")


@router.post("/s/{session_id}/undo")
async def undo(request: Request, session_id: str) -> Response:
    by = request.app.state.by
    return await _apply(request, session_id, lambda s, _f: actions.undo(s, by=by), whole=True, note="Undone")


@router.post("/s/{session_id}/confirm")
async def confirm(request: Request, session_id: str) -> Response:
    by = request.app.state.by

    def change(session: Session, form: FormData) -> Session:
        overrides = []
        for key, reason in form.multi_items():
            if key.startswith("override_") and str(reason).strip():
                overrides.append((key.removeprefix("override_"), str(reason)))
        return actions.confirm(session, overrides, by=by)

    return await _apply(request, session_id, change, whole=True, note="Confirmed")


@router.post("/s/{session_id}/export")
async def export(request: Request, session_id: str) -> Response:
    """Export through scribe.export (the CLI's function), then have the page download the file."""
    from scribe.export import export_sessions

    form = await request.form()
    session = load(request, session_id)
    if session.revision != _revision(form):
        raise ConflictError("This session was changed elsewhere since you opened it; nothing was exported.",
                            "Reload it and export again.")
    fmt = str(form.get("format") or "")
    store = request.app.state.store
    # the payer's claim number of a replacement or void: checked by export_sessions, as the CLI's --original-reference
    reference = form.get("original_reference")
    reference = None if reference is None else str(reference)
    void = form.get("void") == "1"
    export_sessions([session.id], fmt, store=store, by=request.app.state.by, original_reference=reference, void=void)
    saved = store.get(session.id)
    url = f"/s/{saved.id}/exports/{len(saved.exports) - 1}"
    message = {"text": f"{'Voided the claim' if void else 'Exported'} ({fmt}); the download starts now.", "hint": "", "kind": "ok", "reload": False}
    response = render(request, "_live.html", oob=True, whole=False, message=message, **page_context(request, saved))
    response.headers["HX-Trigger"] = json.dumps({"scribe:download": {"url": url}})
    return response
