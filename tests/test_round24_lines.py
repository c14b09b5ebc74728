"""Round 24 (paraphrases), lines and regions: a topic told first ("The hips, after that: ..."),
an order told by the area an earlier service worked ("after the shoulders"), a number repaired by
a hedge ("twenty, well, twenty-two"), a clock range joined by "up to", and a correction that moves
a technique to another area past a remark ("the cupping was on the hip, not the knee")."""

from __future__ import annotations

import pytest

from tests.reading import lines, run


def _areas(text: str) -> dict[str, set[str]]:
    return {t.technique: {a.area for a in t.areas} for t in run(text).treatments}


def test_a_topic_fronted_before_after_that_and_a_colon_is_the_next_services_area():
    text = ("Shoulders first: twenty minutes of myofascial release on the upper trapezius.\n\n"
            "The hips, left and right, after that: fifteen minutes of deep tissue massage.")
    assert "hip" in _areas(text)["deep_tissue_massage"]


def test_an_area_told_as_the_order_is_not_where_the_next_service_was():
    text = ("The calves first: twenty minutes of Swedish massage on the calves.\n"
            "The shoulder, after the calves: trigger point release for fifteen minutes on the upper trapezius.")
    areas = _areas(text)
    assert "calf" in areas["swedish_massage"]
    assert "calf" not in areas["trigger_point_therapy"]


def test_an_area_after_before_that_no_service_worked_stays():
    # nothing earlier worked the knee: "before the knee" is not an order by another service here
    text = "Before the knee work I did ten minutes of soft tissue mobilization on the knee."
    assert "knee" in _areas(text)["soft_tissue_mobilization"]


@pytest.mark.parametrize("hedge", ["well", "call it", "more like"])
def test_a_hedge_between_two_numbers_repairs_the_number(hedge):
    text = f"Deep tissue to the upper back, twenty, {hedge}, twenty-two minutes, slow strokes. Then stretching ten minutes."
    assert lines(text) == [("97110", 10), ("97124", 22)]


def test_well_elsewhere_is_no_correction():
    text = "Swedish massage to the low back, well tolerated, 30 minutes. Pain 5/10 before, 3/10 after."
    assert lines(text) == [("97124", 30)]


def test_a_clock_range_joined_by_up_to():
    text = ("From 9:00 to 9:15 manual therapy to the left shoulder. "
            "Then from 9:15 up to 9:38 therapeutic activities: reaching to shelves, carrying a basket.")
    assert lines(text) == [("97140", 15), ("97530", 23)]


def test_a_correction_moves_the_technique_to_another_area_past_a_remark():
    text = ("Myofascial release to the right shoulder, fifteen minutes. Then cupping on the knee for twelve minutes. "
            "My student asked \"the knee? really?\" Sorry, correction: the cupping was on the hip, not the knee.")
    areas = _areas(text)
    assert "knee" not in areas["cupping"] and "hip" in areas["cupping"]


def test_a_not_said_without_a_marker_moves_nothing():
    text = "Cupping on the knee for twelve minutes. The pain was in the hip, not the knee, she thinks."
    assert "knee" in _areas(text)["cupping"]
