"""Starting sessions from the page (dictate, upload, type), the week, and each client's page.

Every way in goes through the CLI's own functions (process_text, process_audio_file) and ends
on the new session's page. Changes pass the app's guard like every other: token cookie, Origin,
and the CSRF token (header for the page's script, form field for plain forms). Uploads are
streamed into the data folder under a size cap, then validated by scribe.audio as
`scribe process` validates a file.
"""

from __future__ import annotations

import io
import secrets
import threading
import zipfile
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, RedirectResponse, Response

from scribe.errors import BadInput, ScribeError
from scribe.web import lists
from scribe.web.pages import render
from scribe.web.security import require_csrf

pages = APIRouter()
changes = APIRouter(dependencies=[Depends(require_csrf)])

UPLOAD_MAX_BYTES = 512 * 1024**2  # a 30-minute 48 kHz stereo WAV is 346 MB; scribe.audio caps the minutes
TYPED_MAX_CHARS = 20_000  # a session note is a few hundred words
DEFAULT_PAYER = "commercial"


# what the page offers ------------------------------------------------------------------
def payer_names() -> list[str]:
    from scribe.analysis import profile_registry

    return list(profile_registry().names())


def defaults(sessions) -> dict:
    """Client and payer of the session made last: the therapist usually carries on where they were."""
    last = max(sessions, key=lambda s: s.created_at, default=None)
    return {"client": (last.client or "") if last else "", "payer": last.payer if last else DEFAULT_PAYER}


def start_choice(request: Request, client: str | None, payer: str | None) -> tuple[str | None, str]:
    """The client and payer chosen on the way in, checked before any work is done."""
    from scribe.analysis import get_profile
    from scribe.clients import check_client_id

    client = (client or "").strip() or None
    if client:
        check_client_id(client)
    payer = (payer or "").strip() or DEFAULT_PAYER
    get_profile(payer)  # an unknown payer stops here with the CLI's sentence
    return client, payer


_warm_lock = threading.Lock()


def warm(app) -> None:
    """Load the speech model and the billing tables in the background once per app, while the
    therapist reads the home page, so the first dictation's Stop is as quick as the rest."""
    with _warm_lock:
        if getattr(app.state, "warmed", False):
            return
        app.state.warmed = True

    def run() -> None:
        from models import Transcript
        from scribe.analysis import build_session
        from scribe.transcribe import get_transcriber

        try:
            build_session(Transcript.from_text("Thirty minutes of Swedish massage to the back."), payer=DEFAULT_PAYER)
            get_transcriber(None)
        except ScribeError:
            pass  # a missing model is reported when it is actually needed, in a sentence

    threading.Thread(target=run, name="scribe-home-warm-up", daemon=True).start()


def _json_error(exc: ScribeError, status: int = 400) -> JSONResponse:
    from scribe.web.pages import status_for

    return JSONResponse({"error": exc.message, "hint": exc.hint or ""}, status_code=status_for(exc))


# pages ---------------------------------------------------------------------------------------
@pages.get("/")
def home(request: Request) -> Response:
    sessions = request.app.state.store.list()
    warm(request.app)
    return render(request, "home.html", rows=lists.today_rows(sessions), payers=payer_names(),
                  clients=sorted(set(request.app.state.store.list_clients()) | {s.client for s in sessions if s.client}),
                  chosen=defaults(sessions))


@pages.get("/sessions")
def week(request: Request, status: str | None = None, start: str | None = None, end: str | None = None,
         client: str | None = None) -> Response:
    return _week_page(request, lists.filters(status, start, end, client))


def _week_page(request: Request, chosen: lists.Filters, status_code: int = 200, message: dict | None = None) -> Response:
    from datetime import date, timedelta

    from scribe.export import formats, get_exporter

    from models import SessionStatus

    sessions = request.app.state.store.list()
    shown = [lists.row(s) for s in lists.newest_first(sessions) if chosen.keep(s)]
    monday, _ = lists.week_bounds(None)
    return render(request, "sessions.html", status_code=status_code, message=message, rows=shown, f=chosen,
                  statuses=[s.value for s in SessionStatus], clients=sorted({s.client for s in sessions if s.client}),
                  this_week=(monday, monday + timedelta(days=6)), last_week=(monday - timedelta(days=7),
                                                                            monday - timedelta(days=1)),
                  week_value=lists.iso_week(chosen.start or date.today()),
                  formats=[(name, get_exporter(name).label) for name in formats()])


@pages.get("/clients")
def clients(request: Request) -> Response:
    sessions = request.app.state.store.list()
    known = request.app.state.store.list_clients()
    names = sorted(set(known) | {s.client for s in sessions if s.client})
    visits = {n: [s for s in sessions if s.client == n] for n in names}
    return render(request, "clients.html", names=names, visits=visits)


@pages.get("/c/{client_id}")
def client_page(request: Request, client_id: str) -> Response:
    from scribe.errors import NotFound
    from scribe.clients import check_client_id, get_client

    store = request.app.state.store
    check_client_id(client_id)
    rows = [lists.row(s) for s in lists.newest_first(store.list()) if s.client == client_id]
    details = get_client(store, client_id)
    if not rows and details is None:
        raise NotFound(f"There is no client '{client_id}'.")
    return render(request, "client.html", client_id=client_id, details=details, rows=rows,
                  chart=lists.pain_chart(rows))


