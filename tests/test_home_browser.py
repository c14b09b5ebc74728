"""The home page in a real headless chromium: dictate with the fake microphone, upload, type.

Each way in must end on the new session's page showing its claim lines. Dictation uses
chromium's fake capture device playing a sample dictation, and the real speech model.
"""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from scribe.store import SessionStore
from tests.test_review_browser import ARGS, CHROMIUM
from tests.test_web_support import NOTE, RunningServer, make_session

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (apt-get install chromium)"),
]
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "audio" / "demo_neck_back.flac"
PHONE = (390, 844)
LAPTOP = (1366, 900)


@pytest.fixture
def store(scribe_home):
    return SessionStore.open()


@pytest.fixture
def server(store):
    with RunningServer(store) as running:
        yield running


def needs_model():
    from scribe.errors import ScribeError
    from scribe.speech_models import resolve_model

    try:
        resolve_model(None)
    except ScribeError as exc:
        pytest.skip(f"speech model unavailable: {exc}")


def sample_wav(folder: Path, pad_seconds: float = 3.0) -> Path:
    """The sample dictation as 16 kHz WAV with silence after it (the fake device loops the file)."""
    import numpy as np

    from scribe.audio import load_pcm, to_wav_bytes

    pcm = np.concatenate([load_pcm(SAMPLE), np.zeros(int(16000 * pad_seconds), np.float32)])
    out = folder / "fake-mic.wav"
    out.write_bytes(to_wav_bytes(pcm))
    return out


def fake_microphone(wav: Path) -> tuple[list[str], float]:
    """Chromium's flags to hear ``wav`` as its microphone, and how long it plays."""
    with wave.open(str(wav)) as w:
        seconds = w.getnframes() / w.getframerate()
    return ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={wav}"], seconds


def launch(p, extra=()):
    return p.chromium.launch(executable_path=str(CHROMIUM), args=[*ARGS, *extra])


def open_home(browser, server, viewport=LAPTOP):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server.guard.url("/"))
    assert page.url == f"{server.base}/"
    return page, errors


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def claim_lines_shown(page, store):
    page.wait_for_selector(".line[data-cpt]", timeout=120_000)
    sid = page.url.rsplit("/", 1)[-1]
    session = store.get(sid)
    assert page.locator(".line[data-cpt]").count() >= len(session.claim.lines) >= 1
    return session


