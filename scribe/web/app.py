"""The review web app: server-rendered pages plus htmx fragments, nothing external.

Every change goes through scribe.actions (edit, undo, confirm: the same functions the CLI
uses) and is saved at once with the revision the page last saw, so a second tab's stale
change is refused with the store's plain ConflictError message instead of overwriting.
"""

from __future__ import annotations

import logging

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import FileResponse, HTMLResponse, Response

from billing.errors import BillingError
from models import MAX_SESSION_MINUTES
from scribe import crypto
from scribe.errors import ConflictError, NotFound, ScribeError
from scribe.store import SessionStore
from scribe.web import home, views
from scribe.web.changes import router
from scribe.web.dictation import Dictations
from scribe.web.fixes import router as fixes
from scribe.web.labels import labels
from scribe.web.pages import audio_path, export_file, load, page_context, render, status_for
from scribe.web.practice import changes as practice_changes
from scribe.web.practice import pages as practice_pages
from scribe.web.security import Guard, deny, guard_requests, require_csrf

log = logging.getLogger("scribe.web")

AUDIO_TYPES = {
    ".wav": "audio/wav", ".flac": "audio/flac", ".mp3": "audio/mpeg", ".m4a": "audio/mp4",
    ".mp4": "audio/mp4", ".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg",
    ".webm": "audio/webm", ".aac": "audio/aac",
}


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("scribe.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(clock=views.clock, show_value=views.show_value, labels=labels, rule_counts=views.rule_counts,
                       field_label=views.field_label,
                       details_link=views.details_link, client_details_link=views.client_details_link, dom_id=views.dom_id, max_minutes=MAX_SESSION_MINUTES)
    return Jinja2Templates(env=env)


def create_app(guard: Guard, store: SessionStore | None = None, *, by: str = "therapist") -> FastAPI:
    """The app for one launch: its guard (token, CSRF, port) and the session store."""
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.guard = guard
    app.state.store = store or SessionStore.open()
    app.state.templates = _templates()
    app.state.by = by
    app.middleware("http")(_catch_unexpected)
    app.middleware("http")(guard_requests)  # added last = runs first: nothing unguarded gets in
    app.mount("/static", StaticFiles(packages=[("scribe.web", "static")]), name="static")
    app.add_exception_handler(ScribeError, _scribe_error)
    app.add_exception_handler(BillingError, _scribe_error)  # unknown code or payer: a plain sentence too
    app.add_exception_handler(HTTPException, _http_error)

    app.include_router(router, dependencies=[Depends(require_csrf)])
    app.include_router(fixes, dependencies=[Depends(require_csrf)])
    app.include_router(practice_changes, dependencies=[Depends(require_csrf)])
    app.include_router(practice_pages)

    app.state.dictations = Dictations()
    app.include_router(home.pages)  # home page, the week, clients
    app.include_router(home.changes)  # dictate, upload, typed note, week export: CSRF-checked

    from scribe.web import teach

    teach.install(app, Depends(require_csrf))  # teach the clinic's words; the vocabulary page

    @app.get("/s/{session_id}", response_class=HTMLResponse)
    def session_page(request: Request, session_id: str) -> Response:
        session = load(request, session_id)
        return render(request, "session.html", **page_context(request, session))

    @app.get("/s/{session_id}/audio")
    def session_audio(request: Request, session_id: str) -> Response:
        path = audio_path(load(request, session_id))
        if path is None:
            raise NotFound("This session has no stored recording.")
        media = AUDIO_TYPES.get(path.suffix.lower(), "application/octet-stream")
        if crypto.is_encrypted_file(path):  # encrypted at rest: decrypted in memory, never to disk
            return Response(crypto.read_bytes(path), media_type=media)
        # FileResponse answers Range requests (206), so the player can seek.
        return FileResponse(path, media_type=media)

    @app.get("/s/{session_id}/exports/{index}")
    def exported(request: Request, session_id: str, index: int) -> Response:
        path = export_file(load(request, session_id), index)
        if path is None:
            raise NotFound("That export is not in the data folder any more.", "Export the session again.")
        if crypto.is_encrypted_file(path):
            return Response(crypto.read_bytes(path), media_type="application/octet-stream",
                            headers={"Content-Disposition": f'attachment; filename="{path.name}"'})
        return FileResponse(path, filename=path.name, media_type="application/octet-stream")

    return app



async def _scribe_error(request: Request, exc: ScribeError | BillingError) -> Response:
    status = status_for(exc) if isinstance(exc, ScribeError) else 400
    message = {"text": exc.message, "hint": exc.hint, "kind": "error", "reload": isinstance(exc, ConflictError)}
    if request.headers.get("hx-request"):
        return render(request, "_messages.html", status_code=status, message=message, oob=True)
    return render(request, "error.html", status_code=status, message=message)


async def _catch_unexpected(request: Request, call_next) -> Response:
    """A bug, not a user error: say so plainly; log only its type (its text may hold PHI)."""
    try:
        return await call_next(request)
    except Exception as exc:  # noqa: BLE001 - the last line of defence; logged, then answered
        log.error("review page: unexpected %s answering a %s request", type(exc).__name__, request.method)
        return _unexpected(request)


def _unexpected(request: Request) -> Response:
    message = {"text": "Something went wrong and this change was not saved.", "hint": "Reload the page and try again.",
               "kind": "error", "reload": True}
    if request.headers.get("hx-request"):
        return render(request, "_messages.html", status_code=500, message=message, oob=True)
    return render(request, "error.html", status_code=500, message=message)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if exc.status_code == 403:
        return deny(str(exc.detail))
    message = {"text": str(exc.detail), "hint": "", "kind": "error", "reload": False}
    return render(request, "error.html", status_code=exc.status_code, message=message)
