"""The review server lets in only this launch's page: token, host, origin, CSRF, CSP, path tricks."""

from __future__ import annotations

import hashlib
import json
import re
from importlib import resources

import pytest
from fastapi.testclient import TestClient

from models import AudioSource
from scribe.store import SessionStore
from scribe.web.app import create_app
from scribe.web.security import Guard
from tests.test_web_support import make_session

PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def store(scribe_home):
    return SessionStore.open()


@pytest.fixture
def guard():
    return Guard(port=PORT)


@pytest.fixture
def anon(store, guard):
    """A client that has not been given the token."""
    return TestClient(create_app(guard, store), base_url=ORIGIN, follow_redirects=False)


@pytest.fixture
def client(anon, guard):
    """A client that opened the printed URL (token -> cookie)."""
    r = anon.get(f"/?token={guard.token}")
    assert r.status_code == 303
    return anon


@pytest.fixture
def session(store):
    return make_session(store)


def edit_form(guard, session, target, value, **extra):
    return {"target": target, "value": value, "revision": str(session.revision), **extra}


def test_every_path_needs_the_token(anon, session):
    for path in ["/", f"/s/{session.id}", f"/s/{session.id}/audio", "/static/htmx.min.js", "/nope"]:
        r = anon.get(path)
        assert r.status_code == 403, path
        assert "scribe review" in r.text


def test_wrong_token_is_refused(anon, guard):
    r = anon.get("/?token=" + "x" * len(guard.token))
    assert r.status_code == 403
    assert "set-cookie" not in r.headers


def test_token_becomes_a_strict_httponly_cookie_and_leaves_the_url(anon, guard, session):
    r = anon.get(f"/s/{session.id}?token={guard.token}")
    assert r.status_code == 303
    assert r.headers["location"] == f"/s/{session.id}"
    cookie = r.headers["set-cookie"].lower()
    assert guard.cookie_name in cookie and "httponly" in cookie and "samesite=strict" in cookie
    assert guard.token not in r.headers["location"]
    page = anon.get(f"/s/{session.id}")
    assert page.status_code == 200
    assert session.client in page.text


def test_strict_csp_and_no_external_assets(client, session):
    r = client.get(f"/s/{session.id}")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["cache-control"] == "no-store"
    # nothing is fetched from elsewhere, and no inline script or style attribute needs unsafe-inline
    assert not re.search(r'(src|href)="(https?:)?//', r.text)
    assert "<script>" not in r.text and not re.search(r"<script(?![^>]*\bsrc=)", r.text)
    assert " style=" not in r.text
    assert client.get("/").headers["content-security-policy"] == csp


def test_host_header_of_another_name_is_refused(client):
    """A DNS-rebinding page reaches 127.0.0.1 under another host name: refused."""
    assert client.get("/", headers={"host": "evil.example:8765"}).status_code == 403


def test_change_without_csrf_token_is_refused_and_changes_nothing(client, guard, session, store):
    tid = session.extraction.treatments[0].id
    forged = edit_form(guard, session, f"treatment.{tid}.minutes", "50")
    r = client.post(f"/s/{session.id}/edit", data=forged)
    assert r.status_code == 403
    r = client.post(f"/s/{session.id}/edit", data={**forged, "csrf_token": "wrong"})
    assert r.status_code == 403
    r = client.post(f"/s/{session.id}/confirm", data={"revision": "0"}, headers={"x-csrf-token": "nope"})
    assert r.status_code == 403
    assert store.get(session.id).revision == session.revision


def test_change_from_another_origin_or_site_is_refused(client, guard, session, store):
    tid = session.extraction.treatments[0].id
    form = edit_form(guard, session, f"treatment.{tid}.minutes", "50", csrf_token=guard.csrf)
    assert client.post(f"/s/{session.id}/edit", data=form, headers={"origin": "http://evil.example"}).status_code == 403
    assert client.post(f"/s/{session.id}/edit", data=form, headers={"origin": "http://127.0.0.1:9999"}).status_code == 403
    assert client.post(f"/s/{session.id}/edit", data=form, headers={"sec-fetch-site": "same-site"}).status_code == 403
    assert store.get(session.id).revision == session.revision
    ok = client.post(f"/s/{session.id}/edit", data=form, headers={"origin": ORIGIN, "sec-fetch-site": "same-origin"})
    assert ok.status_code == 200
    assert store.get(session.id).revision == session.revision + 1


