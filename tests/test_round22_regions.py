"""Round 22 (paraphrases): where the work was done, read the same in other wordings.

1. A generic tissue word placed by an area said after it ("the paraspinals in her neck",
   "erectors of the low back") is that area's tissue, as "cervical paraspinals" is
   (areas.AreaMatcher._placed_after, token set TISSUE_PLACE_PREP).
2. The part the client lay on ("bracing lying on her back") is the position, not an area
   (areas.AreaMatcher._lain_on, token set LYING_POSTURE_WORD).
3. An area word that is a unit after a number ("toss out to sixty feet") is a distance
   (areas.AreaMatcher._unit_after_number, token set MEASURE_UNIT).
4. Generic "intrinsics" after another area ("foot intrinsics") are that area's muscles
   (areas.jsonl qualified_terms); "LB" is the charted low back.
5. "head of the gastrocnemius" is a muscle's head (areas.jsonl head never_before), and a device
   "strapped to her head" is carried by it, not exercised (linking.jsonl
   link.support_device_fastened).
6. A symptom named and sent along a path ("sciatica down the leg into the calf") is where it is
   felt, in a run-on as after a full stop (linking.jsonl link.symptom_path_named_symptom).
7. The knee pulled in "single knee to chest" is the lever of a low-back stretch, not the part
   exercised (linking.jsonl link.lever_of_a_stretch, role lever_after).
8. Complaints said another way: "the shoulder that's been hurting", "is paining him" (token set
   AREA_LINK_BEFORE_CONDITION, conditions.jsonl pain.second_language_verb), so the diagnosis
   takes the shoulder's side from the treated area.
9. Wordings of a service: "hot moist pack" (techniques.jsonl), and an estimate hedged "I will
   say twenty minutes" is no plan (context.jsonl pseudo.hedged_estimate).

Phrasings are our own; counter-tests keep the readings each change must not break."""

from __future__ import annotations

from tests.reading import run


def _regions(text: str) -> set[str]:
    return {r for t in run(text).treatments for a in t.areas for r in a.regions}


# 1. tissue placed after ------------------------------------------------------------------------

def test_paraspinals_placed_in_the_neck_are_cervical():
    text = "Stiff neck, 5/10. Swedish massage 15 min to the paraspinals in his neck. 2/10 after."
    assert _regions(text) == {"cervical"}


def test_erectors_of_the_low_back_are_lumbar():
    text = "Deep tissue 20 minutes to the erectors of the lower back, pain 6 then 3."
    assert _regions(text) == {"lumbar"}


def test_paraspinals_said_alone_stay_the_whole_back():
    text = "Back pain 5/10. Massage 20 min to the paraspinals and then the neck. 3/10 after."
    assert _regions(text) == {"thoracic", "lumbar", "cervical"}


# 2. lying on -----------------------------------------------------------------------------------

def test_lying_on_her_back_is_a_position():
    text = "Shoulder pain 4/10. Ther ex 15 min: wand flexion lying on her back 2x10, pulleys. 2/10 after."
    assert "lumbar" not in _regions(text) and "thoracic" not in _regions(text)


def test_massage_on_her_back_is_still_the_back():
    text = "Back pain 5/10. Swedish massage on her back, 30 minutes. 2/10 after."
    assert {"thoracic", "lumbar"} <= _regions(text)


# 3. units after numbers ------------------------------------------------------------------------

def test_feet_after_a_number_is_a_distance():
    text = ("Knee pain 3/10. Ther ex 20 min: lateral band walks, hops for sixty feet, step-ups. "
            "STM to the right quad 10 min. 1/10 after.")
    assert "lower_extremity" in _regions(text)
    run_text = "Elbow pain 4/10. Ther ex 15 minutes: wrist curls, then a throw out to ninety feet. 2/10 after."
    assert _regions(run_text) == {"upper_extremity"}


def test_massage_to_both_feet_is_the_feet():
    text = "Foot pain 5/10. Reflexology-style massage to the feet, 20 min. 2/10 after."
    assert _regions(text) == {"lower_extremity"}


