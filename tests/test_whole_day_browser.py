"""The therapist's whole day in one real-browser flow (issue 14's "Done when"), at laptop and phone size.

Start on the home page; dictate with chromium's fake microphone playing the sample recording; upload
the same recording as a file; type a note with a same-region conflict (keyboard only) and fix it with
one key press; fill in what the exports need through the client and settings forms; confirm; download
the SOAP PDF and the 837P from the page. Nothing on the way scrolls sideways, and the page's Content
Security Policy is never violated.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scribe.store import SessionStore
from tests.test_home_browser import (SAMPLE, claim_lines_shown, fake_microphone, launch, needs_model, open_home,
                                     sample_wav)
from tests.test_review_browser import CHROMIUM
from tests.test_session_browser import tab_to
from tests.test_web_fixes import CONFLICT
from tests.test_web_support import RunningServer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(not SAMPLE.exists(), reason="the sample recording is not in this checkout"),
]
VIEWPORTS = [(1366, 900), (390, 844)]
# what a practice and a client type into the forms (valid check digits, ZIP+4, EIN)
PRACTICE = {
    "practice.name": "Calm Hands Massage", "practice.address": "125 Harbor Street", "practice.city": "Boston",
    "practice.state": "MA", "practice.zip": "02110-1234", "practice.tax_id": "12-3456789",
    "practice.billing_npi": "1234567893", "practice.taxonomy": "225700000X", "submitter.id": "CALMHANDS01",
    "submitter.name": "Calm Hands Massage", "submitter.contact_name": "Ana Lima",
    "submitter.contact_phone": "6175550100", "receiver.id": "CLEARHOUSE01", "receiver.name": "Harbor Clearing",
    "provider.first_name": "Ana", "provider.last_name": "Lima", "fees.commercial.97124": "30.00",
}
CLIENT = {
    "first_name": "Jane", "last_name": "Doe", "date_of_birth": "1980-04-02", "sex": "F",
    "address": "12 Elm Street", "city": "Boston", "state": "MA", "zip": "02118", "member_id": "XYZ123456",
    "payer_name": "Blue Harbor Health", "payer_id": "BHH01",
}


@pytest.fixture
def store(scribe_home):
    return SessionStore.open()


@pytest.fixture
def server(store):
    with RunningServer(store) as running:
        yield running


_WIDE = """w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 0.5)
    .slice(-3).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def fits(page) -> None:
    """No page scrolls sideways. Measured once the page has loaded: a page still streaming in has
    its DOM before its stylesheets, and an unstyled table is wider than a phone (a flaky failure)."""
    page.wait_for_load_state("load")
    width = page.viewport_size["width"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width, (page.url, page.evaluate(_WIDE, width))


def fill_form(page, values: dict[str, str], prefix: str) -> None:
    """Type each value into its field (a select is chosen), Tab saves it; wait for the server's "Saved."."""
    for key, value in values.items():
        fid = prefix + "-" + key.replace(".", "-")
        field = page.locator(f"#{fid}")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        elif field.get_attribute("type") == "date":
            field.fill(value)
            page.keyboard.press("Tab")
        else:
            field.focus()
            page.keyboard.press("Control+A")
            page.keyboard.type(value)
            page.keyboard.press("Tab")
        page.wait_for_function(f"() => document.getElementById('msg-{fid}').innerText.includes('Saved')",
                               timeout=10_000)


def dictate(page, seconds: float) -> None:
    page.get_by_role("button", name="Dictate").click()
    stop = page.get_by_role("button", name="Stop")
    stop.wait_for(timeout=30_000)
    page.wait_for_function("() => document.getElementById('live-transcript').innerText.length > 20",
                           timeout=int(seconds * 1000) + 30_000)
    page.wait_for_timeout(int(max(0.0, seconds - 1.5) * 1000))
    stop.click()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["1366x900", "390x844"])
