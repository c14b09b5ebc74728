"""Settings and client details as forms: checked as you type, saved when you leave a field.

Every check is scribe.settings' (check_setting) or scribe.clients' (check_client): the page asks the server on each
keystroke pause, so the NPI check digit, ZIP+4 or EIN rule has one home and the browser holds no
copy of it. A first run asks only what the first export (the SOAP PDF) needs; a session page links
here with ``need=KEY`` for exactly what its exports still lack, and ``back=/s/ID`` to return.
"""

from __future__ import annotations

import enum
import re
import typing
from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from starlette.responses import Response

from scribe import paths
from scribe.errors import BadInput, ScribeError
from scribe.clients import ClientDetails, check_client, check_client_id, get_client, update_client
from scribe.settings import (
    SECTION_TITLES, SECTIONS, PracticeSettings, check_setting, get_setting, load_settings, set_setting, setting_keys,
)
from scribe.store import check_session_id
from scribe.web.pages import render
from scribe.web.views import dom_id

pages = APIRouter()
changes = APIRouter()

FIRST_EXPORT = "soap-pdf"  # what a first run asks for: the export every session can use
_FEE_KEY = re.compile(r"^fees\.[A-Za-z0-9_.-]+\.\d{5}$")


@dataclass
class Field:
    key: str
    label: str
    value: str
    choices: list[str] | None = None
    kind: str = "text"


def _choices(annotation) -> list[str] | None:
    """Allowed values of a Literal or enum field (Optional unwrapped), else None."""
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is typing.Literal:
            return [str(a) for a in typing.get_args(arg)]
        if isinstance(arg, type) and issubclass(arg, enum.Enum):
            return [m.value for m in arg]
    return None


def _shown(value) -> str:
    if value is None:
        return ""
    return value.value if isinstance(value, enum.Enum) else str(value)


def _setting_field(settings: PracticeSettings, key: str, label: str) -> Field:
    section, _, name = key.partition(".")
    info = PracticeSettings.model_fields[section].default_factory.model_fields.get(name) if section in SECTIONS else None
    return Field(key, label or key, _shown(get_setting(settings, key)), _choices(info.annotation) if info else None)


def _back(back: str | None) -> str | None:
    """Only a session page of this app is a place to go back to (no open redirect)."""
    if back and back.startswith("/s/"):
        try:
            return f"/s/{check_session_id(back.removeprefix('/s/'))}"
        except ScribeError:
            return None
    return None


def _needs(request: Request) -> list[str]:
    known = {k for k, _ in setting_keys()}
    return [k for k in request.query_params.getlist("need") if k in known or _FEE_KEY.match(k)]


def _readiness(request: Request, back: str | None) -> list[dict]:
    """The exports of the session we came from, with what each still needs."""
    if not back:
        return []
    from scribe.web.pages import export_options

    return export_options(request, request.app.state.store.get(back.removeprefix("/s/")))


@pages.get("/settings")
def settings_page(request: Request, back: str | None = None) -> Response:
    from billing.codeset import code_set_notice
    from scribe.export import get_exporter

    settings = load_settings()
    back = _back(back)
    described = dict(setting_keys())
    first_run = not paths.settings_path().exists()
    needs = _needs(request)
    if first_run and not needs:
        needs = [k for k in get_exporter(FIRST_EXPORT).practice_needs if get_setting(settings, k) in (None, "")]
    wanted = [_setting_field(settings, k, described.get(k) or _fee_label(k)) for k in needs]
    sections = []
    for section in SECTIONS:
        keys = [k for k in described if k.startswith(section + ".") and k not in needs]
        sections.append((SECTION_TITLES[section], [_setting_field(settings, k, described[k]) for k in keys]))
    try:
        notice = code_set_notice(date.today())
    except RuntimeError:
        notice = None
    return render(request, "settings.html", wanted=wanted, sections=sections, first_run=first_run, back=back,
                  ready=_readiness(request, back), notice=notice)


def _fee_label(key: str) -> str:
    _, payer, cpt = key.split(".")
    return f"charge per unit for {cpt} under payer {payer} (dollars)"


def _field_answer(request: Request, field_id: str, text: str, ok: bool, back: str | None = None,
                  status: int = 200) -> Response:
    return render(request, "_field_msg.html", status_code=status, field_id=field_id, text=text, ok=ok,
                  ready=_readiness(request, _back(back)), back=_back(back))


def _checked_text(value: str, same_as_saved: bool) -> str:
    """What a passing check says; a check answered after the save (typing then Tab) still says Saved."""
    if same_as_saved:
        return "Saved." if value.strip() else ""
    return "Looks right." if value.strip() else ""


async def _key_value(request: Request) -> tuple[str, str, str | None]:
    form = await request.form()
    return str(form.get("key") or ""), str(form.get("value") or ""), form.get("back")


@changes.post("/settings/check")
async def settings_check(request: Request) -> Response:
    key, value, _ = await _key_value(request)
    try:
        checked = check_setting(key, value)
    except BadInput as exc:
        return _field_answer(request, dom_id("set", key), exc.message, False, status=422)
    same = get_setting(checked, key) == get_setting(load_settings(), key)
    return _field_answer(request, dom_id("set", key), _checked_text(value, same), True)


@changes.post("/settings/save")
async def settings_save(request: Request) -> Response:
    key, value, back = await _key_value(request)
    try:
        set_setting(key, value)
    except BadInput as exc:
        return _field_answer(request, dom_id("set", key), f"{exc.message} Not saved.", False, back, status=422)
    return _field_answer(request, dom_id("set", key), "Saved." if value.strip() else "Cleared.", True, back)


# clients --------------------------------------------------------------------------
def _client_fields(details: ClientDetails) -> list[Field]:
    out = []
    for name, info in ClientDetails.model_fields.items():
        kind = "date" if "date_of_birth" in name else "text"
        out.append(Field(name, info.description or name, _shown(getattr(details, name)), _choices(info.annotation), kind))
    return out


@pages.get("/clients/{client_id}")
def client_page(request: Request, client_id: str, back: str | None = None) -> Response:
    check_client_id(client_id)
    details = get_client(request.app.state.store, client_id) or ClientDetails()
    back = _back(back)
    return render(request, "client_form.html", client_id=client_id, fields=_client_fields(details), back=back,
                  ready=_readiness(request, back))


@changes.post("/clients/{client_id}/check")
async def client_check(request: Request, client_id: str) -> Response:
    key, value, _ = await _key_value(request)
    store = request.app.state.store
    try:
        checked = check_client(store, check_client_id(client_id), {key: value})
    except BadInput as exc:
        return _field_answer(request, dom_id("client", key), exc.message, False, status=422)
    stored = get_client(store, client_id) or ClientDetails()
    same = getattr(checked, key, None) == getattr(stored, key, None)
    return _field_answer(request, dom_id("client", key), _checked_text(value, same), True)


@changes.post("/clients/{client_id}/save")
async def client_save(request: Request, client_id: str) -> Response:
    key, value, back = await _key_value(request)
    try:
        update_client(request.app.state.store, check_client_id(client_id), {key: value})
    except BadInput as exc:
        return _field_answer(request, dom_id("client", key), f"{exc.message} Not saved.", False, back, status=422)
    return _field_answer(request, dom_id("client", key), "Saved." if value.strip() else "Cleared.", True, back)