# ways in -----------------------------------------------------------------------------------
@changes.post("/new/text")
async def new_text(request: Request) -> Response:
    """A typed or pasted note: the same function as `scribe process -`, then its page."""
    from scribe.ingest import process_text

    form = await request.form()
    text = str(form.get("note") or "")
    if not text.strip():
        raise BadInput("The typed note is empty.", "Type or paste the session note, then press Process.")
    if len(text) > TYPED_MAX_CHARS:
        raise BadInput(f"The typed note is {len(text):,} characters; a session note is limited to "
                       f"{TYPED_MAX_CHARS:,}.")
    client, payer = start_choice(request, form.get("client"), form.get("payer"))
    store = request.app.state.store
    session = await run_in_threadpool(process_text, text, payer=payer, day=None, client=client, store=store,
                                      keep=True)
    return RedirectResponse(f"/s/{session.id}", status_code=303)


@changes.post("/new/upload")
async def new_upload(request: Request, name: str = "", client: str = "", payer: str = "") -> Response:
    """One audio file as the request body (the page sends each file on its own, with progress)."""
    from scribe import paths
    from scribe.audio import check_extension, too_large
    from scribe.ingest import process_audio_file

    try:
        chosen_client, chosen_payer = start_choice(request, client, payer)
        check_extension(name)
        suffix = Path(name).suffix.lower()
        size = int(request.headers.get("content-length") or 0)
        if size > UPLOAD_MAX_BYTES:
            raise too_large(name, size)
        incoming = paths.data_dir() / "incoming"
        incoming.mkdir(mode=0o700, exist_ok=True)
        staged = incoming / f"upload-{secrets.token_hex(6)}{suffix}"  # never the sender's name as a path
        try:
            received = 0
            with open(staged, "wb") as out:
                async for piece in request.stream():
                    received += len(piece)
                    if received > UPLOAD_MAX_BYTES:
                        raise too_large(name, UPLOAD_MAX_BYTES, at_least=True)
                    out.write(piece)
            session = await run_in_threadpool(
                process_audio_file, staged, payer=chosen_payer, client=chosen_client,
                store=request.app.state.store, original_name=Path(name).name)
        finally:
            staged.unlink(missing_ok=True)  # the kept copy is in the audio folder
    except ScribeError as exc:
        return _json_error(exc)
    return JSONResponse({"id": session.id, "url": f"/s/{session.id}", "lines": len(session.claim.lines)})


@changes.post("/dictate")
async def dictate_start(request: Request) -> Response:
    form = await request.form()
    try:
        client, payer = start_choice(request, form.get("client"), form.get("payer"))
        dictation = request.app.state.dictations.start(payer=payer, client=client)
    except ScribeError as exc:
        return _json_error(exc)
    return JSONResponse({"id": dictation.id})


@changes.post("/dictate/{dictation_id}/piece")
async def dictate_piece(request: Request, dictation_id: str, seq: int) -> Response:
    try:
        dictation = request.app.state.dictations.get(dictation_id)
        data = b""
        async for chunk in request.stream():
            data += chunk
            if len(data) > 2 * 16000 * 10 + 1:
                raise BadInput("A piece of the recording was larger than 10 seconds of audio.")
        await run_in_threadpool(dictation.add, seq, data)
    except ScribeError as exc:
        return _json_error(exc)
    return JSONResponse({"text": dictation.text, "seconds": round(dictation.seconds, 1)})


@changes.post("/dictate/{dictation_id}/stop")
async def dictate_stop(request: Request, dictation_id: str) -> Response:
    try:
        session = await run_in_threadpool(request.app.state.dictations.finish, dictation_id,
                                          request.app.state.store)
    except ScribeError as exc:
        return _json_error(exc)
    return JSONResponse({"id": session.id, "url": f"/s/{session.id}"})


@changes.post("/sessions/export")
async def export_week(request: Request) -> Response:
    """A week's confirmed sessions in one format through export_range (the CLI's weekly billing),
    handed back as one zip file."""
    from scribe import crypto
    from scribe.export import export_range

    form = await request.form()
    try:
        monday, sunday = lists.week_bounds(str(form.get("week") or "") or None)
        fmt = str(form.get("format") or "")
        results = await run_in_threadpool(export_range, monday, sunday, fmt, store=request.app.state.store,
                                          include_exported=bool(form.get("include_exported")),
                                          by=request.app.state.by)
    except ScribeError as exc:
        chosen = lists.Filters(start=None, end=None)
        message = {"text": exc.message, "hint": exc.hint or "", "kind": "error", "reload": False}
        from scribe.web.pages import status_for

        return _week_page(request, chosen, status_code=status_for(exc), message=message)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for result in results:
            archive.writestr(Path(result.path).name, crypto.read_bytes(Path(result.path)))
    name = f"scribe-{lists.iso_week(monday)}-{fmt}.zip"
    return Response(buf.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f"attachment; filename=\"{quote(name)}\""})