def test_whole_day(server, store, tmp_path, viewport):
    needs_model()
    sync_api = pytest.importorskip("playwright.sync_api")
    fake, seconds = fake_microphone(sample_wav(tmp_path))
    with sync_api.sync_playwright() as p:
        browser = launch(p, fake)
        page, errors = open_home(browser, server, viewport)
        fits(page)

        # 1. dictate: the fake microphone plays the sample; Stop gives the claim
        page.fill("#start-client", "jane-d")
        dictate(page, seconds)
        dictated = claim_lines_shown(page, store)
        assert dictated.input_kind == "audio" and "97124" in {ln.cpt for ln in dictated.claim.lines}

        # 2. upload the recording as a file
        page.goto(f"{server.base}/")
        page.get_by_label("Audio file").set_input_files(str(SAMPLE))
        page.get_by_role("button", name="Upload").click()
        uploaded = claim_lines_shown(page, store)
        assert uploaded.transcript.audio.original_name == SAMPLE.name

        # 3. type a note, keyboard only; it has a same-region conflict, fixed with one key press
        page.goto(f"{server.base}/")
        assert page.input_value("#start-client") == "jane-d"  # the last client is the default
        tab_to(page, "#typed-note")
        page.keyboard.type(CONFLICT)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Process"
        page.keyboard.press("Enter")
        typed = claim_lines_shown(page, store)
        assert typed.input_kind == "text" and typed.client == "jane-d"
        fits(page)
        assert page.locator("#confirm-btn").is_disabled()
        assert "Massage and manual therapy on the same region" in page.inner_text("#confirm-why")
        fix = page.get_by_role("button", name="Bill all 45 min as 97124 (3 units)")
        fix_id = fix.get_attribute("id")
        tab_to(page, f"#{fix_id}", limit=300)
        page.keyboard.press("Enter")
        page.wait_for_function("() => !document.getElementById('confirm-btn').disabled")
        assert [(ln.cpt, ln.units) for ln in store.get(typed.id).claim.lines] == [("97124", 3)]

        # 4. what the exports need, through the forms: the client's details, then the practice's
        tab_to(page, "#fill-client", limit=300)
        page.keyboard.press("Enter")
        page.wait_for_url("**/clients/jane-d?**")
        fits(page)
        fill_form(page, CLIENT, "client")
        page.click("#back-to-session")
        page.wait_for_url(f"**/s/{typed.id}")
        tab_to(page, "#fill-details", limit=300)
        page.keyboard.press("Enter")
        page.wait_for_url("**/settings?**")
        fits(page)
        wanted = page.locator(".fields").first.locator("input[name=key]").evaluate_all("els => els.map(e => e.value)")
        assert set(wanted) == set(PRACTICE), wanted  # the form asks for exactly what the exports need
        fill_form(page, PRACTICE, "set")
        assert "still to fill in" not in page.inner_text("#ready")
        page.click("#back-to-session")
        page.wait_for_url(f"**/s/{typed.id}")

        # 5. confirm, keyboard; then both exports are on and download from the page
        tab_to(page, "#confirm-btn", limit=300)
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('status').innerText.toLowerCase() === 'confirmed'")
        files = {}
        for fmt in ("soap-pdf", "837p"):
            button = page.locator(f"#export-{fmt}")
            assert button.is_enabled()
            with page.expect_download() as download:
                button.click()
            files[fmt] = Path(download.value.path()).read_bytes()
        fits(page)
        browser.close()

    assert files["soap-pdf"].startswith(b"%PDF")
    x12 = files["837p"].decode()
    assert x12.startswith("ISA*") and "SV1*HC:97124*90*UN*3" in x12  # 3 units at $30, as confirmed
    assert "NM1*85*2*CALM HANDS MASSAGE" in x12 and "NM1*IL*1*DOE*JANE" in x12
    saved = store.get(typed.id)
    assert saved.status.value == "exported" and {r.format for r in saved.exports} == {"soap-pdf", "837p"}
    assert not [e for e in errors if "Content Security Policy" in e], errors