@pytest.mark.skipif(not SAMPLE.exists(), reason="the sample recording is not in this checkout")
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE])
def test_dictate_with_the_fake_microphone(server, store, tmp_path, viewport):
    needs_model()
    sync_api = pytest.importorskip("playwright.sync_api")
    fake, seconds = fake_microphone(sample_wav(tmp_path))
    with sync_api.sync_playwright() as p:
        browser = launch(p, fake)
        page, errors = open_home(browser, server, viewport)
        page.fill("#start-client", "jane-d")
        dictate = page.get_by_role("button", name="Dictate")
        dictate.click()
        stop = page.get_by_role("button", name="Stop")
        stop.wait_for(timeout=30_000)
        # the transcript shows while the therapist is still speaking
        page.wait_for_function("() => document.getElementById('live-transcript').innerText.length > 20",
                               timeout=int(seconds * 1000))
        assert stop.is_visible()
        page.wait_for_timeout(int(max(0.0, seconds - 1.5) * 1000))  # until just after the last word
        stop.click()
        session = claim_lines_shown(page, store)
        browser.close()
    assert session.client == "jane-d" and session.input_kind == "audio"
    assert "97124" in {ln.cpt for ln in session.claim.lines}  # "Swedish massage" heard and billed
    kept = Path(store.get(session.id).input_path)
    assert kept.name.startswith("dictation-") and kept.suffix == ".wav"
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_upload_a_file_and_type_a_note(server, store, tmp_path):
    needs_model()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        page, errors = open_home(browser, server)
        page.get_by_label("Audio file").set_input_files(str(SAMPLE))
        page.get_by_role("button", name="Upload").click()
        session = claim_lines_shown(page, store)
        assert session.transcript.audio.original_name == SAMPLE.name

        page.goto(f"{server.base}/")
        page.get_by_label("Typed note").fill(NOTE)
        page.get_by_role("button", name="Process").click()
        typed = claim_lines_shown(page, store)
        assert typed.input_kind == "text" and typed.id != session.id
        # both are today's sessions on the home page
        page.goto(f"{server.base}/")
        assert page.locator("table.sessions tbody tr").count() == 2
        browser.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_type_a_note_keyboard_only_on_a_phone(server, store, tmp_path):
    shots = tmp_path
    sync_api = pytest.importorskip("playwright.sync_api")
    make_session(store, client="alex-p", payer="medicare")
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        page, _ = open_home(browser, server, PHONE)
        no_sideways_scroll(page)
        # last used client and payer are the defaults
        assert page.input_value("#start-client") == "alex-p"
        assert page.input_value("#start-payer") == "medicare"
        page.locator("#typed-note").focus()
        page.keyboard.type("Thirty minutes of Swedish massage to the back, pain six out of ten to three out of ten.")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Process"
        page.keyboard.press("Enter")
        session = claim_lines_shown(page, store)
        assert session.client == "alex-p" and session.payer == "medicare"
        assert [ln.cpt for ln in session.claim.lines] == ["97124"]
        page.goto(f"{server.base}/")
        no_sideways_scroll(page)
        page.screenshot(path=str(shots / "home-phone.png"), full_page=True)
        browser.close()


def test_week_and_client_chart_fit_a_phone_and_a_laptop(server, store, tmp_path):
    shots = tmp_path
    sync_api = pytest.importorskip("playwright.sync_api")
    make_session(store, client="jane-d")
    make_session(store, "Pain eight out of ten in the neck. Thirty minutes of Swedish massage to the neck. "
                        "Pain two out of ten after.", client="jane-d")
    make_session(store, "Forty five minutes of deep tissue to the right shoulder for shoulder pain.", client="sam-k")
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        for viewport in (LAPTOP, PHONE):
            page, errors = open_home(browser, server, viewport)
            page.goto(f"{server.base}/sessions")
            no_sideways_scroll(page)
            assert "low back pain" in page.inner_text("table.sessions")
            page.select_option("#f-client", "sam-k")
            page.get_by_role("button", name="Show").click()
            page.wait_for_url("**client=sam-k**")
            assert page.locator("table.sessions tbody tr").count() == 1
            page.goto(f"{server.base}/c/jane-d")
            no_sideways_scroll(page)
            assert page.locator("#pain-chart circle.before").count() == 2
            assert page.locator("#pain-chart circle.after").count() == 2
            assert not [e for e in errors if "Content Security Policy" in e], errors
        page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
        page.locator("main").screenshot(path=str(shots / "client-chart.png"))
        browser.close()


def test_week_download_from_the_page(server, store):
    import io
    import zipfile

    from scribe import actions

    sync_api = pytest.importorskip("playwright.sync_api")
    s = make_session(store)
    store.save(actions.confirm(s, [("MISSING_DURATION", "timing not noted")]))
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        page, _ = open_home(browser, server, PHONE)
        page.goto(f"{server.base}/sessions")
        page.select_option("#export-format", "json")
        with page.expect_download() as download:
            page.get_by_role("button", name="Download").click()
        names = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())).namelist()
        assert names == [f"{s.id}-json.json"]
        # an 837P needs practice details: the page says which, and nothing is downloaded
        page.goto(f"{server.base}/sessions")
        page.check("input[name=include_exported]")
        page.select_option("#export-format", "837p")
        page.get_by_role("button", name="Download").click()
        message = page.locator("#week-export [data-form-message]")
        message.wait_for()
        assert "practice" in message.inner_text().lower()
        browser.close()