def test_csrf_in_header_edits_and_rebills(client, guard, session, store):
    t = next(t for t in session.extraction.treatments if t.cpt == "97124")
    r = client.post(f"/s/{session.id}/edit", data=edit_form(guard, session, f"treatment.{t.id}.minutes", "45"),
                    headers={"x-csrf-token": guard.csrf, "hx-request": "true"})
    assert r.status_code == 200
    assert 'hx-swap-oob="true"' in r.text
    saved = store.get(session.id)
    line = next(ln for ln in saved.claim.lines if ln.cpt == "97124")
    assert (line.minutes, line.units) == (45, 3)
    assert saved.audit[-1].field == f"treatment.{t.id}.minutes" and (saved.audit[-1].old, saved.audit[-1].new) == (30, 45)


def test_stale_revision_is_refused_with_the_plain_message(client, guard, session, store):
    """Two tabs: the second save from the older revision is refused, the first edit kept."""
    headers = {"x-csrf-token": guard.csrf, "hx-request": "true"}
    first = client.post(f"/s/{session.id}/edit", headers=headers,
                        data=edit_form(guard, session, "soap.plan", "Tab one plan"))
    assert first.status_code == 200
    second = client.post(f"/s/{session.id}/edit", headers=headers,
                         data=edit_form(guard, session, "soap.plan", "Tab two plan"))
    assert second.status_code == 409
    assert "changed elsewhere" in second.text and "Reload" in second.text
    assert store.get(session.id).soap.plan == "Tab one plan"


def test_bad_input_shows_the_sentence_and_changes_nothing(client, guard, session, store):
    tid = session.extraction.treatments[0].id
    r = client.post(f"/s/{session.id}/edit", headers={"x-csrf-token": guard.csrf, "hx-request": "true"},
                    data=edit_form(guard, session, f"treatment.{tid}.minutes", "lots"))
    assert r.status_code == 400
    assert "is not a number of minutes" in r.text
    r = client.post(f"/s/{session.id}/edit", headers={"x-csrf-token": guard.csrf, "hx-request": "true"},
                    data=edit_form(guard, session, "transcript.text", "rewritten"))
    assert r.status_code == 400
    assert store.get(session.id).revision == session.revision


@pytest.mark.parametrize("path", [
    "/s/..%2F..%2Fetc%2Fpasswd",
    "/s/%2e%2e/audio",
    "/s/abc%00def",
    "/s/a%20b/audio",
    "/s/" + "a" * 65,
    "/s/nosuchsession",
])
def test_path_tricks_in_session_ids_are_404(client, path):
    r = client.get(path)
    assert r.status_code == 404


def test_audio_outside_the_data_folder_is_never_served(client, store, session, tmp_path):
    secret = tmp_path / "secret.wav"
    secret.write_bytes(b"RIFF not yours")
    audio = AudioSource(path="../secret.wav", sha256="0" * 64, format="wav", duration_s=1,
                        sample_rate=16000, channels=1)
    transcript = session.transcript.model_copy(update={"audio": audio})
    store.save(session.model_copy(update={"transcript": transcript, "input_kind": "audio",
                                          "input_path": "../secret.wav"}))
    assert client.get(f"/s/{session.id}/audio").status_code == 404


