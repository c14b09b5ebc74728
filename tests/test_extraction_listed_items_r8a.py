"""Items of another code family listed under a timed service, and bare nouns said as states (issue 13).

A list introduced by a service with minutes ("Balance work 20 min: ...", "NMR 12': ...", a
flowsheet row "9:05-9:15 MHP ... w/ ...") is what that service was made of: an item named without
minutes of its own is part of it, whatever family its own word belongs to, never a second service
waiting for minutes. A bare ambiguous noun ("gait", "balance") said with a word of how it is now
("gait steadier", "balance improved") is an observation, not a service. Phrasings written here.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


def billed(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in ex(text).treatments]


def untimed(text: str) -> list[str]:
    """Codes of the treatments left without minutes: what billing would ask for (MISSING_DURATION)."""
    return [c for c, m in billed(text) if m is None]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a heading that is not the service's own name, but says its own minutes before the colon
        ("Balance work 20 min: tandem stance on foam, lunges to a target, heel raises on a wedge.",
         [("97112", 20)]),
        ("Proprioception 12 minutes: wobble board, squats on a BOSU.", [("97112", 12)]),
        # the service's name with minutes typed as a prime before the colon
        ("NMR 12': single leg stance on a pillow, step-ups with a pause.", [("97112", 12)]),
        ("TherEx 18': bridges, side planks, tandem walking at the rail.", [("97110", 18)]),
    ],
)
def test_untimed_item_of_another_family_belongs_to_the_timed_heading(text, expected):
    assert billed(text) == expected


def test_flowsheet_row_opened_by_the_services_minutes_keeps_its_modifiers():
    text = ("9:20-9:40 TE: bike, mini squats\n"
            "9:40-9:52 MHP L low back w/ compression, pillow under knees")
    assert billed(text) == [("97110", 20), ("97010", 12)]


def test_an_item_with_its_own_minutes_under_a_timed_heading_stays_its_own():
    """Minutes of its own make an item of another family a service of its own."""
    text = "Balance work 15 min: tandem stance, then theraband rows 8 min."
    assert [c for c, _ in billed(text)] == ["97112", "97110"]


def test_two_services_named_in_one_timed_sentence_without_a_heading_still_ask_for_minutes():
    """No list heading: techniques of two families with one time still leave the second untimed."""
    assert untimed("Swedish and cupping to the back, 40 minutes.") == ["97124"]
    assert untimed("Swedish to the back 40 minutes with cupping.") == ["97140"]


def test_a_list_after_an_exercise_said_in_passing_is_no_heading():
    """An exercise without minutes before a colon opens no list of what a service was made of."""
    text = "Ther ex 20 min. Heel raises: progressed to single leg. NMR 10 min on foam."
    assert [c for c, _ in billed(text)] == ["97110", "97112"]


@pytest.mark.parametrize(
    "text",
    [
        "Ther ex 25 min, hip and knee strengthening. After: gait steadier, 2/10.",
        "Manual 15 min to the L ankle. Balance improved on reassessment.",
        "TE 20 min for the knee. Gait normalized by the end, pain 1/10.",
    ],
)
def test_a_bare_noun_said_as_a_state_is_no_service(text):
    assert [c for c, _ in billed(text)] in (["97110"], ["97140"])
    assert untimed(text) == []


def test_the_same_nouns_said_as_services_are_kept():
    assert billed("Gait 10 min in the hallway with the cane.") == [("97116", 10)]
    assert billed("Balance 12 min on the foam beam.") == [("97112", 12)]


@pytest.mark.parametrize(
    "text, cpt",
    [
        ("Leg press and lat pulldown, 3x12 each, 14 minutes.", "97110"),
        ("Grip putty and FlexBar twists 10 minutes for the forearm.", "97110"),
        ("Circuit training 20 min.", "97110"),
    ],
)
def test_exercise_equipment_names_are_therapeutic_exercise(text, cpt):
    assert [c for c, _ in billed(text)] == [cpt]
