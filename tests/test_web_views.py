"""What the review page arranges from a session: labels, transcript pieces, body map, area edits."""

from __future__ import annotations

import pytest
from starlette.datastructures import FormData

from models import Context, Region, RuleId
from scribe.store import SessionStore
from scribe.web import views
from scribe.edit_targets import EditTarget
from scribe.web.changes import _value
from scribe.web.labels import labels
from tests.test_web_support import make_session

NEGATED = "Thirty minutes of Swedish massage to the back. No hot pack today. Recommend stretching at home."


@pytest.fixture
def store(scribe_home):
    return SessionStore.open()


def test_labels_cover_every_region_context_and_rule():
    data = labels()
    assert set(data.regions) == {r.value for r in Region}
    assert set(data.contexts) == {c.value for c in Context}
    assert set(data.rules) == {r.value for r in RuleId}


def test_transcript_pieces_cover_the_text_and_grey_what_is_not_billed(store):
    s = make_session(store, NEGATED)
    pieces = views.transcript_pieces(s)
    assert "".join(p.text for p in pieces) == s.transcript.text
    by_text = {p.text: p for p in pieces if p.kind}
    massage = next(p for t, p in by_text.items() if "Swedish" in t)
    assert massage.kind == "technique" and massage.context == "performed"
    not_billed = [p for p in pieces if p.kind and p.context != "performed"]
    assert any("hot pack" in p.text.lower() for p in not_billed)
    assert all(p.context in {"negated", "planned", "historical", "other_person"} for p in not_billed)


def test_body_map_colours_regions_by_the_code_billed_there(store):
    s = make_session(store)
    regions = views.body_map(s)
    billed = {r: v.codes for r, v in regions.items() if v.codes}
    for line in s.claim.lines:
        for region in line.regions:
            assert line.cpt in billed[region.value]
    pending = {r for p in s.claim.pending for a in p.areas for r in (x.value for x in a.regions)}
    for r in pending - set(billed):
        assert regions[r].css == "pending"
    untouched = set(regions) - set(billed) - pending
    assert all(regions[r].css == "untreated" for r in untouched)
    assert "c-97124" in regions["thoracic"].css


def test_ticking_regions_keeps_dictated_areas_and_adds_new_ones(store):
    s = make_session(store)
    t = next(t for t in s.extraction.treatments if t.cpt == "97124")
    dictated = {r.value for a in t.areas for r in a.regions}
    form = FormData([("regions", r) for r in sorted(dictated | {"pelvic"})] + [("regions", "../etc")])
    areas = _value(s, EditTarget.parse(f"treatment.{t.id}.areas"), form)
    assert [a for a in areas if a.fact_id] == [a for a in t.areas]
    assert [a.area for a in areas if not a.fact_id] == ["pelvic"]
    fewer = _value(s, EditTarget.parse(f"treatment.{t.id}.areas"), FormData([("regions", "pelvic")]))
    assert [a.area for a in fewer] == ["pelvic"]


def test_proposal_rows_flag_what_changed(store):
    from scribe import actions

    s = make_session(store)
    t = next(t for t in s.extraction.treatments if t.cpt == "97124")
    rows = views.proposal_rows(s)
    assert rows and not any(changed for _, _, changed in rows)
    edited = actions.edit(s, f"treatment.{t.id}.minutes", 45)
    changed = [r for r in views.proposal_rows(edited) if r[2]]
    assert len(changed) == 1 and "x2 (30 min)" in changed[0][0] and "x3 (45 min)" in changed[0][1]


def test_a_word_changed_by_a_second_listen_is_marked_with_what_was_first_heard(store):
    s = make_session(store, "Then 15 minutes of myofascial release to the neck.", audio=True)
    t = s.transcript
    seg = t.segments[0]
    words = [w.model_copy(update={"heard_as": "50"}) if w.text == "15" else w for w in seg.words]
    s = s.model_copy(update={"transcript": t.model_copy(update={"segments": [seg.model_copy(update={"words": words})]})})
    pieces = views.transcript_pieces(s)
    assert "".join(p.text for p in pieces) == s.transcript.text
    (marked,) = [p for p in pieces if p.heard_as]
    assert marked.text == "15" and marked.heard_as == "50" and 'first heard as "50"' in marked.title
    assert marked.kind == "duration"  # still the minutes fact, playable from its place in the audio
