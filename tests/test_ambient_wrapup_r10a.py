"""Ambient session recordings (issue 13, round 7): the recogniser writes down the room, and the
therapist often closes with a dictated wrap-up ("okay for the note: ..."). Phrasings our own.

Classes: the wrap-up restates the services, so an untimed mention said in passing before it is the
same service (no MISSING_DURATION, no second line); its pain scores win over scores heard in the
conversation; a falling pair said right after a body area or complaint is before -> after; the
therapist narrating "I'm going to do ..." during the session is doing it, not planning it.
"""

from __future__ import annotations

import pytest



from tests.reading import lines, pain, run


# --- the wrap-up restates the services said in passing ------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("alright lie back, some ultrasound over the knee now\nmm warm\n"
         "okay for the note: ultrasound right knee ten minutes, knee five to three",
         [("97035", 10)]),
        ("face down please, I'll work the upper back with deep tissue\nthat's the spot\n"
         "for the chart: deep tissue upper back thirty minutes",
         [("97124", 30)]),
        ("start with some joint mobs on the shoulder\nok\nnow the theraband rows\n"
         "okay for my note - shoulder joint mobilization twelve minutes, therapeutic exercise rows fifteen minutes",
         [("97110", 15), ("97140", 12)]),
    ],
)
def test_untimed_mention_before_the_wrap_up_is_its_timed_service(text, expected):
    assert lines(text) == expected


def test_a_different_code_said_only_in_passing_still_waits_for_minutes():
    text = ("okay some cupping on the back first\nfeels weird\n"
            "okay for the note: deep tissue low back twenty minutes")
    got = lines(text)
    assert ("97124", 20) in got and ("97140", None) in got


def test_without_a_wrap_up_an_untimed_mention_is_left_alone():
    text = "some ultrasound over the knee now. later, massage to the back twenty minutes."
    assert ("97035", None) in lines(text)


def test_a_wrap_up_stretch_is_the_exercise_not_a_stretch_inside_the_massage():
    text = ("massage on the calf now\nnice\nnow you do the calf stretch against the wall\n"
            "okay for the note: massage left calf ten minutes, therapeutic exercise calf stretching twelve minutes")
    r = run(text)
    by_cpt = {t.cpt: t for t in r.treatments}
    assert set(by_cpt) == {"97124", "97110"}
    assert by_cpt["97110"].minutes == 12 and by_cpt["97124"].minutes == 10


# --- pain: the wrap-up's pair, said of an area or complaint, wins ---------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        # the mid-session answer ("about a three") would otherwise be read as the arrival score
        ("how's the shoulder today\nit's a six\nokay joint mobs\n[pause]\nhow is it now\nabout a three\n"
         "okay for the note: shoulder joint mobilization fifteen minutes, right shoulder six to three", (6, 3)),
        ("number for the neck?\nfive\nsoft tissue to the upper trap\nbetter. three\n"
         "for the note: soft tissue mobilization right upper trap ten minutes, neck five to three", (5, 3)),
        ("the hip is bad this week\nright, deep tissue to the glutes\nfor the note: deep tissue glutes "
         "twenty five minutes, hip pain with sciatica eight to five", (8, 5)),
    ],
)
def test_wrap_up_pair_after_an_area_or_complaint(text, expected):
    assert pain(text) == expected


def test_a_rising_pair_after_an_area_is_no_change():
    text = "knee pain today. for the note: knee two to three sets of bridges, therapeutic exercise twenty minutes"
    assert pain(text)[1] is None


def test_area_of_the_pain_pair_is_not_a_treated_area():
    text = ("okay for the note: massage right calf ten minutes, therapeutic exercise hamstring stretching "
            "fifteen minutes, low back six to four")
    areas = {a.area for t in run(text).treatments for a in t.areas}
    assert "low_back" not in areas


# --- narration of what is being done now is no plan ----------------------------------------------

@pytest.mark.parametrize(
    "text, cpt",
    [
        ("how's it feeling, zero to ten\na six\nokay I'm going to do some myofascial release here, "
         "about ten minutes\n[pause]\nthat's ten. how's it feel\na four", "97140"),
        ("alright I'm going to start with massage to the calves, twenty minutes or so\n[pause]\ndone", "97124"),
    ],
)
def test_narrated_technique_is_performed(text, cpt):
    assert cpt in {t.cpt for t in run(text).treatments}


def test_a_plan_for_next_time_is_still_a_plan():
    text = "swedish back thirty minutes. next time I'm going to do cupping on the shoulders."
    assert {t.cpt for t in run(text).treatments} == {"97124"}
