"""Issue 13, round 2: treated regions, suggested diagnoses and the medical-necessity flag.

Phrasings are our own, written for each class of failure, not copied from the blind corpora:
an area that is not a treated area of a billed line (the therapist's hands, where a symptom
travels, a part the client moves, an exercise named by a muscle, the back of a limb), a generic
tissue word qualified by the area before it, a doctor's or a referral's diagnosis read as the
client's complaint, tendinitis of the Achilles or patellar tendon, and a denial of any complaint.
"""

from __future__ import annotations

from datetime import date

import pytest

from extraction import extract
from models import Context, FactKind, Transcript
from scribe.analysis import analyse


def regions_by_code(text: str) -> dict[str, set[str]]:
    """The regions of each treatment, by code."""
    out: dict[str, set[str]] = {}
    for t in extract(Transcript.from_text(text)).treatments:
        out.setdefault(t.cpt, set()).update(r.value for a in t.areas for r in a.regions)
    return out


def claim_of(text: str, payer: str = "commercial"):
    _, _, claim, findings = analyse(Transcript.from_text(text), payer=payer, date_of_service=date(2026, 3, 2),
                                    use_data_dir=False)
    return claim, {f.id.value for f in findings}


# --- areas that are not treated -----------------------------------------------------------

@pytest.mark.parametrize(
    "text, cpt, want",
    [
        ("Ischemic compression with my hands to the left levator, 12 minutes.", "97140", {"cervical"}),
        ("Pin and stretch using both hands on the hamstrings for 10 minutes.", "97140", {"lower_extremity"}),
        ("Trigger point release with the hand on the QL, eighteen minutes.", "97140", {"lumbar"}),
    ],
)
def test_the_therapists_hands_are_an_instrument_not_an_area(text, cpt, want):
    assert regions_by_code(text)[cpt] == want


def test_massage_to_the_hand_is_still_the_hand():
    assert regions_by_code("Swedish to the right hand and forearm 20 minutes.")["97124"] == {"upper_extremity"}


@pytest.mark.parametrize(
    "text",
    [
        "MFR on the suboccipitals 15 minutes, one knot referred up into the forehead.",
        "Trigger points in the left glute med, 20 min, pressure there reproduced the ache radiating down the leg.",
        "Sustained pressure to the right scalenes for 12 minutes; tingling shooting into the hand eased.",
    ],
)
def test_where_a_symptom_travels_is_not_treated(text):
    regions = regions_by_code(text)["97140"]
    assert regions and regions <= {"cervical", "pelvic"}


def test_a_part_the_client_moves_is_not_treated():
    text = "Deep tissue on the left upper trap 25 minutes, after that he could turn his head freely and lift his arm."
    assert regions_by_code(text)["97124"] == {"cervical"}


def test_an_exercise_named_by_a_muscle_is_not_a_treated_abdomen():
    text = "Core program 20 minutes: abdominal bracing, dead bugs and bird dogs for the low back."
    assert "abdomen" not in regions_by_code(text).get("97110", set())


def test_massage_of_the_abdomen_is_still_the_abdomen():
    assert regions_by_code("Gentle massage to the abdomen, 15 minutes.")["97124"] == {"abdomen"}


@pytest.mark.parametrize(
    "text, want",
    [
        ("Myofascial release to the back of her shoulder and the infraspinatus, 15 minutes.", {"upper_extremity"}),
        ("Cross-fiber friction along the back of the thigh 10 minutes.", {"lower_extremity"}),
    ],
)
def test_the_back_of_a_limb_is_that_limb(text, want):
    assert regions_by_code(text)["97140"] == want


def test_shoulder_blades_are_not_the_shoulder_joint():
    text = "Swedish between his shoulder blades and over the pecs, 40 minutes."
    assert regions_by_code(text)["97124"] == {"thoracic", "rib_cage"}


# --- a generic tissue word takes the region of the area before it ---------------------------

