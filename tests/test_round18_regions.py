"""Issue 13, round 18: where the work was done, the joint disease named, pain in and out, the visit's length.

Classes: "lat" before another area is the charting abbreviation of lateral ("lat hamstring", "lat
calf"), and the lateral-movement exercise names ("lat shuffles", "lat band walks") train no lats;
a hand or finger that gives an exercise its resistance ("resisted ... with her palm") is no area
treated; osteoarthritis (OA, DJD, degenerative joint disease) is coded by its joint from ICD-10-CM
and covers that joint's pain code; a timing phrase right after a score closes its clause ("a two
coming out"); the time spent at the place of care ("total time in the clinic") is the visit's
length. Phrasings are written here, none from any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript
from scribe.analysis import analyse


def run(text: str):
    return extract(Transcript.from_text(text))


def areas(text: str) -> list[tuple[str, str]]:
    return [(a.area, a.laterality.value) for t in run(text).treatments for a in t.areas]


def regions(text: str) -> set[str]:
    return {r.value for t in run(text).treatments for a in t.areas for r in a.regions}


def analysed(text: str, payer: str = "commercial"):
    _, _, claim, found = analyse(Transcript.from_text(text), payer=payer, date_of_service=None, use_data_dir=False)
    return claim, {f.id.value for f in found}


def codes(text: str) -> set[str]:
    return {d.code for d in analysed(text)[0].diagnoses}


def pain(text: str) -> tuple[int | None, int | None]:
    r = run(text)
    return (r.pain_before and r.pain_before.score, r.pain_after and r.pain_after.score)


# --- "lat" as lateral ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, area", [
    ("Hamstring strain 4/10. STM to L lat hamstring 12 min.", ("hamstrings", "left")),
    ("Calf cramping 5/10. Myofascial release R lat calf 10 minutes.", ("calf", "right")),
    ("Runner, thigh sore 3/10. Sports massage to the R lat thigh, 20 min.", ("quadriceps", "right")),
])
def test_lat_before_another_area_is_its_position(text, area):
    found = areas(text)
    assert area in found
    assert all(a != "latissimus_dorsi" for a, _ in found)


@pytest.mark.parametrize("text", [
    "Knee pain 4/10. TE 15 min: lat shuffles, step downs, wall sits.",
    "Hip pain 3/10. Ther ex 20 min - lat band walks, clamshells, bridges.",
    "Ankle sprain 3/10. Agility 12 min, lat bounds and cone drills.",
])
def test_lateral_movement_drills_train_no_lats(text):
    assert "thoracic" not in regions(text)


@pytest.mark.parametrize("text", [
    "Upper back tight 5/10. Massage to the lats and rhomboids 30 min.",
    "Mid back tight 5/10. STM to the R lat and rhomboids 15 min.",
])
def test_the_lats_are_still_the_lats(text):
    assert "latissimus_dorsi" in {a for a, _ in areas(text)}


# --- the hand that resists --------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("Jaw pain 4/10. TE 12 min: resisted mouth opening with her fingertips, lateral jaw glides.", {"head"}),
    ("Neck pain 5/10. Ther ex 10 minutes, isometric neck rotation against her palm.", {"cervical"}),
    ("Knee 3/10. TE 15 min, resisted knee extension with the therapist's hand, quad sets.", {"lower_extremity"}),
])
def test_a_hand_giving_resistance_is_no_area_treated(text, want):
    assert regions(text) == want


def test_a_hand_worked_on_is_still_the_hand():
    assert ("hand", "left") in areas("Hand stiff 4/10. Massage to the left hand 15 min, then resisted grip.")


# --- osteoarthritis by joint ------------------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    ("Right knee OA, pain 5/10. TE 25 min: quad sets, SLR, step ups.", "M17.11"),
    ("Bilateral knee osteoarthritis, 4/10. Ther ex 23 min, mini squats, bike.", "M17.0"),
    ("Left hip DJD, 6/10 walking. Manual therapy 15 min, inferior glides L hip.", "M16.12"),
    ("Degenerative joint disease of the right shoulder, 5/10. TE 20 min, pendulums, wand flexion.", "M19.011"),
    ("Lumbar DJD, low back 5/10. Manual therapy 15 min, PA mobs L3-L5.", "M47.816"),
])
def test_osteoarthritis_is_coded_by_its_joint(text, code):
    assert code in codes(text)


def test_the_joint_disease_covers_its_joints_pain_code():
    found = codes("L knee OA, knee pain 6/10 on stairs. TE 25 min: step ups, TKE, bike.")
    assert "M17.12" in found
    assert not any(c.startswith("M25.56") for c in found)


def test_oa_counts_only_in_capitals():
    # lower-case "oa" is no charting abbreviation (a typo, a word fragment): no joint disease read
    conditions = {f.condition for f in run("Knee pain 4/10, oa. TE 20 min, squats.").facts if f.kind == "condition"}
    assert "osteoarthritis" not in conditions
    assert "osteoarthritis" in {f.condition for f in run("Knee pain 4/10, OA. TE 20 min, squats.").facts
                                if f.kind == "condition"}


# --- pain going in, coming out ----------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("Deep tissue 50 min to the upper back. Shoulders were a six going in and a three coming out.", (6, 3)),
    ("Swedish massage 60 minutes. Neck pain a seven going into it, a four coming out of it.", (7, 4)),
    ("STM low back 30 min. Back pain was a five walking in and a two heading out.", (5, 2)),
])
def test_a_timing_phrase_after_a_score_closes_it(text, want):
    assert pain(text) == want


def test_the_phrase_that_timed_a_score_times_no_later_one():
    # "coming in" belongs to the six; the two, said after "after", is the outcome
    text = "Massage to the traps 40 min. She said the neck was a six coming in, and after it was maybe a two."
    assert pain(text) == (6, 2)


def test_a_score_coming_from_elsewhere_is_not_closed_by_coming():
    # "coming" that starts no timing phrase does not end the number's clause
    assert pain("Neck pain 6/10. Massage 30 min. She has a two coming up next week.")[1] is None


# --- the visit's length, said as time at the place of care ------------------------------------

@pytest.mark.parametrize("opening", [
    "Total time in the clinic today thirty minutes.",
    "Time in clinic 30 min.",
    "Total time at the office was thirty minutes.",
])
def test_time_at_the_place_of_care_is_the_visits_length(opening):
    note = (f"{opening} Knee pain 4/10. Therapeutic exercise twenty minutes, step ups and squats. "
            "Manual therapy to the knee twenty minutes. Pain 2/10 after.")
    assert "DURATION_IMPLAUSIBLE" in analysed(note)[1]  # 40 billed minutes in a 30-minute visit


def test_time_at_the_place_mid_sentence_is_no_visit_length():
    note = ("Knee pain 4/10. Therapeutic exercise twenty minutes, step ups and squats, she spent more "
            "time in the gym thirty minutes on her own. Manual therapy to the knee twenty minutes.")
    assert "DURATION_IMPLAUSIBLE" not in analysed(note)[1]
