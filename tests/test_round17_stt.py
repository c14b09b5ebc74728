"""Round 17: raw speech-recogniser dictation (lowercase run-ons, no punctuation, split words).

Four mechanisms, each with phrasings of our own (not the blind corpus's):
- a body part that is the subject of a pain score ("knee was a seven") names where it hurts, not
  where the work was done, even when a run-on puts it in the same clause as a technique;
- a recogniser splits a long muscle name into common words ("glue to medius", "sub oxy pitals",
  "rom boids", "quad ratus lumborum"): the mishearings vocabulary maps them to the area, and the
  split "quad" is no quadriceps;
- "functional stuff / things / practice" is spoken shorthand for therapeutic activities (97530);
- a timing cue after the part a score was said of is the score's ("a nine for his back coming in"),
  and "going out" / "on the way out" time a score as after.
"""

from __future__ import annotations

import pytest

from tests.reading import lines, pain, run


def areas_by_code(text: str) -> dict[str, list[str]]:
    return {t.cpt: sorted(a.area for a in t.areas) for t in run(text).treatments}


@pytest.mark.parametrize("note, code, expected", [
    ("okay so sore shoulder this week shoulder was a seven swedish massage to both calves twenty minutes",
     "97124", ["calf"]),
    ("um stm to the low back fifteen minutes then massage to the calves twenty two minutes "
     "her back was a two after", "97124", ["calf"]),
    ("knee is a six today deep tissue on the hamstrings thirty minutes knee was a three at the end",
     "97124", ["hamstrings"]),
])
def test_an_area_that_is_a_scores_subject_is_not_a_treated_area(note, code, expected):
    assert areas_by_code(note)[code] == expected


def test_an_area_said_as_worked_in_a_run_on_stays():
    """The control: the same run-on, the part named as where the work went."""
    got = areas_by_code("um swedish massage to the neck and both calves twenty minutes pain was a three after")
    assert got["97124"] == ["calf", "neck"]


@pytest.mark.parametrize("note, area", [
    ("trigger point to the right glue to medius ten minutes", "glutes"),
    ("uh trigger point on the gluten maximus twelve minutes", "glutes"),
    ("myofascial release to the sub oxy pitals twelve minutes", "suboccipitals"),
    ("massage between the rom boids eighteen minutes", "rhomboids"),
    ("stm to the quad ratus lumborum on the left fourteen minutes", "quadratus_lumborum"),
])
def test_a_muscle_name_split_into_words_by_the_recogniser_is_that_area(note, area):
    assert area in [a for areas in areas_by_code(note).values() for a in areas]


def test_a_split_quadratus_is_no_quadriceps():
    got = areas_by_code("soft tissue mobilization to the quad rat us lumbar um both sides twenty minutes")
    assert got["97140"] == ["quadratus_lumborum"]


@pytest.mark.parametrize("note, minutes", [
    ("then functional stuff 12 minutes lifting a laundry basket and reaching to a shelf", 12),
    ("did some functional things for ten minutes carrying boxes and stepping onto a curb", 10),
    ("functional practice eleven minutes getting in and out of a car", 11),
])
def test_spoken_shorthand_for_functional_work_is_therapeutic_activities(note, minutes):
    assert ("97530", minutes) in lines(note)


@pytest.mark.parametrize("note, expected", [
    ("he rated it a nine for his low back coming in and a four going out swedish thirty minutes", (9, 4)),
    ("massage to the neck twenty minutes she was a seven out of ten for the neck on arrival and on the way out like a three",
     (7, 3)),
    ("stm to the calf fifteen minutes calf was a six when she walked in and heading out about a two", (6, 2)),
])
def test_timing_after_the_part_a_score_was_said_of_and_going_out(note, expected):
    assert pain(note) == expected


def test_pain_going_out_into_a_limb_is_no_after_cue():
    """'going out into the arm' says where the pain travels, not when it was rated."""
    note = "neck pain going out into the right arm a six before massage to the neck twenty minutes a three after"
    assert pain(note) == (6, 3)
