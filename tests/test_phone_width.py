"""No page of the app scrolls sideways on a 390x844 phone (real headless chromium).

The session page once did: the area checkboxes of a claim line reached 457 px in a 390 px screen.
Each page is measured after its content is there, with the details a therapist opens expanded.
"""

from __future__ import annotations

import pytest

from tests.test_review_browser import CHROMIUM, browser, open_session, server, store  # noqa: F401 (fixtures)
from tests.test_web_support import make_session

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (apt-get install chromium)"),
]
PHONE = (390, 844)


def scroll_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


def widest(page) -> str:
    """The element reaching furthest right, to say what overflows when the assertion fails."""
    return page.evaluate("""() => { const out = [];
      for (const el of document.querySelectorAll('body *')) { const b = el.getBoundingClientRect();
        if (b.right > innerWidth + 1 && ![...el.children].some(c => c.getBoundingClientRect().right > innerWidth + 1))
          out.push(el.tagName + '.' + el.className + '#' + el.id + ' ' + Math.round(b.right)); }
      return out.slice(0, 8).join('; '); }""")


def test_no_page_scrolls_sideways_on_a_phone(browser, server, store):
    from tests.test_web_fixes import CONFLICT

    session = make_session(store, CONFLICT)
    page, _ = open_session(browser, server, session.id, viewport=PHONE)
    # open every collapsed part of the claim (areas, missing details) as a therapist would
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    pages = ["/", f"/s/{session.id}", "/sessions", "/settings", f"/settings?need=practice.name&back=/s/{session.id}",
             "/clients/jane-d", f"/clients/jane-d?back=/s/{session.id}", "/c/jane-d"]
    for path in pages:
        page.goto(f"{server.base}{path}")
        page.wait_for_load_state("networkidle")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert scroll_width(page) <= PHONE[0], f"{path} scrolls sideways: {widest(page)}"
