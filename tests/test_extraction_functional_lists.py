"""Issue 13, round 6: a run of functional tasks and exercises closed by one time is one service.

"Bed to chair transfers and some bridging, nine minutes" names a block of functional training
(97530, 'dynamic activities to improve functional performance') whose exercise items were part
of it: the minutes are the whole list's, not the nearest exercise's, so no second service waits
for minutes. What keeps two services: an item with minutes of its own, an item said by a service's
own name, a lead that takes nothing in (a massage or an exercise first), and two families that are
not both active rehab. Phrasings are written here, none from any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript
from scribe.analysis import build_session


def billed(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in extract(Transcript.from_text(text)).treatments]


@pytest.mark.parametrize(
    "text, expected",
    [
        # joined by "and", the time closing the list
        ("Toilet transfers and wall squats, fourteen minutes.", [("97530", 14)]),
        # words between the items, and the time at the far end
        ("Bed mobility with the rail and heel slides in supine for 10 min.", [("97530", 10)]),
        # a service heading without a colon leads the list
        ("Functional work, reaching into the top shelf, carrying a laundry basket and some band rows, 12 min.",
         [("97530", 12)]),
    ],
)
def test_a_functional_list_with_one_time_is_one_service(text, expected):
    assert billed(text) == expected


def test_a_clause_break_still_splits_the_list():
    # "then" cuts the clause: the transfers keep no minutes, the bridging keeps its nine
    assert billed("Supine to sit on the mat then a few rounds of bridging off the edge, nine minutes.") == [
        ("97530", None), ("97110", 9)]


def test_the_list_is_the_run_before_the_time_only():
    # a technique after the closing time is no item of the list
    assert billed("Sit to stand and lunges 11 minutes, cupping on the quads.") == [("97530", 11), ("97140", None)]


def test_the_list_keeps_its_areas():
    (tr,) = extract(Transcript.from_text("Car transfers and step-ups for the left knee, 13 minutes.")).treatments
    assert (tr.cpt, tr.minutes) == ("97530", 13)
    assert [(a.area, a.laterality.value) for a in tr.areas] == [("knee", "left")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # each item says its own minutes: two services
        ("Stair practice 8 min and step-ups 9 min.", [("97530", 8), ("97110", 9)]),
        # an item said by a service's own name is a service
        ("Sit to stand and ther ex 10 min.", [("97530", None), ("97110", 10)]),
        # an exercise leads: the functional task is not taken in by it
        ("Clamshells and sit to stand, 12 minutes.", [("97110", None), ("97530", 12)]),
        # a family functional training does not take in
        ("Transfer training and tandem stance 10 min.", [("97530", None), ("97112", 10)]),
        # massage and manual therapy sharing one time are not this class
        ("Effleurage and pin and stretch on the calf 20 minutes.", [("97124", None), ("97140", 20)]),
    ],
)
def test_what_is_not_one_functional_service(text, expected):
    assert billed(text) == expected


def test_the_functional_service_bills_the_whole_time():
    session = build_session(Transcript.from_text("Curb practice with the walker and mini squats, twenty six minutes."),
                            payer="commercial", client="x", session_id="x")
    assert [(line.cpt, line.units) for line in session.claim.lines] == [("97530", 2)]
    assert not [f for f in session.rule_findings if f.id.value == "MISSING_DURATION"]
