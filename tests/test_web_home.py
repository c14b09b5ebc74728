"""The home page, the week and client pages, and the ways in, without a browser or speech model.

The guard's checks (token, Origin, CSRF) must hold for every new change; uploads are capped and
validated like `scribe process`; the week list filters; the pain chart is plain server-side SVG.
"""

from __future__ import annotations

import io
import wave
import zipfile
from datetime import date, timedelta

import numpy as np
import pytest
from fastapi.testclient import TestClient

from scribe.store import SessionStore
from scribe.web import dictation, home, lists
from scribe.web.app import create_app
from scribe.web.security import CSRF_HEADER, Guard
from tests.test_web_support import NOTE, make_session, wav_tone

PORT = 8766
ORIGIN = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def store(scribe_home):
    return SessionStore.open()


@pytest.fixture
def guard():
    return Guard(port=PORT)


@pytest.fixture
def anon(store, guard, monkeypatch):
    monkeypatch.setattr(home, "warm", lambda app: None)  # no speech model in these tests
    return TestClient(create_app(guard, store), base_url=ORIGIN, follow_redirects=False)


@pytest.fixture
def client(anon, guard):
    assert anon.get(f"/?token={guard.token}").status_code == 303
    return anon


CHANGES = [
    ("/new/text", {"data": {"note": NOTE}}),
    ("/new/upload?name=a.wav", {"content": wav_tone(1.0)}),
    ("/dictate", {"data": {"payer": "commercial"}}),
    ("/dictate/xyz/piece?seq=0", {"content": b"\0\0"}),
    ("/dictate/xyz/stop", {}),
    ("/sessions/export", {"data": {"week": "2026-W01", "format": "json"}}),
]


@pytest.mark.parametrize("path,body", CHANGES)
def test_every_new_change_needs_token_csrf_and_same_origin(anon, client, guard, store, path, body):
    fresh = TestClient(anon.app, base_url=ORIGIN, follow_redirects=False)
    assert fresh.post(path, headers={CSRF_HEADER: guard.csrf}, **body).status_code == 403  # no token cookie
    assert client.post(path, **body).status_code == 403  # no CSRF token
    assert client.post(path, headers={CSRF_HEADER: "x" * 43}, **body).status_code == 403
    evil = {CSRF_HEADER: guard.csrf, "origin": "http://evil.example"}
    assert client.post(path, headers=evil, **body).status_code == 403
    assert store.list() == []
    assert client.get("/").headers["content-security-policy"].startswith("default-src 'none'")


def test_typed_note_becomes_a_session_and_opens_its_page(client, guard, store):
    r = client.post("/new/text", data={"note": NOTE, "client": "jane-d", "payer": "medicare",
                                       "csrf_token": guard.csrf})
    assert r.status_code == 303
    sid = r.headers["location"].removeprefix("/s/")
    saved = store.get(sid)
    assert saved.client == "jane-d" and saved.payer == "medicare" and saved.claim.lines
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and "97124" in page.text
    # the next session starts with the same client and payer
    again = client.get("/").text
    assert 'value="jane-d"' in again and '<option value="medicare" selected>' in again


@pytest.mark.parametrize("form,expected", [
    ({"note": "   "}, "empty"),
    ({"note": NOTE, "payer": "acme-gold"}, "acme-gold"),
    ({"note": NOTE, "client": "../etc"}, "not a client id"),
    ({"note": "x" * (home.TYPED_MAX_CHARS + 1)}, "limited"),
])
def test_bad_typed_note_is_refused_in_a_sentence(client, guard, store, form, expected):
    r = client.post("/new/text", data={**form, "csrf_token": guard.csrf})
    assert r.status_code == 400 and expected in r.text
    assert store.list() == []


