"""Say it in words, fix don't just flag: line reasons, one-click fixes, overrides everywhere, forms.

Fast tests through the app (TestClient) and scribe.actions; the real-browser ones are in
tests/test_session_browser.py.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from models import RuleId
from scribe import actions
from scribe.render import session_summary, sessions_table
from scribe.fields import npi_is_valid
from scribe.settings import load_settings
from scribe.store import SessionStore
from scribe.web import reasons, views
from scribe.web.app import create_app
from scribe.web.security import Guard
from tests.test_web_support import make_session

PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"
CONFLICT = ("Client reports neck pain six out of ten. Thirty minutes of Swedish massage to the neck and shoulders, "
            "fifteen minutes of myofascial release to the right upper trapezius. Pain three out of ten after.")
VALID_NPI = "1234567893"


@pytest.fixture
def store(scribe_home):
    return SessionStore.open()


@pytest.fixture
def client(store):
    guard = Guard(port=PORT)
    c = TestClient(create_app(guard, store), base_url=ORIGIN, follow_redirects=False)
    assert c.get(f"/?token={guard.token}").status_code == 303
    c.headers.update({"X-CSRF-Token": guard.csrf, "Origin": ORIGIN, "HX-Request": "true"})
    return c


def conflict_session(store):
    s = make_session(store, CONFLICT, client=None)
    assert {f.id for f in s.unresolved_blocking()} == {RuleId.SAME_REGION_CONFLICT}
    return s


def test_conflicting_lines_say_so_in_words_not_distinct_regions(store):
    s = conflict_session(store)
    fx = reasons.fixes(s)
    assert actions.conflicting_pairs(s) == [("97140", "97124")]
    for line in s.claim.lines:
        said = reasons.line_reasons(s, line, fx.conflict_with)
        texts = " | ".join(r.text for r in said)
        assert "different body regions" not in texts and "distinct" not in texts.lower()
        assert any(r.conflict and "same region" in r.text and "neck" in r.text for r in said)
        assert not any(re.search(r"[A-Z]+_[A-Z]+", r.text) for r in said), texts  # no rule ids in the words
        assert all(r.rule for r in said)  # ...they stay as a tooltip


def test_distinct_regions_still_said_when_regions_differ(store):
    s = make_session(store)  # Swedish to the back, MFR to the left upper trapezius: distinct regions, 59
    fx = reasons.fixes(s)
    line = next(ln for ln in s.claim.lines if ln.cpt == "97124")  # column 2 of the pair gets the 59
    texts = [r.text for r in reasons.line_reasons(s, line, fx.conflict_with)]
    assert any("different body regions" in t for t in texts) and any(t.startswith("Modifier 59") for t in texts)


def test_bill_as_one_code_resolves_the_conflict_and_shows_units_per_choice(store):
    s = conflict_session(store)
    choices = actions.one_code_choices(s, ("97140", "97124"))
    assert choices == [("97140", 3, 45), ("97124", 3, 45)]
    fixed = actions.bill_as_one(s, "97124", "97140")
    assert fixed.unresolved_blocking() == []
    assert [(ln.cpt, ln.units, ln.minutes) for ln in fixed.claim.lines] == [("97124", 3, 45)]
    undone = actions.undo(fixed)
    assert {ln.cpt for ln in undone.claim.lines} == {"97124", "97140"}


def test_override_before_confirm_shows_as_overridden_in_cli_and_undo_withdraws_it(store):
    s = conflict_session(store)
    with pytest.raises(Exception, match="needs a reason"):
        actions.override(s, "SAME_REGION_CONFLICT", "no")
    done = actions.override(s, "SAME_REGION_CONFLICT", "Separate complaint, payer agreed by phone")
    assert done.unresolved_blocking() == [] and done.status.value == "draft"
    store.save(done)
    table = sessions_table(store.list())
    assert "0 blocking, 1 overridden" in table and "(1 blocking)" not in table
    shown = session_summary(store.get(s.id))
    assert "OVERRIDDEN SAME_REGION_CONFLICT" in shown and "payer agreed by phone" in shown
    assert "BLOCKING" not in shown
    again = actions.undo(store.get(s.id))
    assert [f.id for f in again.unresolved_blocking()] == [RuleId.SAME_REGION_CONFLICT]


def test_removed_line_is_done_but_not_billed_and_undo_brings_it_back(store):
    s = make_session(store)
    mfr = next(t for t in s.extraction.treatments if t.cpt == "97140")
    removed = actions.edit(s, f"treatment.{mfr.id}.removed", True)
    assert "97140" not in {ln.cpt for ln in removed.claim.lines}
    assert [t.id for t in removed.extraction.removed] == [mfr.id]
    removed = removed.model_copy(update={"soap": removed.soap.model_copy(
        update={"objective": "Swedish massage to the back; myofascial release to the left upper trapezius."})})
    assert any(mfr.label in flag for flag in views.note_flags(removed))
    back = actions.undo(removed)
    assert "97140" in {ln.cpt for ln in back.claim.lines} and back.extraction.removed == []


def test_no_session_carries_the_code_set_year_warning(store):
    s = make_session(store)
    assert RuleId.CODE_SET_YEAR not in {f.id for f in s.rule_findings}
    assert s.claim.icd_fiscal_year


def test_session_page_confirm_off_with_reason_then_one_click_fix(client, store):
    s = conflict_session(store)
    page = client.get(f"/s/{s.id}").text
    assert re.search(r'<button type="submit" class="button primary" id="confirm-btn"[^>]*disabled[^>]*>Confirm</button>', page)
    assert "Confirm is off until this is done: Massage and manual therapy on the same region" in page
    assert "Bill all 45 min as 97124 (3 units)" in page and "Bill all 45 min as 97140 (3 units)" in page
    assert "PAIR_97140_97124_DISTINCT_REGIONS</code>" not in page  # the rule id is only a title now
    r = client.post(f"/s/{s.id}/one-code", data={"keep": "97124", "drop": "97140", "revision": str(s.revision)})
    assert r.status_code == 200, r.text
    assert re.search(r'id="confirm-btn"[^>]*>Confirm</button>', r.text)
    assert not re.search(r'id="confirm-btn"[^>]*disabled', r.text)
    assert store.get(s.id).unresolved_blocking() == []


def test_fix_routes_need_the_csrf_token(client, store):
    s = conflict_session(store)
    r = client.post(f"/s/{s.id}/override", data={"rule": "SAME_REGION_CONFLICT", "reason": "a good reason",
                                                "revision": str(s.revision)}, headers={"X-CSRF-Token": "wrong"})
    assert r.status_code == 403 and store.get(s.id).overrides == []
    r = client.post("/settings/save", data={"key": "practice.name", "value": "X"}, headers={"X-CSRF-Token": "wrong"})
    assert r.status_code == 403 and load_settings().practice.name is None


def test_settings_form_checks_as_you_type_with_the_one_rule(client):
    assert npi_is_valid(VALID_NPI) and not npi_is_valid("1234567890")
    bad = client.post("/settings/check", data={"key": "practice.billing_npi", "value": "1234567890"})
    assert bad.status_code == 422 and "check digit" in bad.text and 'id="msg-set-practice-billing_npi"' in bad.text
    good = client.post("/settings/check", data={"key": "practice.billing_npi", "value": VALID_NPI})
    assert good.status_code == 200 and "Looks right" in good.text
    assert load_settings().practice.billing_npi is None  # a check never saves
    assert client.post("/settings/check", data={"key": "practice.zip", "value": "1234"}).status_code == 422
    assert client.post("/settings/check", data={"key": "practice.zip", "value": "12345-6789"}).status_code == 200
    assert client.post("/settings/check", data={"key": "practice.tax_id", "value": "12-34567"}).status_code == 422
    assert client.post("/settings/check", data={"key": "practice.tax_id", "value": "12-3456789"}).status_code == 200
    saved = client.post("/settings/save", data={"key": "practice.zip", "value": "12345-6789"})
    assert saved.status_code == 200 and load_settings().practice.zip == "123456789"


def test_first_run_asks_only_what_the_first_export_needs(client):
    page = client.get("/settings").text
    first = page.split("All settings")[0]
    assert "First-run setup" in first
    asked = set(re.findall(r'name="key" value="([^"]+)"', first))
    assert asked == {"practice.name", "provider.first_name", "provider.last_name"}


def test_session_page_says_what_each_export_needs_before_confirm(client, store):
    s = make_session(store)
    page = client.get(f"/s/{s.id}").text
    exports = page.split('id="exports-panel"')[1].split("</section>")[0]
    assert "What each export will still need" in exports
    assert "/settings?need=practice.name" in exports and f"back=/s/{s.id}" in exports
    assert f'href="/clients/{s.client}?back=/s/{s.id}' in exports


def test_client_details_button_stays_when_only_the_client_is_missing(client, store):
    """Once the practice is filled in, the client's details may still be missing: the button must stay."""
    from tests.test_export_support import fill_practice

    s = make_session(store)
    fill_practice()
    for code in {ln.cpt for ln in s.claim.lines}:
        from scribe.settings import set_setting

        set_setting(f"fees.{s.payer}.{code}", "50")
    exports = client.get(f"/s/{s.id}").text.split('id="exports-panel"')[1].split("</section>")[0]
    assert 'id="fill-details"' not in exports
    assert 'id="fill-client"' in exports and f'href="/clients/{s.client}?back=/s/{s.id}"' in exports
