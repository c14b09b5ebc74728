"""Teaching the clinic's words from the review page, in a real headless browser (issue 18).

A shorthand Scribe does not know ("TPR") is selected in the transcript and taught as trigger
point therapy; this note is read again at once, a second note using it is billed right with
no edit, and removing the entry from the vocabulary page brings back the old reading.
"""

from __future__ import annotations

from pathlib import Path

from scribe import vocab
from tests.test_review_browser import browser, open_session, server, store  # noqa: F401  (fixtures)
from tests.test_review_browser import pytestmark  # noqa: F401  (slow, needs chromium)
from tests.test_web_support import make_session

NOTE = ("Client reports neck pain 6/10. Did 20 minutes of TPR to the left upper trap and 30 minutes of "
        "Swedish massage to the back. Pain 3/10 after.")
SECOND = ("Low back pain 5/10. 25 minutes of TPR to the right QL, then 15 minutes of Swedish massage to the "
          "back. Pain 2/10 after.")
SHOTS = Path(__file__).resolve().parent.parent / "docs"


def lines(session) -> list[tuple[str, int]]:
    return sorted((line.cpt, line.units) for line in session.claim.lines)


def test_teach_a_shorthand_from_the_page(browser, server, store):  # noqa: F811
    first = make_session(store, NOTE)
    assert lines(first) == [("97124", 3)]  # TPR unknown: its minutes go to the massage
    page, errors = open_session(browser, server, first.id)

    # select the unknown word in the transcript: it fills the Teach control
    page.evaluate("""() => {
        const t = document.getElementById('transcript');
        const walker = document.createTreeWalker(t, NodeFilter.SHOW_TEXT);
        let node; while ((node = walker.nextNode()) && !node.data.includes('TPR')) {}
        const i = node.data.indexOf('TPR');
        const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 3);
        const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
    }""")
    phrase = page.get_by_label("Words")
    page.wait_for_function("() => document.getElementById('teach-phrase').value === 'TPR'")
    assert page.locator("#teach").get_attribute("open") is not None
    page.get_by_label("They are").select_option("technique:trigger_point_therapy")
    SHOTS.mkdir(exist_ok=True)
    page.locator("#audio-card").screenshot(path=str(SHOTS / "teach.png"))
    assert phrase.input_value() == "TPR"
    with page.expect_navigation():
        page.get_by_role("button", name="Teach", exact=True).click()
    page.wait_for_function("() => window.htmx !== undefined")

    # this note was read again: TPR is a technique with its own line
    reread = store.get(first.id)
    assert lines(reread) == [("97124", 2), ("97140", 1)]
    assert page.locator(".line[data-cpt='97140']").count() >= 1
    tpr = page.locator("#transcript .fact.f-technique", has_text="TPR")
    assert tpr.count() == 1
    assert [w.heard for w in vocab.load()] == [["TPR"]]
    assert vocab.load()[0].origin.note == first.id

    # a later note uses it without any edit
    second = make_session(store, SECOND)
    assert lines(second) == [("97124", 1), ("97140", 2)]

    # the vocabulary page lists it with its origin and the notes it changed; removing it restores the old reading
    page.goto(f"{server.base}/vocab")
    row = page.locator("#vocab-table tbody tr")
    assert row.count() == 1
    assert "trigger point therapy (97140)" in row.inner_text()
    assert first.id in row.inner_text()
    assert row.locator("td.num").inner_text() == "2"
    with page.expect_navigation():
        page.get_by_role("button", name="Remove “TPR”").click()
    assert page.locator("#vocab-table").count() == 0
    assert vocab.load() == ()
    third = make_session(store, SECOND)
    assert lines(third) != lines(second)
    assert "97140" not in {c for c, _ in lines(third)}
    assert errors == []


def test_a_corrected_code_offers_to_remember_the_words(browser, server, store):  # noqa: F811
    session = make_session(store, NOTE)
    page, errors = open_session(browser, server, session.id)
    assert page.locator("#teach-offers .offer").count() == 0
    tr = next(t for t in session.extraction.treatments if t.minutes == 20)
    box = page.locator(f"#cpt-{tr.id}")
    box.fill("97140")
    box.dispatch_event("change")
    offer = page.locator("#teach-offers .offer")
    offer.wait_for()
    assert "TPR" in offer.inner_text() and "97140" in offer.inner_text()
    assert vocab.load() == ()  # offered, never taught silently
    with page.expect_navigation():
        offer.get_by_role("button").click()
    assert [w.heard for w in vocab.load()] == [["TPR"]]
    assert ("97140", 1) in lines(store.get(session.id))
    assert errors == []
