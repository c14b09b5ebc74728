"""Issue 13, round 20: long first-person massage narratives with lay words for the body.

Classes: a timing phrase ending in "to" whose object is a body part ("from the hip down to the
heel") traces an area and times no score; a small count set off by a comma right after a complaint
("her hip's been playing up, a good seven") rates it and is never minutes; lay idioms of pain
("giving him hell"); "pain-free, she said" as a reported zero; a relative who is the object of
helping or carrying ("lifting his son") is the occasion of the complaint, not its reporter; a
service whose machine is broken was not given; an area said as a landmark ("between the spine and
the shoulder blade", "either side of the spine") yields to the part worked; "back" as an
adjective of teeth, the therapist's fingertips tucked under a part, and the weight of a part let
rest are no areas treated. Phrasings are written here, none from any corpus.
"""

from __future__ import annotations

from extraction import extract
from models import Transcript
from scribe.analysis import analyse


def run(text: str):
    return extract(Transcript.from_text(text))


def pain(text: str) -> tuple[int | None, int | None]:
    ex = run(text)
    return (ex.pain_before.score if ex.pain_before else None, ex.pain_after.score if ex.pain_after else None)


def regions(text: str) -> set[str]:
    return {r.value for t in run(text).treatments for a in t.areas for r in a.regions}


def lines(text: str, payer: str = "commercial") -> dict[str, tuple[int, list[str]]]:
    _, _, claim, _ = analyse(Transcript.from_text(text), payer=payer, date_of_service=None, use_data_dir=False)
    return {ln.cpt: (ln.units, sorted(ln.modifiers)) for ln in claim.lines}


# --- a spatial "down to <area>" is no drop in pain -----------------------------------------------

def test_swelling_traced_down_to_a_part_leaves_the_score_before():
    text = ("Swollen all along the shin from the knee down to the ankle, and he says the shin throbs at a five. "
            "Twenty-five minutes of lymphatic drainage to the lower leg. Throb was a two after.")
    assert pain(text) == (5, 2)


def test_a_real_drop_down_to_a_score_still_times_it():
    text = "Neck at a six. Thirty minutes of Swedish to the neck, pain down to a three."
    assert pain(text) == (6, 3)


# --- a count right after a complaint rates it -----------------------------------------------------

def test_count_after_complaint_is_a_rating_not_minutes():
    text = ("His hip has been killing him, a good seven. Forty minutes of deep tissue on the hip. "
            "A three when he left.")
    ex = run(text)
    assert pain(text) == (7, 3)
    assert [t.minutes for t in ex.treatments] == [40]


def test_lay_idiom_giving_him_hell_is_pain():
    text = "Shoulder's been giving him hell, a solid eight. Thirty minutes of Swedish on the shoulder. Four at the end."
    assert pain(text) == (8, 4)


def test_minutes_after_a_technique_still_count():
    text = "Low back sore. Swedish to the low back, a good twenty, then stretching."
    assert [t.minutes for t in run(text).treatments if t.cpt == "97124"] == [20]


# --- "pain-free she said" -------------------------------------------------------------------------

def test_pain_free_with_reporting_verb_is_zero_after():
    text = ("Temples pounding, seven out of ten. Twenty minutes of craniosacral work to the head. "
            "Afterwards the pounding was gone, pain-free he said.")
    assert pain(text) == (7, 0)


def test_said_she_was_pain_free_at_close():
    text = "Knee a four. Thirty minutes of Swedish to the thigh and knee. On the way out she said she was pain free."
    assert pain(text) == (4, 0)


# --- a relative helped or carried is no reporter ---------------------------------------------------

def test_score_after_helping_a_relative_is_the_clients():
    text = ("Sore all over after lifting his son onto the trampoline, rates it a six out of ten. "
            "Thirty minutes of Swedish to the back. Down to a two.")
    assert pain(text) == (6, 2)


def test_relative_reporting_still_is_another_persons():
    ex = run("Her daughter says her own neck is a nine. Client's back is a four. Swedish to the back for thirty minutes.")
    assert ex.pain_before is not None and ex.pain_before.score == 4


# --- broken equipment ------------------------------------------------------------------------------

def test_heat_unit_broken_means_no_hot_pack_line():
    text = ("Hydrocollator unit is broken this week. Deep tissue to the upper back for thirty minutes, "
            "pain five to two.")
    assert set(lines(text)) == {"97124"}


def test_hot_pack_given_when_machine_works():
    text = "Moist heat to the low back for ten minutes, then Swedish to the low back for thirty minutes."
    assert "97010" in lines(text)


# --- landmarks --------------------------------------------------------------------------------------

def test_area_between_blade_and_spine_is_thoracic_only():
    text = ("Deep tissue for thirty minutes on the rhomboids, that strip between the spine and the shoulder blade. "
            "Pain four to one.")
    assert regions(text) == {"thoracic"}


def test_either_side_of_the_spine_beside_low_back_is_lumbar():
    text = "Twenty-five minutes of Swedish to the low back, slow strokes either side of the spine."
    assert regions(text) == {"lumbar"}


def test_upper_trap_shelf_between_neck_and_shoulder_stays_cervical():
    text = "Swedish to the upper traps, the slope between neck and shoulder, for twenty minutes."
    assert regions(text) == {"cervical"}


def test_spine_alone_keeps_its_regions():
    text = "Twenty minutes of effleurage along the whole spine."
    assert regions(text) == {"cervical", "thoracic", "lumbar"}


def test_muscle_located_between_rib_and_hip_bone_is_lumbar():
    text = ("Trigger point work on the right QL, which sits between the lowest rib and the crest of the hip bone, "
            "fifteen minutes.")
    assert regions(text) == {"lumbar"}


# --- words that are no area treated -----------------------------------------------------------------

def test_back_teeth_are_no_back():
    text = "Intraoral work on the left masseter and the pterygoids behind the back teeth, ten minutes."
    assert regions(text) == {"head"}


def test_therapist_fingertips_tucked_under_the_skull():
    text = "Fifteen minutes of myofascial release to the suboccipitals, fingertips tucked under the occiput."
    assert "upper_extremity" not in regions(text)


def test_weight_of_head_resting_is_not_worked():
    text = ("Myofascial release to the neck for twenty minutes, the weight of his head resting in my palms. "
            "Then ten minutes of Swedish to the scalp and face.")
    ex = run(text)
    neck = next(t for t in ex.treatments if t.cpt == "97140")
    assert {r.value for a in neck.areas for r in a.regions} == {"cervical"}
    assert lines(text)["97124"][1] == ["59"]