@pytest.mark.parametrize(
    "text, want",
    [
        ("Petrissage to the mid-back paraspinals 20 minutes.", {"thoracic"}),
        ("Effleurage t spine erectors 15 min.", {"thoracic"}),
        ("Deep tissue to the low back erectors for twenty minutes.", {"lumbar"}),
    ],
)
def test_qualified_paraspinals_keep_the_qualifiers_region(text, want):
    assert regions_by_code(text)["97124"] == want


def test_bare_paraspinals_are_still_the_whole_back():
    assert regions_by_code("Swedish to the paraspinals 30 minutes.")["97124"] == {"thoracic", "lumbar"}


@pytest.mark.parametrize("text", ["joint mobs c spine 12 min", "grade two mobs to the l spine 12 min"])
def test_spaced_spine_abbreviations_are_one_region(text):
    assert len(regions_by_code(text)["97140"]) == 1


def test_distinct_regions_after_qualified_paraspinals_take_the_modifier():
    claim, found = claim_of("Lumbar joint mobs 15 minutes. Then effleurage to the thoracic paraspinals, 20 minutes.")
    massage = next(ln for ln in claim.lines if ln.cpt == "97124")
    assert "59" in massage.modifiers and "SAME_REGION_CONFLICT" not in found


# --- a doctor's or a referral's diagnosis is the client's complaint --------------------------

def test_a_doctors_diagnosis_is_the_clients_condition():
    found = extract(Transcript.from_text(
        "His physician says it is plantar fasciitis on the right. MFR to the right plantar fascia 10 minutes."))
    cond = next(f for f in found.facts_of(FactKind.condition) if f.condition == "plantar_fasciitis")
    assert cond.context == Context.performed


def test_a_chiropractors_treatment_is_still_not_billed():
    found = extract(Transcript.from_text("Her chiropractor adjusted her neck on Monday. Swedish to the low back 30 minutes."))
    assert [t.cpt for t in found.treatments] == ["97124"]
    assert {r.value for t in found.treatments for a in t.areas for r in a.regions} == {"lumbar"}


def test_a_referral_reason_gives_the_diagnosis():
    claim, _ = claim_of("Client referred for cervicalgia, er, neck pain after a fall. MFR to the upper traps 20 minutes.")
    assert "M54.2" in [d.code for d in claim.diagnoses]


def test_a_family_members_complaint_is_still_not_the_clients():
    found = extract(Transcript.from_text("Her husband has plantar fasciitis. Swedish full body 60 minutes."))
    assert all(f.context == Context.other_person for f in found.facts_of(FactKind.condition)
               if f.condition == "plantar_fasciitis")


# --- tendinitis named by the tendon ----------------------------------------------------------

@pytest.mark.parametrize(
    "text, code",
    [
        ("Right Achilles tendinopathy, sore on stairs 4/10. Massage to the right calf 20 minutes.", "M76.61"),
        ("Tendonitis in the left achilles, pain 5. Cross-fiber friction to the left Achilles tendon 10 min.", "M76.62"),
        ("Volleyball player with jumper's knee on the left, 6/10 landing. Friction massage patellar tendon 9 min.",
         "M76.52"),
        ("Right patellar tendinosis. Ultrasound to the right patellar tendon 8 minutes.", "M76.51"),
    ],
)
def test_tendinitis_of_a_named_tendon_is_coded(text, code):
    claim, _ = claim_of(text)
    assert code in [d.code for d in claim.diagnoses]


def test_the_achilles_is_still_the_lower_extremity():
    assert regions_by_code("Soft tissue mobilization to the achilles 12 min.")["97140"] == {"lower_extremity"}


# --- no complaint at all ------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Post-race flush, nothing hurts, just wanted to relax. Effleurage to both legs 20 minutes.",
        "Gift certificate visit, no pain or complaints. Swedish full body 50 minutes.",
    ],
)
def test_a_denial_of_any_complaint_raises_not_medically_necessary(text):
    _, found = claim_of(text)
    assert "NOT_MEDICALLY_NECESSARY" in found


def test_a_real_complaint_beside_relaxation_is_medical():
    _, found = claim_of("Wanted to relax, but her right shoulder hurts, 6/10. Swedish to the right shoulder 30 minutes.")
    assert "NOT_MEDICALLY_NECESSARY" not in found