# 4. qualified intrinsics and LB ----------------------------------------------------------------

def test_foot_intrinsics_are_the_foot():
    text = "Arch pain 4/10. Strengthening for the foot intrinsics and the calf, 15 minutes. 2/10 after."
    assert _regions(text) == {"lower_extremity"}


def test_charted_lb_is_the_low_back():
    text = "LBP 5/10. DTM LB + glutes x25'. Post 3/10."
    assert _regions(text) == {"lumbar", "pelvic"}


def test_pounds_after_a_number_are_no_low_back():
    text = "Shoulder pain 3/10. TE x15': ER w/ 2 LB, rows. Post 1/10."
    assert "lumbar" not in _regions(text)


# 5. a muscle's head; a device strapped on ------------------------------------------------------

def test_head_of_a_muscle_is_not_the_head():
    text = "Calf strain 4/10. Deep tissue 20 min on the lateral head of the left gastrocnemius. 2/10 after."
    assert _regions(text) == {"lower_extremity"}


def test_device_strapped_to_the_head_is_not_the_head():
    text = ("Neck pain 5/10. Neuromuscular re-ed 12 minutes for the neck: position sense with a laser "
            "strapped to his head aimed at a target. 3/10 after.")
    assert _regions(text) == {"cervical"}


def test_massage_to_the_head_is_still_the_head():
    text = "Headache 6/10. Swedish massage to the head and neck, 20 minutes. 2/10 after."
    assert _regions(text) == {"head", "cervical"}


# 6. a named symptom's path ---------------------------------------------------------------------

def test_run_on_sciatica_path_is_no_treated_calf():
    text = ("low back pain with numbness down the right leg into the foot six out of ten today manual "
            "therapy twelve minutes to the right lumbar paraspinals then pain four")
    assert _regions(text) == {"lumbar"}


def test_calf_treated_after_the_symptom_is_still_treated():
    text = "Tingling down the left leg, 5/10. Massage 20 min to the left calf. 3/10 after."
    assert _regions(text) == {"lower_extremity"}


# 7. the lever of a stretch ---------------------------------------------------------------------

def test_knee_to_chest_is_a_low_back_stretch():
    text = ("Low back pain 6/10. Ther ex 15 min: pelvic tilts, double knee to chest, seated lumbar "
            "flexion stretch. 3/10 after.")
    assert _regions(text) == {"lumbar"}


def test_knee_exercises_stay_the_knee():
    text = "R knee pain 4/10. Ther ex 15 min: quad sets, heel slides, knee extension. 2/10 after."
    assert _regions(text) == {"lower_extremity"}


# 8. complaints said another way ----------------------------------------------------------------

def _codes(text: str) -> list[str]:
    from billing import bill, load_profiles
    return [d.code for d in bill(run(text), load_profiles().get("commercial")).claim.diagnoses]


def test_relative_clause_complaint_codes_the_treated_side():
    text = ("Twenty minutes of deep tissue to his left shoulder and the upper arm. That's the shoulder "
            "that has been hurting him; pain five out of ten.")
    assert "M25.512" in _codes(text)


def test_paining_is_a_complaint():
    text = "Her left hip is paining her when she walks. Massage 20 min to the left glutes and hip."
    assert _codes(text) == ["M25.552"]


# 9. wordings of a service ----------------------------------------------------------------------

def test_hot_moist_pack_is_a_hot_pack():
    lines = [t.cpt for t in run("Neck pain 4/10. Hot moist pack to the neck 10 minutes, then massage 20 min.").treatments]
    assert "97010" in lines


def test_hedged_estimate_keeps_its_minutes():
    tr = run("Neck pain 5/10. I did trigger point release on the left upper trap, I will say fifteen "
             "minutes, then 2/10.").treatments
    assert [(t.cpt, t.minutes) for t in tr] == [("97140", 15)]


def test_will_with_minutes_is_still_a_plan():
    tr = run("Neck pain 5/10. Massage 20 min to the neck. Next visit I will do 10 minutes of traction.").treatments
    assert [(t.cpt, t.minutes) for t in tr] == [("97124", 20)]
