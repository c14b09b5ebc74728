"""Round 12: ultra-terse charting (one-line LMT/PT notes).

Massage abbreviations ("Swed", "DT"), a bare number glued between a technique and its area as
that technique's minutes ("MLD 40 R leg"), a range closed by a prime ("8-12'"), glide directions
abbreviated ("inf glides"), and "x/10 in, y/10 out" as before and after. The non-readings matter
as much: a bare number after an exercise is reps, and a number with a unit, a grade, a score,
degrees or an age is no technique's minutes. Phrasings are our own, not the blind corpus's.
"""

from __future__ import annotations

import pytest

from tests.reading import lines, pain, run


@pytest.mark.parametrize("note, expected", [
    ("Swed 30 full body, pt relaxed.", [("97124", 30)]),
    ("Swed 25 back and neck. Pt tolerated well.", [("97124", 25)]),
    ("DT 40 R hamstrings, c/o tightness 5/10.", [("97124", 40)]),
    ("DT 20 low back, STM 15 L QL.", [("97124", 20), ("97140", 15)]),
    ("MLD 40 R leg, lymphedema.", [("97140", 40)]),
    ("IASTM 12 L plantar fascia, ice 10 L foot.", [("97010", 10), ("97140", 12)]),
    ("TrP 20 bilat upper traps, neck 6->3.", [("97140", 20)]),
])
def test_a_bare_count_between_a_technique_and_its_area_is_its_minutes(note, expected):
    assert lines(note) == sorted(expected)


@pytest.mark.parametrize("note", [
    "Swed full body.",
    "Swedish massage full body, no minutes noted.",
])
def test_swed_without_minutes_is_a_massage_waiting_for_them(note):
    assert lines(note) == [("97124", None)]


def test_dt_is_read_only_as_written():
    """'dt' in lower case is no deep tissue ('d/t' and typing slips): only the capitals chart it."""
    assert lines("dt 30 low back.") == []


@pytest.mark.parametrize("note, expected", [
    # after an exercise a bare count is reps, whatever follows it
    ("Clamshells 15 R hip, MFR 10' R glute.", ("97140", 10)),
    ("Bridges 12 bilat, STM 10' lumbar paraspinals.", ("97140", 10)),
])
def test_a_bare_count_after_an_exercise_stays_reps(note, expected):
    got = lines(note)
    assert expected in got
    assert all(minutes != 15 and minutes != 12 for _, minutes in got)


@pytest.mark.parametrize("note", [
    "STM 3 R calf.",               # too short to be a block of hands-on time: a count
    "MFR 6/10 R calf.",            # a score, not minutes
    "Jt mobs 90 deg R knee.",      # degrees
    "MFR 30 sec holds R calf.",    # its own unit
])
def test_a_number_that_is_no_minutes_is_not_read_as_minutes(note):
    assert all(minutes is None for _, minutes in lines(note))


def test_grade_and_age_are_not_minutes():
    assert lines("62 y/o, gr III jt mobs R knee 10', STM 8' R quads.") == [("97140", 8), ("97140", 10)]
    assert lines("DT 45 y/o low back.") == [("97124", None)]


def test_a_range_closed_by_a_prime_is_a_range():
    r = run("STM 8-12' L forearm flexors.")
    (t,) = r.treatments
    assert (t.cpt, t.minutes, t.minutes_max) == ("97140", 8, 12)


def test_an_abbreviated_glide_direction_takes_the_joint_said_before_it():
    r = run("Swed 25 R upper trap, GH inf glides R 10'.")
    by_code = {t.cpt: t for t in r.treatments}
    assert {a.area for a in by_code["97140"].areas} == {"shoulder"}
    assert "shoulder" not in {a.area for a in by_code["97124"].areas}
    assert by_code["97140"].minutes == 10


@pytest.mark.parametrize("note, expected", [
    ("Neck 6/10 in, 2/10 out. Swed 30 neck/shoulders.", (6, 2)),
    ("Knee pain 5 in, 3 out. STM 10' R quads.", (5, 3)),
])
def test_in_and_out_after_a_score_are_before_and_after(note, expected):
    assert pain(note) == expected


def test_in_before_a_body_area_is_a_location_not_a_timing():
    assert pain("Pain 6/10 in the low back. DT 30 low back. 3/10 after.") == (6, 3)


def test_session_length_with_a_prime_and_appt():
    r = run("50' appt. Swed 30 back, DT 15 neck.")
    assert r.session_minutes == 50
    assert lines("50' appt. Swed 30 back, DT 15 neck.") == [("97124", 15), ("97124", 30)]


def test_in_before_an_activity_is_where_it_hurts_not_a_timing():
    """'5/10 in single-leg stance' scores an activity; the stance is no service of the visit."""
    note = "Hip pain 5/10 in single-leg stance. MFR 15 R glute med. 2/10 after."
    assert pain(note) == (5, 2)
    assert lines(note) == [("97140", 15)]


def test_cross_fiber_friction_charted_as_initials():
    assert lines("CFF 8 R patellar tendon, ice 10' R knee.") == [("97010", 10), ("97140", 8)]
