"""Issue 13, round 14: where the work was done, and the diagnosis the complaint names.

Classes: vertebral levels name their spinal region (never a cardio machine's level or a reach
landmark); an area naming symptoms that travel, or whose motion is told as an outcome, is not a
treated area; an exercise's name says where it is aimed only in the complaint's regions; a
client-performed service with no area takes the complaint's area when the complaints lie in one
region and other areas said were worked on; "right" after an object pronoun is no side of the
back; a case-kept condition term opening a sentence ("Tension HA"). Phrasings are written here,
none from any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def run(text: str):
    return extract(Transcript.from_text(text))


def regions(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in run(text).treatments:
        out.setdefault(t.cpt, set()).update(r.value for a in t.areas for r in a.regions)
    return out


def conditions(text: str) -> set[str]:
    return {f.condition for f in run(text).facts if f.kind == "condition"}


# --- vertebral levels ------------------------------------------------------------------------

@pytest.mark.parametrize("text, region", [
    ("Mid back stiff 5/10. Grade III central PAs T5-T7, 12 min.", "thoracic"),
    ("Stiff and sore 6/10 after gardening. Maitland mobs grade III R C2/3 and C3/4, 15 min.", "cervical"),
    ("Sore 5/10 after lifting. Rotational mobs grade IV L3/4 for 10 minutes.", "lumbar"),
    ("Sore 5/10. PA glides at L4 x 10 min.", "lumbar"),
])
def test_a_vertebral_level_names_its_region(text, region):
    assert regions(text)["97140"] == {region}


@pytest.mark.parametrize("text", [
    "R knee 4/10. Warm-up on the NuStep L4 for 10 minutes, then TE 15 min: step ups, mini squats.",
    "R knee 4/10. Recumbent bike 8 min, L3, then TE 15 min: step ups, mini squats.",
])
def test_a_machine_level_is_no_vertebra(text):
    assert all("lumbar" not in found for found in regions(text).values())


def test_a_reach_landmark_is_no_vertebra():
    text = "R shoulder pain 5/10. STM R infraspinatus 10 min. Thumb to T10 behind the back after."
    assert regions(text)["97140"] == {"upper_extremity"}


# --- symptoms that travel, and motion told as an outcome ---------------------------------------

def test_an_area_naming_symptoms_that_centralise_is_not_treated():
    text = ("LBP with L sciatica 7/10. Repeated extension in lying for the low back 14 min "
            "and her leg tingling centralised up to the buttock.")
    assert regions(text)["97110"] == {"lumbar"}


def test_the_leg_named_as_worked_still_counts():
    text = "LBP with L sciatica 7/10. Hamstring stretching and nerve glides for the left leg, 14 min."
    assert "lower_extremity" in regions(text)["97110"]


def test_an_area_whose_motion_improved_is_not_treated():
    text = "L knee pain 5/10. Patellar mobs 12 minutes. Massage to the low back 10 minutes, knee flexion better too."
    assert regions(text)["97124"] == {"lumbar"}


def test_an_area_after_its_motion_exercise_is_treated():
    text = "Neck pain 5/10. Massage to the neck 10 minutes, then cervical rotation stretches 12 minutes."
    assert regions(text)["97110"] == {"cervical"}


# --- an exercise's name and the complaint --------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("R knee pain 5/10 with stairs. TE 25 min: clamshells, glute bridges, step downs.", {"lower_extremity"}),
    ("L shoulder pain 6/10. Ther ex 20 minutes: serratus punches, rows, wall slides.", {"upper_extremity"}),
])
def test_a_muscle_in_an_exercise_name_outside_the_complaint_gives_way_to_it(text, want):
    assert regions(text)["97110"] == want


def test_an_exercise_name_in_the_complaint_region_stands_beside_a_named_area():
    text = ("Low back pain with sciatica down the left leg, 6/10. "
            "Therex 12 minutes: lumbar rotation stretch, nerve flossing for the left leg.")
    assert regions(text)["97110"] == {"lumbar", "lower_extremity"}


def test_a_region_moved_beside_the_complaint_region_stands():
    text = "Neck pain 6/10. TE 20 min: chin tucks, cervical rotation AROM, thoracic extension over a foam roll."
    assert regions(text)["97110"] == {"cervical", "thoracic"}


def test_without_a_complaint_area_the_exercise_name_stands():
    text = "Feeling weak overall. TE 20 min: glute bridges and clamshells."
    assert regions(text)["97110"] == {"pelvic"}


# --- the complaint's area for a service with none ------------------------------------------------

def test_complaint_area_when_other_areas_were_worked_on():
    text = ("R shoulder pain 5/10 reaching up. TE 20 min: band ER, rows, wall slides. "
            "STM to the R upper trap 10 min.")
    assert regions(text)["97110"] == {"upper_extremity"}


def test_no_complaint_area_when_another_part_is_only_mentioned():
    text = ("R shoulder pain 5/10 reaching up. L ankle a bit swollen too. "
            "TE 20 min: band ER, rows, wall slides. STM to the R upper trap 10 min.")
    assert regions(text)["97110"] == set()


# --- word senses -----------------------------------------------------------------------------------

def test_right_back_after_an_object_pronoun_is_no_area():
    text = "L knee 4/10. Seated TE 12 min: ankle pumps, LAQ, then he got lightheaded so I sat him right back down."
    assert regions(text)["97110"] == {"lower_extremity"}


def test_her_right_back_is_an_area():
    text = "Back pain 5/10. Swedish massage to her right back for 25 minutes."
    assert regions(text)["97124"] == {"thoracic", "lumbar"}


def test_a_case_kept_condition_term_opening_a_sentence():
    assert "tension_headache" in conditions("Tension HA 5/10 today. Massage to the neck 30 min.")


def test_the_abbreviation_alone_keeps_its_case():
    assert "tension_headache" not in conditions("Tension ha today was ok. Massage to the neck 30 min.")
