"""The review page in a real headless browser (Debian's chromium through Playwright).

Open a processed session, play from a claim line, change minutes and see units change, fix a
finding, undo, confirm (refused first, then with an override reason), see the audit trail,
and check two tabs never lose an edit silently.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from scribe.store import SessionStore
from scribe.web.views import line_brief
from tests.test_web_support import RunningServer, make_session

CHROMIUM = Path(os.environ.get("SCRIBE_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture
def store(scribe_home):
    return SessionStore.open()


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def server(store):
    with RunningServer(store) as running:
        yield running


def open_session(browser, server, session_id, viewport=(1366, 900)):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server.guard.url(f"/s/{session_id}"))
    assert page.url == f"{server.base}/s/{session_id}"  # token moved to a cookie, gone from the URL
    page.wait_for_function("() => window.htmx !== undefined")
    return page, errors


def treatment(session, cpt, *, minutes):
    return next(t for t in session.extraction.treatments if t.cpt == cpt and t.minutes == minutes)


def test_review_flow_in_a_real_browser(browser, server, store):
    session = make_session(store, audio=True)
    massage = treatment(session, "97124", minutes=30)
    pending = session.claim.pending[0]
    page, errors = open_session(browser, server, session.id)

    # the transcript shows facts by kind; context-only mentions are greyed
    assert page.locator("#transcript .fact.f-technique").count() >= 2
    assert page.locator("#transcript .fact.f-duration").count() >= 2

    # play from a claim line: the player seeks to when the evidence was said
    line = page.locator(".line[data-cpt='97124']").first
    expected = min(e.audio_start for e in session.claim.lines[0].evidence if e.audio_start is not None)
    assert float(line.get_attribute("data-audio-start")) == pytest.approx(expected)
    page.wait_for_function("() => document.getElementById('player').readyState >= 1")
    line.locator("button.play").click()
    page.wait_for_function(f"() => Math.abs(document.getElementById('player').currentTime - {expected}) < 1.5")
    assert page.evaluate("document.getElementById('player').currentTime") >= expected - 0.05
    page.evaluate("document.getElementById('player').pause()")

    # change minutes: units change at once (re-billed by the billing package)
    units = page.locator(".line[data-cpt='97124'] .units")
    assert units.inner_text() == "2"
    page.fill(f"#min-{massage.id}", "45")
    page.press(f"#min-{massage.id}", "Tab")
    page.wait_for_function("() => document.querySelector(\".line[data-cpt='97124'] .units\").innerText === '3'")

    # Confirm is off while a blocking finding remains, and says why in words
    assert page.locator("#confirm-btn").is_disabled()
    assert "Confirm is off until this is done: Minutes missing" in page.inner_text("#confirm-why")
    assert store.get(session.id).status.value == "draft"

    # fix the finding: enter the missing minutes, MISSING_DURATION disappears
    assert page.locator(".finding[data-rule='MISSING_DURATION']").count() == 1
    page.fill(f"#min-{pending.treatment_id}", "20")
    page.press(f"#min-{pending.treatment_id}", "Tab")
    page.wait_for_function("() => document.querySelectorAll(\".finding[data-rule='MISSING_DURATION']\").length === 0")
    assert page.locator(f"#pending-{pending.treatment_id}").count() == 0

    # a SOAP field is saved on leaving it, and Undo brings the old text back
    old_plan = page.input_value("#soap-plan")
    page.fill("#soap-plan", "Return in one week.")
    page.press("#soap-plan", "Tab")
    page.wait_for_function("() => document.querySelector('#audit-panel').innerText.includes('soap.plan')")
    assert store.get(session.id).soap.plan == "Return in one week."
    page.click("#undo")
    page.wait_for_function(f"() => document.getElementById('soap-plan').value === {old_plan!r}")
    assert store.get(session.id).soap.plan == old_plan

    # nothing blocks any more: confirm
    assert store.get(session.id).unresolved_blocking() == []
    page.click("#confirm-btn")
    page.wait_for_function("() => document.getElementById('status').innerText.toLowerCase() === 'confirmed'")
    final = store.get(session.id)
    assert final.status.value == "confirmed"

    # the audit trail: who, what, old, new; the confirmation and any override with its reason
    audit = page.inner_text("#audit-panel")
    assert re.search(rf"treatment\.{massage.id}\.minutes\s+30\s+45", audit)
    assert re.search(rf"treatment\.{pending.treatment_id}\.minutes\s+-\s+20", audit)
    assert re.search(r"confirm\s+confirmed", audit) and "therapist" in audit
    # the tool's proposal stays beside the confirmed claim
    proposal = page.inner_text("#proposal-panel")
    proposed = next(ln for ln in session.proposal.claim.lines if ln.cpt == "97124")
    now = next(ln for ln in final.claim.lines if ln.cpt == "97124")
    assert line_brief(proposed) in proposal and "x2 (30 min)" in line_brief(proposed)
    assert line_brief(now) in proposal and "x3 (45 min)" in line_brief(now)
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_blocking_finding_overridden_with_a_reason(browser, server, store):
    session = make_session(store)
    rule = "MISSING_DURATION"
    assert rule in {f.id.value for f in session.unresolved_blocking()}
    page, _ = open_session(browser, server, session.id, viewport=(820, 1180))
    page.fill(f"#override-{rule}", "no")  # too short to be a reason: refused
    page.click(f"#override-btn-{rule}")
    page.wait_for_selector("#messages .msg.error")
    assert "needs a reason" in page.inner_text("#messages")
    assert page.locator("#confirm-btn").is_disabled()
    page.fill(f"#override-{rule}", "Client left before timing was noted; billing only the timed lines")
    page.click(f"#override-btn-{rule}")
    page.wait_for_function("() => !document.getElementById('confirm-btn').disabled")
    page.click("#confirm-btn")
    page.wait_for_function("() => document.getElementById('status').innerText.toLowerCase() === 'confirmed'")
    finding = page.locator(f".finding[data-rule='{rule}']")
    assert "Overridden" in finding.inner_text() and "Client left before timing" in finding.inner_text()
    audit = page.inner_text("#audit-panel")
    assert re.search(rf"override\s+{rule}.*Client left before timing", audit)
    saved = store.get(session.id)
    assert saved.status.value == "confirmed" and saved.overrides[0].reason.startswith("Client left")


def test_two_tabs_never_lose_an_edit_silently(browser, server, store):
    session = make_session(store)
    massage = treatment(session, "97124", minutes=30)
    tab1, _ = open_session(browser, server, session.id)
    tab2, _ = open_session(browser, server, session.id)

    tab2.fill("#soap-plan", "Plan from tab two")
    tab2.press("#soap-plan", "Tab")
    tab2.wait_for_function("() => document.querySelector('#audit-panel').innerText.includes('soap.plan')")

    tab1.fill(f"#min-{massage.id}", "50")
    tab1.press(f"#min-{massage.id}", "Tab")
    tab1.wait_for_selector("#messages .msg.error")
    assert "changed elsewhere" in tab1.inner_text("#messages")
    assert tab1.input_value(f"#min-{massage.id}") == "50"  # what was typed stays on screen
    kept = store.get(session.id)
    assert kept.soap.plan == "Plan from tab two"
    assert treatment(kept, "97124", minutes=30)  # the stale edit did not overwrite anything

    with tab1.expect_navigation():  # the reload is a new page: wait for it, and for its scripts, before typing
        tab1.click("#messages [data-action=reload]")
    tab1.wait_for_load_state("load")
    tab1.wait_for_function(f"() => window.htmx !== undefined && document.getElementById('min-{massage.id}').value === '30'")
    tab1.fill(f"#min-{massage.id}", "50")
    tab1.press(f"#min-{massage.id}", "Tab")
    tab1.wait_for_function("() => document.querySelector(\".line[data-cpt='97124'] .units\").innerText === '3'")
    after = store.get(session.id)
    assert after.soap.plan == "Plan from tab two"
    assert next(ln for ln in after.claim.lines if ln.cpt == "97124").minutes == 50


def test_sessions_list_and_keyboard_reach(browser, server, store):
    first = make_session(store, client="alex-p")
    make_session(store, client="sam-k", payer="commercial-cms")
    context = browser.new_context(viewport={"width": 820, "height": 1180})
    page = context.new_page()
    page.goto(server.guard.url("/"))
    rows = page.locator("table.sessions tbody tr")
    assert rows.count() == 2
    text = page.inner_text("table.sessions")
    assert "alex-p" in text and "sam-k" in text and "commercial-cms" in text and "draft" in text.lower()
    blocking = len(first.unresolved_blocking())
    row = page.locator("tr", has_text="alex-p")
    assert row.locator("td").nth(6).inner_text().strip() == str(blocking)
    row.locator("a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server.base}/s/{first.id}")
    # every control is reachable by keyboard: the minutes boxes are native inputs in tab order
    assert page.locator("input.minutes").count() == len(first.extraction.treatments)


def test_export_downloads_from_a_confirmed_session(browser, server, store):
    import json

    from scribe import actions
    from scribe.settings import set_setting

    session = make_session(store)
    store.save(actions.confirm(session, [("MISSING_DURATION", "timing not noted; billing timed lines only")]))
    page, _ = open_session(browser, server, session.id)
    # a format whose details are not filled in says exactly what is missing and cannot be pressed
    assert page.locator("#export-soap-pdf").is_disabled()
    assert "practice.name" in page.text_content("#exports-panel")
    with page.expect_download() as download:
        page.click("#export-json")
    data = json.loads(Path(download.value.path()).read_text())
    assert data["id"] == session.id and data["status"] in {"confirmed", "exported"}
    page.wait_for_function("() => document.getElementById('status').innerText.toLowerCase() === 'exported'")
    assert "json" in page.inner_text("#exports-panel .exported")
    assert re.search(r"export\s+json", page.inner_text("#audit-panel"))
    saved = store.get(session.id)
    assert saved.status.value == "exported" and saved.exports[-1].format == "json"

    # once the practice details are filled in, the SOAP PDF can be exported from the page too
    for key, value in {"practice.name": "Calm Hands Massage", "provider.first_name": "Ana",
                       "provider.last_name": "Lima"}.items():
        set_setting(key, value)
    page.reload()
    with page.expect_download() as download:
        page.click("#export-soap-pdf")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")


REAL_AUDIO = Path(__file__).resolve().parent.parent / "samples" / "audio" / "demo_neck_back.flac"


@pytest.mark.skipif(not REAL_AUDIO.exists(), reason="the sample recording is not in this checkout")
def test_play_from_evidence_in_a_real_recording(browser, server, store, cli):
    """A real dictation through `scribe process` (speech model included): evidence seeks the player."""
    done = cli("process", REAL_AUDIO, "--json")
    if done.code != 0 and "model" in done.err.lower():
        pytest.skip(f"speech model unavailable: {done.err.strip()}")
    assert done.code == 0, done.err
    session = store.get(done.json()["id"])
    page, errors = open_session(browser, server, session.id)
    page.wait_for_function("() => document.getElementById('player').readyState >= 1")
    duration = page.evaluate("document.getElementById('player').duration")
    assert duration == pytest.approx(session.transcript.audio.duration_s, abs=0.2)

    for line in session.claim.lines:
        start = min(e.audio_start for e in line.evidence if e.audio_start is not None)
        page.click(f".line[data-cpt='{line.cpt}'] button.play")
        page.wait_for_function(f"() => Math.abs(document.getElementById('player').currentTime - {start}) < 1.0")
        page.evaluate("document.getElementById('player').pause()")

    technique = next(f for f in session.extraction.facts if f.kind == "technique" and f.evidence.audio_start)
    page.click(f"#transcript .fact[data-start='{technique.evidence.char_start}']")
    page.wait_for_function(
        f"() => Math.abs(document.getElementById('player').currentTime - {technique.evidence.audio_start}) < 1.0")
    assert not [e for e in errors if "Content Security Policy" in e], errors
