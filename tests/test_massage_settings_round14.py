"""Massage in varied settings, round 14 (issue 13). Phrasings our own.

Classes:
- the visit's kind or its order said with the service's generic name ("Oncology massage at the
  infusion suite", "the hospice nurse requested massage for his feet", "Rx: therapeutic massage")
  beside a timed massage names the visit, not a second massage waiting for minutes;
- Swedish strokes (effleurage, kneading, compression, tapotement, stroking) said without minutes
  in the sentence after, or before, a timed massage are how it was given: their areas join it;
- a home-care opening ("Home:", "Home care,", "Aftercare:") makes what follows advice, never a
  service today, even with minutes ("heat 15 minutes nightly");
- an area said "not worked" / "left alone" / "untouched" is no treated area;
- a number after a titled name set off by commas ("Mrs. Okafor, 84,") is an age, not minutes;
- a side said as a position ("then right side-lying") is no reference to the other side's area.
Each class has a counter-test where the service, the minutes or the area stands.
"""

from __future__ import annotations

import pytest

from tests.reading import run


def lines(text: str) -> list[tuple[str, int | None]]:
    """(code, minutes) of each treatment, an untimed one first within its code."""
    return sorted(((t.cpt, t.minutes) for t in run(text).treatments), key=lambda x: (x[0], x[1] or 0))


def regions(text: str) -> set[str]:
    return {r.value for t in run(text).treatments for a in t.areas for r in a.regions}


@pytest.mark.parametrize(
    "text, expected",
    [
        # the visit's kind: a setting or population word before the generic name
        ("Oncology massage at the infusion suite, she has neuropathy in both feet. "
         "Swedish to the upper back and neck, 20 minutes, very light.",
         [("97124", 20)]),
        ("Senior massage in the memory care wing for his stiff knees. "
         "Gentle Swedish to the shoulders and upper arms 18 min.",
         [("97124", 18)]),
        ("Workplace chair massage for a warehouse lead with sore wrists. "
         "Deep tissue upper back and rhomboids, 12 minutes.",
         [("97124", 12)]),
        # the order: an order word a few filler words before the generic name
        ("The hospice nurse requested massage for his swollen feet. He was in the recliner. "
         "Twenty minutes of Swedish to both feet and ankles.",
         [("97124", 20)]),
        ("Rx: therapeutic massage for low back pain with sciatica, Dr. Lim, 2x/wk. "
         "Deep tissue to the right hamstrings and calf 30 min. MFR to the right QL 15 min.",
         [("97124", 30), ("97140", 15)]),
        # counter-tests: a plain "massage" on an area beside a timed Swedish is a service of its own;
        # the kind word with its own minutes, or alone, is the service
        ("Massage to the feet. Swedish to the back, 30 minutes.",
         [("97124", None), ("97124", 30)]),
        ("Prenatal massage, side-lying, 45 minutes to the low back and hips.",
         [("97124", 45)]),
        ("Hospice comfort massage for his legs and back; he fell asleep.",
         [("97124", None)]),
    ],
)
def test_visit_kind_and_order_name_the_visit(text, expected):
    assert lines(text) == expected


@pytest.mark.parametrize(
    "text, expected_lines, expected_regions",
    [
        ("Swedish for 40 minutes, prone then supine. Worked the low back and upper back,\n"
         "then down the legs, kneading and long compression strokes on the calves.",
         [("97124", 40)], {"lumbar", "thoracic", "lower_extremity"}),
        ("Twenty-five minutes of deep tissue to the neck. Finished with light tapotement across the shoulders.",
         [("97124", 25)], {"cervical", "upper_extremity"}),
        ("Gliding strokes and petrissage over both forearms and hands,\n10 min of massage altogether.",
         [("97124", 10)], {"upper_extremity"}),
        # counter-tests: a technique that is no stroke waits for its minutes; a stroke with no timed
        # massage is itself the service that waits
        ("Swedish to the back, 30 minutes. Myofascial release to the neck.",
         [("97124", 30), ("97140", None)], {"thoracic", "lumbar", "cervical"}),
        ("Effleurage and kneading to both calves.",
         [("97124", None)], {"lower_extremity"}),
    ],
)
def test_strokes_are_how_the_timed_massage_was_given(text, expected_lines, expected_regions):
    assert lines(text) == expected_lines
    assert regions(text) == expected_regions


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Deep tissue to the low back 35 min.\nHome: heat 15 minutes nightly, doorway pec stretch, cat-cow.",
         [("97124", 35)]),
        ("Swedish to the neck and shoulders, thirty minutes. Home care, a warm shower before bed, the pillow "
         "between her knees at night, and the gentle chin tucks she already knows.",
         [("97124", 30)]),
        ("MFR to the right plantar fascia 15 min. Aftercare: roll the arch on a frozen bottle ten minutes, calf stretches.",
         [("97140", 15)]),
        # counter-tests: a home-care client's visit is a visit; work said before the advice stands
        ("Home care visit, she is bedbound. Swedish to her back and legs 25 minutes.",
         [("97124", 25)]),
        ("Home care client seen at her house, Swedish to the back 20 min and foot massage 10 min.",
         [("97124", 10), ("97124", 20)]),
    ],
)
def test_home_care_openings_are_advice(text, expected):
    assert lines(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Deep tissue to the neck and upper traps 30 min, legs not worked, varicose veins.", {"cervical"}),
        ("Trigger point work to the right upper trapezius 15 min. Left shoulder left alone.", {"cervical"}),
        ("Swedish upper back 20 min; the arms were not treated today, fresh IV bruising.", {"thoracic"}),
        # counter-test: an area said as worked stays
        ("Swedish upper back 20 min. Both arms worked with effleurage too.", {"thoracic", "upper_extremity"}),
    ],
)
def test_areas_not_worked_are_no_treated_areas(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Comfort massage - Mrs. Okafor, 84, CHF, in her recliner. Light effleurage hands and feet, 20 minutes.",
         [("97124", 20)]),
        ("Geriatric massage for Mr. Lund, 91, at the assisted living. Swedish back 25 min.",
         [("97124", 25)]),
        # counter-test: minutes after a technique set off by commas, with no name, stay minutes
        ("Myofascial release on the right hamstring, fifteen, then stretching.",
         [("97140", 15)]),
    ],
)
def test_age_after_a_titled_name_is_no_minutes(text, expected):
    assert lines(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Deep tissue to the right glute and low back 30 min. Then left side-lying with a bolster.",
         {"pelvic", "lumbar"}),
    ],
)
def test_a_side_lying_position_is_no_side_reference(text, expected):
    assert regions(text) == expected


def test_a_side_lying_position_adds_no_other_side():
    r = run("MFR to the right hip 20 min, prone then left sidelying.")
    assert sorted(a.laterality.value for t in r.treatments for a in t.areas) == ["right"]


def test_a_side_said_after_then_still_refers_back():
    # counter-test: "then the left" after the right side's work is that work on the other side
    text = "Deep tissue to the right calf 15 min, then the left 15 min."
    r = run(text)
    sides = sorted(a.laterality.value for t in r.treatments for a in t.areas)
    assert sides == ["left", "right"]
