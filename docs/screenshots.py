"""Retake the README screenshots: docs/home.png and docs/session.png at 1366x900, docs/session-phone.png at 390x844.

Run from the repository root with chromium installed: python docs/screenshots.py docs
It uses a throw-away data folder (SCRIBE_HOME) and the test helpers to make the sessions shown.
"""
import os
import sys
import tempfile

os.environ.setdefault("SCRIBE_HOME", tempfile.mkdtemp())
sys.path.insert(0, ".")
from playwright.sync_api import sync_playwright
from scribe.store import SessionStore
from tests.test_web_support import NOTE, RunningServer, make_session
from tests.test_review_browser import CHROMIUM, ARGS
from tests.test_web_fixes import CONFLICT

out = sys.argv[1]
store = SessionStore.open()
make_session(store, NOTE, client="sam-k")
s = make_session(store, CONFLICT, client="jane-d", audio=True)
with RunningServer(store) as server, sync_playwright() as p:
    b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    for name, path, vp in [("home.png", "/", (1366, 900)), ("session.png", f"/s/{s.id}", (1366, 900)),
                           ("session-phone.png", f"/s/{s.id}", (390, 844))]:
        ctx = b.new_context(viewport={"width": vp[0], "height": vp[1]})
        page = ctx.new_page()
        page.goto(server.guard.url(path))
        page.wait_for_load_state("networkidle")
        print(name, "page width", page.evaluate("document.scrollingElement.scrollWidth"))
        page.screenshot(path=f"{out}/{name}")
        ctx.close()
    b.close()
