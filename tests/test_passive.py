"""Passive stretching within a massage: extraction says what was done within what, billing says
which code that makes (issue 17: a billing decision lives in billing/)."""

from __future__ import annotations

from datetime import date

import pytest

from billing import bill, catalog, load_profiles, passive
from extraction import extract
from models import Transcript, Treatment


def _t(tid: str, cpt: str, minutes: int | None = 10, within: str | None = None, order: int = 1) -> Treatment:
    return Treatment(id=tid, technique="x", label=tid, cpt=cpt, minutes=minutes, within=within, order=order)


def _claim(text: str, payer: str = "commercial"):
    extraction = extract(Transcript.from_text(text))
    return extraction, bill(extraction, load_profiles().get(payer), date_of_service=date(2026, 11, 30)).claim


def test_timed_stretching_within_a_massage_is_recorded_as_within_and_billed_as_the_massage():
    extraction, claim = _claim("Thirty minutes of Swedish massage to the legs. Ten minutes of passive stretching of"
                               " the hamstrings.")
    massage, stretch = extraction.treatments
    assert stretch.within == massage.id and stretch.minutes == 10
    assert stretch.cpt != massage.cpt  # extraction keeps what the technique is; billing re-codes it
    assert [(ln.cpt, ln.units, ln.minutes) for ln in claim.lines] == [("97124", 3, 40)]
    assert claim.lines[0].treatment_ids == [massage.id, stretch.id]


def test_minutes_said_of_the_whole_service_go_to_the_host():
    extraction, claim = _claim("Deep tissue to both calves with passive stretching worked in, twenty-five minutes"
                               " altogether.")
    assert [(t.technique, t.minutes) for t in extraction.treatments] == [("deep_tissue_massage", 25)]
    assert [(ln.cpt, ln.units) for ln in claim.lines] == [("97124", 2)]


def test_billing_recodes_only_into_codes_that_include_passive_work():
    treatments = [_t("tr1", "97124"), _t("tr2", "97110", within="tr1", order=2),
                  _t("tr3", "97112", order=3), _t("tr4", "97110", within="tr3", order=4),
                  _t("tr5", "97110", within="tr9", order=5)]
    assert [t.cpt for t in passive.as_billed(treatments)] == ["97124", "97124", "97112", "97110", "97110"]
    assert {c for c in catalog.codes() if catalog.get_code(c).includes_passive_work} == {"97124", "97140"}


def test_a_code_the_therapist_sets_by_hand_wins_over_the_rule(scribe_home):
    from scribe.actions import edit
    from scribe.analysis import build_session

    session = build_session(Transcript.from_text(
        "Thirty minutes of Swedish massage to the back. Fifteen minutes of passive stretching of the"
        " hamstrings."), payer="commercial")
    assert [(ln.cpt, ln.units) for ln in session.claim.lines] == [("97124", 3)]
    stretch = session.extraction.treatments[1]
    edited = edit(session, f"treatment.{stretch.id}.cpt", "97110", by="test")
    assert edited.extraction.treatments[1].within is None
    assert sorted((ln.cpt, ln.units) for ln in edited.claim.lines) == [("97110", 1), ("97124", 2)]


@pytest.mark.parametrize("text", [
    "Swedish massage to the legs 30 minutes with passive stretching of the hamstrings.",
    "Deep tissue to the back 30 min. Stretched the hamstrings.",
])
def test_a_bare_stretch_is_the_massage_named_again(text):
    extraction, claim = _claim(text)
    assert [t.cpt for t in extraction.treatments] == ["97124"]
    assert all(t.within is None for t in extraction.treatments)
    assert [ln.cpt for ln in claim.lines] == ["97124"]


def test_the_page_shows_the_code_a_stretch_is_billed_as_and_why(scribe_home):
    from fastapi.testclient import TestClient

    from scribe.store import SessionStore
    from scribe.web.app import create_app
    from scribe.web.security import Guard
    from tests.test_web_support import make_session

    store = SessionStore.open()
    session = make_session(store, "Neck pain 6/10. Thirty minutes of Swedish massage to the neck. Ten minutes of"
                                  " passive stretching of the upper traps. Pain 2/10 after.")
    stretch = session.extraction.treatments[1]
    guard = Guard(port=8768)
    html = TestClient(create_app(guard), base_url="http://127.0.0.1:8768").get(
        f"/s/{session.id}?token={guard.token}").text
    field = html.split(f'id="cpt-{stretch.id}"')[1].split(">")[0]
    assert 'value="97124"' in field
    assert f"billed with it as 97124 (type {stretch.cpt} to bill it apart)" in html