def test_audio_is_served_with_range_requests(client, store):
    s = make_session(store, audio=True)
    full = client.get(f"/s/{s.id}/audio")
    assert full.status_code == 200 and full.headers["content-type"] == "audio/wav"
    assert full.headers["accept-ranges"] == "bytes"
    part = client.get(f"/s/{s.id}/audio", headers={"range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 100-199/{len(full.content)}"
    assert part.content == full.content[100:200]


def test_vendored_htmx_is_the_pinned_file(client):
    note = resources.files("scribe.web").joinpath("static/HTMX-VERSION.txt").read_text()
    pinned = re.search(r"sha256: ([0-9a-f]{64})", note).group(1)
    body = client.get("/static/htmx.min.js")
    assert body.status_code == 200
    assert hashlib.sha256(body.content).hexdigest() == pinned
    assert "2.0.4" in note


def test_export_needs_csrf_and_a_current_revision(client, guard, store, session):
    from scribe import actions

    confirmed = store.save(actions.confirm(session, [("MISSING_DURATION", "timing not noted")]))
    form = {"format": "json", "revision": str(confirmed.revision)}
    assert client.post(f"/s/{session.id}/export", data=form).status_code == 403
    stale = client.post(f"/s/{session.id}/export", data={**form, "revision": "0"},
                        headers={"x-csrf-token": guard.csrf, "hx-request": "true"})
    assert stale.status_code == 409 and store.get(session.id).exports == []
    ok = client.post(f"/s/{session.id}/export", data=form, headers={"x-csrf-token": guard.csrf, "hx-request": "true"})
    assert ok.status_code == 200
    url = json.loads(ok.headers["hx-trigger"])["scribe:download"]["url"]
    assert url == f"/s/{session.id}/exports/0"
    file = client.get(url)
    assert file.status_code == 200 and json.loads(file.content)["id"] == session.id
    assert "attachment" in file.headers["content-disposition"]
    assert client.get(f"/s/{session.id}/exports/5").status_code == 404


def test_a_tampered_export_file_is_not_served(client, guard, store, session):
    from pathlib import Path

    from scribe import actions
    from scribe.export import export_sessions

    store.save(actions.confirm(session, [("MISSING_DURATION", "timing not noted")]))
    result = export_sessions([session.id], "json", store=store)[0]
    Path(result.path).write_text("{}")
    r = client.get(f"/s/{session.id}/exports/0")
    assert r.status_code == 422 and "changed after it was made" in r.text


def _post_edit(client, guard, store, session_id, target, value, **extra):
    current = store.get(session_id)
    return client.post(f"/s/{session_id}/edit", headers={"x-csrf-token": guard.csrf, "hx-request": "true"},
                       data={"target": target, "value": value, "revision": str(current.revision), **extra})


def test_unknown_code_or_payer_is_a_plain_sentence_not_a_traceback(client, guard, store, session):
    tid = session.extraction.treatments[0].id
    r = _post_edit(client, guard, store, session.id, f"treatment.{tid}.cpt", "99999")
    assert r.status_code == 400 and "is not a code this tool bills" in r.text and "Traceback" not in r.text
    r = _post_edit(client, guard, store, session.id, "payer", "nosuch")
    assert r.status_code == 400 and "no payer profile called" in r.text
    assert store.get(session.id).revision == session.revision


def test_hand_entered_diagnoses_are_validated_by_billing(client, guard, store, session):
    r = _post_edit(client, guard, store, session.id, "diagnoses", "M54.5, M25.513")
    assert r.status_code == 200
    saved = store.get(session.id)
    assert saved.extraction.diagnoses_entered == ["M54.5", "M25.513"]
    invalid = [f for f in saved.rule_findings if f.id.value == "INVALID_DIAGNOSIS"]
    assert len(invalid) == 2 and 'data-rule="INVALID_DIAGNOSIS"' in r.text
    r = _post_edit(client, guard, store, session.id, "diagnoses", "", reset="1")
    assert store.get(session.id).extraction.diagnoses_entered is None
    assert [d.code for d in store.get(session.id).claim.diagnoses] == [d.code for d in session.claim.diagnoses]


def test_an_unexpected_error_shows_a_sentence_and_keeps_the_last_save(anon, guard, store, session, monkeypatch,
                                                                     caplog, capfd):
    from scribe import actions

    def broken(*args, **kwargs):
        raise RuntimeError("bug with PHI: Jane's back")

    monkeypatch.setattr(actions, "edit", broken)
    anon.get(f"/?token={guard.token}")
    r = _post_edit(anon, guard, store, session.id, "soap.plan", "x")
    assert r.status_code == 500
    assert "this change was not saved" in r.text and "Jane" not in r.text and "Traceback" not in r.text
    assert r.headers["content-security-policy"]
    assert store.get(session.id).revision == session.revision
    assert "RuntimeError" in caplog.text and "Jane" not in caplog.text  # the type is logged, never the text
    out, err = capfd.readouterr()
    assert "Jane" not in out + err