def test_upload_is_validated_like_scribe_process(client, guard, store, scribe_home):
    headers = {CSRF_HEADER: guard.csrf}
    r = client.post("/new/upload?name=notes.pdf", content=b"%PDF-1.4", headers=headers)
    assert r.status_code == 400 and "not an audio file" in r.json()["error"]
    r = client.post("/new/upload?name=broken.m4a", content=b"not audio at all", headers=headers)
    assert r.status_code == 400 and "cannot be read as audio" in r.json()["error"]
    r = client.post("/new/upload?name=silent.wav", content=wav_silence(2.0), headers=headers)
    assert r.status_code == 400 and "silent" in r.json()["error"]
    assert store.list() == []
    assert not any((scribe_home / "incoming").iterdir())  # nothing staged is left behind


def test_upload_over_the_cap_is_refused_before_reading_it(client, guard, monkeypatch, store):
    monkeypatch.setattr(home, "UPLOAD_MAX_BYTES", 1000)
    r = client.post("/new/upload?name=long.wav", content=wav_tone(1.0), headers={CSRF_HEADER: guard.csrf})
    assert r.status_code == 400 and "too large" in r.json()["error"]


def test_upload_with_a_fake_model_makes_a_session(client, guard, store, monkeypatch):
    from models import Transcript

    calls = []

    class Fake:
        def transcribe(self, path, source=None, progress=None, pcm=None):
            calls.append(path)
            return Transcript.from_text(NOTE).model_copy(update={"source": "audio", "audio": source})

    monkeypatch.setattr("scribe.transcribe.get_transcriber", lambda model=None: Fake())
    r = client.post("/new/upload?name=Voice%20memo%2012.wav&client=sam-k", content=wav_tone(2.0),
                    headers={CSRF_HEADER: guard.csrf})
    assert r.status_code == 200, r.text
    saved = store.get(r.json()["id"])
    assert saved.client == "sam-k" and saved.input_kind == "audio"
    assert saved.transcript.audio.original_name == "Voice memo 12.wav"
    assert calls[0].parent.name == "audio"  # transcribed from the kept copy in the data folder


def wav_silence(seconds: float) -> bytes:
    return dictation.wav_bytes(b"\0\0" * int(16000 * seconds))


def test_week_lists_time_client_and_first_complaint_with_filters(client, store):
    a = make_session(store, client="alex-p")
    make_session(store, "Forty five minutes of deep tissue to the right shoulder for shoulder pain.", client="sam-k")
    text = client.get("/sessions").text
    assert a.created_at.astimezone().strftime("%H:%M") in text
    assert "low back pain" in text and "shoulder pain" in text
    only = client.get("/sessions?client=sam-k").text
    assert "sam-k" in only and "/c/alex-p" not in only
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert "No sessions match" in client.get(f"/sessions?start={tomorrow}").text
    assert "No sessions match" in client.get("/sessions?status=confirmed").text
    assert client.get("/sessions?start=2026-13-01").status_code == 400


def test_week_export_downloads_a_zip_of_the_week(client, guard, store):
    from scribe import actions

    s = make_session(store)
    store.save(actions.confirm(s, [("MISSING_DURATION", "timing not noted")]))
    week = lists.iso_week(date.today())
    r = client.post("/sessions/export", data={"week": week, "format": "json", "csrf_token": guard.csrf})
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert names == [f"{s.id}-json.json"]
    assert store.get(s.id).status.value == "exported"
    # nothing left to send in that format that week: a sentence on the page, not a broken download
    # (exports are tracked per format: the same week's 837P batch would still include it)
    r = client.post("/sessions/export", data={"week": week, "format": "json", "csrf_token": guard.csrf})
    assert r.status_code == 422 and "no confirmed session" in r.text


def test_client_page_draws_pain_before_and_after(client, store):
    make_session(store, client="jane-d")
    make_session(store, "Pain eight out of ten in the neck. Thirty minutes of Swedish massage to the neck. "
                        "Pain two out of ten after.", client="jane-d")
    page = client.get("/c/jane-d")
    assert page.status_code == 200
    svg = page.text[page.text.index("<svg"): page.text.index("</svg>")]
    assert svg.count('class="before"') >= 2 and svg.count('class="after"') >= 2
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing external
    assert "7 before, 3 after" in page.text and "8 before, 2 after" in page.text
    assert client.get("/c/nobody").status_code == 404
    assert client.get("/c/..%2Fetc").status_code in {400, 404}
    assert "jane-d" in client.get("/clients").text


