"""Areas named in a contrast, and asides that negate, do not change what was treated (issue 13).

Phrasings written here, none from any corpus. A careful biller reads "MFR to the hamstrings,
a different area from the back work" as hamstrings only; and "TP release with the thumb, no
needles, to the left rhomboid" as the rhomboid treated: the aside negates the needles, not
the place or the minutes said after it.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Context, Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


def areas(text: str) -> list[list[str]]:
    return [[a.area for a in t.areas] for t in ex(text).treatments]


# --- an area said in a contrast is not the treatment's area ---------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Deep tissue to the hamstrings for 20 minutes, a different area from the low back work.",
         [["hamstrings"]]),
        ("Myofascial release to the left calf for 12 minutes, separate from the knee.", [["calf"]]),
        ("Swedish to the upper back for 25 minutes, staying away from the neck and the left shoulder.",
         [["upper_back"]]),
        ("Petrissage to the glutes for 18 minutes and nothing other than the glutes, not the hips.",
         [["glutes"]]),
        ("Effleurage to both legs for 30 minutes, excluding the right knee.", [["leg"]]),
    ],
)
def test_area_after_a_contrast_phrase_is_not_treated(text, expected):
    assert areas(text) == expected


def test_contrasted_area_keeps_two_services_on_distinct_regions():
    """The class that mattered for billing: manual therapy on the neck and massage on the back
    "which is a separate region from the neck" are distinct regions, not one."""
    text = ("Trigger point release to the right scalenes for 14 minutes. Then Swedish massage to the low back "
            "for 28 minutes, which is a separate region from the neck.")
    trs = ex(text).treatments
    assert [t.cpt for t in trs] == ["97140", "97124"]
    assert {r.value for a in trs[1].areas for r in a.regions} == {"lumbar"}


def test_area_after_other_words_of_a_contrast_is_still_treated():
    """Only the area (or list of areas) right after the phrase is set apart: one said behind other
    words of the clause is where the work went."""
    text = "Other than a quick posture check, myofascial release to the right forearm for 12 minutes."
    assert areas(text) == [["forearm"]]


# --- a negated aside ends at the comma that opens a place or a time -------------------------

@pytest.mark.parametrize(
    "text, area, minutes",
    [
        ("Trigger point pressure with my knuckle, no needles, on the left rhomboid for 10 minutes.",
         "rhomboids", 10),
        ("Swedish massage to the calves, not the feet, for 24 minutes.", "calf", 24),
        ("Myofascial release by hand, no tools, to the right forearm x 16 minutes.", "forearm", 16),
    ],
)
def test_negated_aside_does_not_reach_the_place_or_minutes_after_it(text, area, minutes):
    trs = ex(text).treatments
    assert len(trs) == 1
    assert area in [a.area for a in trs[0].areas]
    assert trs[0].minutes == minutes


def test_negated_aside_still_negates_what_it_names():
    facts = ex("Swedish massage to the calves, not the feet, for 24 minutes.").facts
    feet = [f for f in facts if getattr(f, "area", None) == "foot"]
    assert feet and all(f.context == Context.negated for f in feet)


def test_negated_list_after_a_comma_stays_negated():
    """A list joined by commas ("no cupping, heat or ice") is still one negation: only a comma that
    opens a place or a time ends it."""
    facts = ex("Did Swedish to the back for 30 minutes. No cupping, heat or ice today.").facts
    negated = {f.technique for f in facts if getattr(f, "technique", None) and f.context == Context.negated}
    assert {"cupping", "hot_cold_pack"} <= negated


# --- minutes named again are not a second block ----------------------------------------------

def billed(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in ex(text).treatments]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Stair training with one rail for 11 minutes. I almost charted twelve steps but it was ten, "
         "the 11 minutes stands.", [("97530", 11)]),
        ("Balance work on foam for 14 min. That 14 min included rest breaks between trials.", [("97112", 14)]),
        ("Cross-fiber friction to the patellar tendon for eight minutes. The same eight minutes covered "
         "the quad tendon too.", [("97140", 8)]),
    ],
)
def test_minutes_referred_to_again_are_the_same_block(text, expected):
    assert billed(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Swedish to the left hamstring for 12 minutes. Then twelve minutes on the right hamstring.",
         [("97124", 12), ("97124", 12)]),
        ("Joint mobs to the ankle 10 minutes. The other 10 minutes went to the midfoot.",
         [("97140", 10), ("97140", 10)]),
    ],
)
def test_new_minutes_after_a_block_are_still_a_block(text, expected):
    assert billed(text) == expected


# --- how long the client held a posture is an outcome, not service minutes --------------------

@pytest.mark.parametrize(
    "text",
    [
        "MFR to the left QL x 9. Outcome: 3/10 after, stood 15 min at the counter w/o a break.",
        "Pin and stretch L calf x 9. Resp: 1/10, stood 12 min at the sink.",
        "STM to the R forearm 14 minutes. Afterward she could sit 25 min typing without symptoms.",
        "Effleurage to the low back 20 min. Tolerance: sat x 30 min after tx.",
        "Deep tissue to the low back, 30 minutes. Afterward he was able to lie 10 min supine comfortably.",
    ],
)
def test_minutes_a_posture_was_held_after_the_work_are_no_second_block(text):
    trs = ex(text).treatments
    assert len(trs) == 1
    assert trs[0].minutes in {9, 14, 20, 30}


def test_posture_named_in_an_exercise_keeps_its_minutes():
    """Beside a technique the posture is the exercise: "balance training sitting and standing"."""
    text = "Hot pack to the low back 10 min. Then neuromuscular re-ed, balance training sitting and standing 11 minutes."
    assert ("97112", 11) in billed(text)
