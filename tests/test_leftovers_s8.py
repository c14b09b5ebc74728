"""Issue 13, session 8: the last single-case classes of the older development sets.

Classes: a service the client performs (exercise, balance, functional activities, gait) with no
area of its own serves the one region the note speaks of; an item timed in brackets after its
block's minutes is part of that time; in a run-on note a trailing "next session" closes the clause
before it (the plan reaches back); "only got about N min" after a technique is that technique's
minutes, not the session's. Phrasings are written here, none from any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def run(text: str):
    return extract(Transcript.from_text(text))


def rows(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in run(text).treatments]


def regions(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in run(text).treatments:
        out.setdefault(t.cpt, set()).update(r.value for a in t.areas for r in a.regions)
    return out


# --- an area-less service the client performs takes the one region the note is about ----------

@pytest.mark.parametrize("text, cpt, region", [
    ("Pt is 4 wks s/p L ACL reconstruction.\nTherEx 25 min: quad sets, heel slides, SLR x3 sets.",
     "97110", "lower_extremity"),
    ("R shoulder 5/10 today.\nNMR 10 min: rhythmic stabilization, PNF D2 patterns.", "97112", "upper_extremity"),
    ("Neck pain 6/10 coming in. Chin tucks and rows, 12 minutes.", "97110", "cervical"),
    ("Low back pain this week. Gait training 15 min in the hallway.", "97116", "lumbar"),
])
def test_a_client_performed_service_without_area_takes_the_sole_region(text, cpt, region):
    assert regions(text)[cpt] == {region}


def test_with_areas_in_two_regions_the_note_does_not_say_which():
    found = regions("Neck pain 6/10 and R knee pain 4/10.\nTherEx 20 min: bike, rows, bridges.")
    assert found["97110"] == set()


def test_hands_on_work_without_area_still_has_none():
    # massage and manual therapy are applied to a part the therapist must name (MISSING_AREA asks)
    found = regions("Pt seen for lumbar strain. STM and MFR 12 min, pt tol well.")
    assert found["97140"] == set()


def test_a_planned_or_historical_other_area_is_not_the_complaint():
    # the home program's calf is planned: it is no second region
    found = regions("s/p R knee arthroscopy.\nTherEx 20 min: step-ups, mini squats.\nHEP: calf raises, hamstring stretch.")
    assert found["97110"] == {"lower_extremity"}


def test_an_area_of_its_own_is_kept():
    found = regions("L shoulder 5/10. TherEx to the R hip 15 min: clamshells, bridges.")
    assert found["97110"] == {"lower_extremity"}


# --- an item timed in brackets after its block's own minutes is part of them ------------------

@pytest.mark.parametrize("text", [
    "TherEx x25' (treadmill x8' warm-up, lunges, bridges).",
    "Ther ex 25 min (UBE 8 min to warm up, rows, wall push-ups)",
])
def test_a_bracketed_warm_up_is_inside_the_block(text):
    assert rows(text) == [("97110", 25)]


def test_timed_items_outside_brackets_are_blocks_of_their_own():
    assert rows("TherEx 20 min: bridges, clams. Bike 10 min.") == [("97110", 20), ("97110", 10)]


def test_a_bracketed_item_longer_than_the_block_is_no_part_of_it():
    assert sorted(rows("TherEx 10 min (bike 15 min)")) == [("97110", 10), ("97110", 15)]


# --- a trailing plan phrase in a run-on note reaches back ------------------------------------

def test_a_trailing_next_session_plans_the_technique_before_it():
    text = ("dictating for tom left hip replacement eight weeks hip is a three soft tissue to the left "
            "glutes twelve minutes then sit to stand practice fifteen minutes hip is a one now "
            "put him on the bike next visit")
    found = rows(text)
    assert ("97110", None) not in found
    assert ("97530", 15) in found and ("97140", 12) in found


def test_next_session_with_a_technique_after_it_still_plans_that_technique():
    text = ("dictating for tom left hip replacement eight weeks hip is a three soft tissue to the left "
            "glutes twelve minutes then sit to stand practice fifteen minutes hip is a one now "
            "next visit add the treadmill and lunges")
    found = rows(text)
    assert ("97140", 12) in found and ("97530", 15) in found
    assert all(cpt != "97110" for cpt, _ in found)


# --- "only got about N min" after a technique is its minutes, not the session's ---------------

@pytest.mark.parametrize("text, cpt, minutes", [
    ("Ther ex 20 min. Tandem stance on the foam pad, we only had about 5 minutes before she tired.", "97112", 5),
    ("Massage 30 min. Then gait training in the hall, only got 7 min in before he needed to sit.", "97116", 7),
])
def test_only_got_after_a_technique_times_it(text, cpt, minutes):
    assert (cpt, minutes) in rows(text)
    assert run(text).session_minutes is None


def test_only_got_said_of_the_visit_is_still_the_session():
    ex = run("Pt arrived late, only got 20 min today. Ther ex: bridges, clams, side planks.")
    assert ex.session_minutes == 20