def test_pain_chart_scales_scores_to_the_plot():
    rows = [lists.Row(session=None, when="", complaint="", warnings=0, blocking=0, pain=(10, 0))]
    rows[0].session = type("S", (), {"date_of_service": date(2026, 3, 2), "created_at": date(2026, 3, 2)})()
    chart = lists.pain_chart(rows)
    assert chart.before[0].y == chart.top and chart.after[0].y == chart.bottom
    assert lists.pain_chart([]) is None


def test_week_bounds():
    assert lists.week_bounds("2026-W10") == (date(2026, 3, 2), date(2026, 3, 8))
    with pytest.raises(Exception, match="not a week"):
        lists.week_bounds("March")


# dictation pieces ------------------------------------------------------------------------
def speech_like(seconds: float, gaps: list[float]) -> np.ndarray:
    """A loud tone with silent gaps (start times in seconds, 0.5 s long): where a cut may go."""
    t = np.arange(int(seconds * 16000)) / 16000
    pcm = (0.3 * np.sin(2 * np.pi * 200 * t)).astype(np.float32)
    for g in gaps:
        pcm[int(g * 16000): int((g + 0.5) * 16000)] = 0
    return pcm


def test_cut_falls_in_the_last_pause_not_inside_speech():
    pcm = speech_like(9.0, [1.0, 4.0, 7.0])
    cut = dictation.find_cut(pcm, peak_db=-10.0)
    assert 7.0 * 16000 <= cut <= 7.5 * 16000
    assert dictation.find_cut(speech_like(2.5, [1.0]), peak_db=-10.0) is None  # too little yet
    assert dictation.find_cut(speech_like(8.0, []), peak_db=-10.0) is None  # no pause: wait
    forced = dictation.find_cut(speech_like(21.0, []), peak_db=-10.0)
    assert forced is not None and forced >= 13.5 * 16000


def test_pieces_are_kept_in_the_data_folder_as_they_arrive(scribe_home, monkeypatch):
    monkeypatch.setattr(dictation.Dictation, "_work", lambda self: None)  # no model
    d = dictation.Dictation(payer="commercial", client=None)
    piece = (speech_like(1.0, []) * 32767).astype("<i2").tobytes()
    d.add(0, piece)
    d.add(1, piece)
    with wave.open(io.BytesIO(d.path.read_bytes())) as w:
        assert w.getframerate() == 16000 and w.getnframes() == 32000
    with pytest.raises(Exception, match="out of order"):
        d.add(5, piece)
    with pytest.raises(Exception, match="16-bit"):
        d.add(2, b"\0")


def test_chunk_segments_are_moved_onto_the_recording_clock():
    from faster_whisper.transcribe import Segment, Word

    seg = Segment(id=0, seek=0, start=0.5, end=2.0, text=" Thirty minutes.", tokens=[], avg_logprob=-0.1,
                  compression_ratio=1.0, no_speech_prob=0.0, temperature=0.0,
                  words=[Word(start=0.5, end=1.0, word=" Thirty", probability=0.9)])
    moved = dictation.shifted(seg, 10.0)
    assert (moved.start, moved.end, moved.words[0].start) == (10.5, 12.0, 10.5)


def test_bare_scribe_opens_the_app(cli, monkeypatch):
    import scribe.commands.review as review

    seen = []
    monkeypatch.setattr(review, "run", lambda args: seen.append(args.command) or 0)
    assert cli().code == 0 and seen == ["review"]
    assert "usage" in cli("--help").out  # help still answers as before


@pytest.mark.parametrize("note, shown", [
    ("Pain eight out of ten in the neck. Thirty minutes of Swedish massage to the neck.", "Pain (neck)"),
    ("Low back pain 6/10. Thirty minutes of deep tissue to the low back.", "Low back pain"),
])
def test_the_first_complaint_says_where_when_the_complaint_word_does_not(scribe_home, note, shown):
    from models import Transcript
    from scribe.analysis import build_session

    assert lists.first_complaint(build_session(Transcript.from_text(note), payer="commercial")) == shown
