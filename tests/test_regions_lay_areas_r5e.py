"""Issue 13, round 4 (mobile LMT and regional voices): the areas a service was done on, hence its
regions, the distinct-region modifier, and the relaxation-only flag.

Phrasings are our own, one or more per class of failure, not copied from the blind corpora:
an area list said before its technique ("hips and the backs of her thighs, Swedish, 30 min"),
an area said as the subject of how it is now ("the calf's looser"), a symptom referral path,
pelvic floor and elbow anatomy in charting shorthand, a surface that is not an ice pack,
"soft tissue massage" as massage, a qualifier inside the area's own words ("full back"), and a
relaxation visit whose absences are listed one after another.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import FactKind, Transcript
from tests.test_regions_diagnoses_classes import claim_of, regions_by_code  # the same two readings


def lines(claim) -> dict[str, list[str]]:
    return {line.cpt: sorted(line.modifiers) for line in claim.lines}


# --- an area list that heads its technique -------------------------------------------------

@pytest.mark.parametrize(
    "text, cpt, want",
    [
        ("Hips and the backs of her thighs, Swedish, thirty minutes. Then MFR on the neck for 15 minutes.",
         "97124", {"lower_extremity"}),
        ("Left QL and glute med, trigger point, twelve minutes. Then twenty minutes of Swedish on the upper back.",
         "97140", {"lumbar", "pelvic"}),
    ],
)
def test_areas_said_before_a_comma_and_their_technique_are_its_areas(text, cpt, want):
    assert regions_by_code(text)[cpt] == want


def test_an_area_led_technique_on_another_region_gets_the_distinct_modifier():
    claim, found = claim_of("Calves and shins, deep tissue, 25 minutes. Then trigger point to the right "
                            "upper trap for 15 minutes. Neck pain 6/10 before, 3/10 after.")
    assert lines(claim)["97124"] == ["59"]
    assert "DISTINCT_SERVICE" in found and "SAME_REGION_CONFLICT" not in found


# --- areas said as an outcome or a symptom path --------------------------------------------

@pytest.mark.parametrize(
    "text, cpt, want",
    [
        ("Swedish to the neck for twenty minutes and the low back's a three now.", "97124", {"cervical"}),
        ("MFR to the right piriformis 15 min, the calf's less crampy after.", "97140", {"pelvic"}),
        ("Trigger point on the left QL, eighteen minutes, with a referral down the thigh.", "97140", {"lumbar"}),
    ],
)
def test_an_area_that_is_only_how_it_feels_or_where_it_refers_is_not_treated(text, cpt, want):
    assert regions_by_code(text)[cpt] == want


def test_an_area_treated_and_then_described_keeps_its_region():
    assert regions_by_code("Effleurage to the low back 20 minutes, low back felt looser.")["97124"] == {"lumbar"}


# --- anatomy vocabulary --------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, want",
    [
        ("Internal MFR to the right levator ani, 14 min.", {"pelvic"}),
        ("Myofascial release to the obturator internus on both sides, done externally, ten minutes.", {"pelvic"}),
        ("STM to the R lat epicondyle x 9 min.", {"upper_extremity"}),
        ("Cross friction at the med epicondyle, 8 minutes.", {"upper_extremity"}),
    ],
)
def test_pelvic_floor_and_elbow_shorthand(text, want):
    assert regions_by_code(text)["97140"] == want


def test_levator_scapulae_is_still_cervical():
    assert regions_by_code("MFR to the left levator for 10 minutes.")["97140"] == {"cervical"}


def test_a_qualifier_inside_the_area_keeps_it_before_a_sequence_word():
    assert regions_by_code("Thirty minutes of massage, whole back then some stretching.")["97124"] == {"thoracic", "lumbar"}


def test_soft_tissue_massage_is_massage_and_stm_is_manual_therapy():
    assert set(regions_by_code("Soft tissue massage to the calves, 20 minutes.")) == {"97124"}
    assert set(regions_by_code("Soft tissue mobilization to the calves, 20 minutes.")) == {"97140"}


@pytest.mark.parametrize("text", [
    "Hip pain since she slipped on the ice last month. Swedish to the hips 25 min.",
    "Wrist sore after a fall on ice. Massage to the forearm, twenty minutes.",
])
def test_ice_fallen_on_is_no_cold_pack(text):
    assert "97010" not in regions_by_code(text)


def test_ice_applied_is_still_a_cold_pack():
    assert "97010" in regions_by_code("Massage to the knee 20 min, then ice to the knee 10 min.")


# --- relaxation only -----------------------------------------------------------------------

def test_listed_absences_keep_the_relaxation_cue():
    text = "No soreness, nothing hurting, she just wanted an hour off. Sixty minutes of Swedish, full body."
    facts = extract(Transcript.from_text(text)).facts_of(FactKind.cue)
    assert any(f.cue.value == "relaxation_only" for f in facts)
    _, found = claim_of(text)
    assert "NOT_MEDICALLY_NECESSARY" in found


def test_a_relaxation_massage_with_no_complaint_is_flagged_and_with_one_is_not():
    _, found = claim_of("Relaxation massage, back and legs, fifty minutes. Fell asleep.")
    assert "NOT_MEDICALLY_NECESSARY" in found
    _, found = claim_of("Low back pain 5/10. Relaxation massage to the low back, fifty minutes. 2/10 after.")
    assert "NOT_MEDICALLY_NECESSARY" not in found


def test_a_denied_relaxation_purpose_is_still_denied():
    _, found = claim_of("Not for relaxation today: neck pain 6/10. Swedish to the neck 30 minutes, 3/10 after.")
    assert "NOT_MEDICALLY_NECESSARY" not in found


# --- a self-correction that ends on the area meant -----------------------------------------

def test_not_the_retracted_area_but_the_one_after_it_is_treated():
    text = "Deep tissue on his mid back and shoulders, sorry, not the shoulders, his lats, 25 minutes."
    assert regions_by_code(text)["97124"] == {"thoracic"}
    areas = {f.area: f.context.value for f in extract(Transcript.from_text(text)).facts_of(FactKind.area, context=None)}
    assert areas["latissimus_dorsi"] == "performed" and areas["shoulder"] == "negated"


def test_a_plain_negated_list_stays_negated():
    text = "Swedish to the back 30 minutes, not the neck, not the arms."
    assert regions_by_code(text)["97124"] == {"thoracic", "lumbar"}


# --- a relaxation visit's outcome ----------------------------------------------------------

@pytest.mark.parametrize("said", ["She got up super relaxed.", "He said he felt like jelly afterwards."])
def test_feeling_relaxed_is_the_outcome_of_a_relaxation_visit(said):
    _, found = claim_of(f"Nothing hurting, wanted to unwind. Swedish, full body, fifty minutes. {said}")
    assert "MISSING_OUTCOME" not in found


def test_loose_minutes_with_ish_are_the_minutes_said():
    text = "MFR on the left scalenes, twelve-ish minutes. Then a half hour of Swedish on the low back."
    by_code = {t.cpt: t.minutes for t in extract(Transcript.from_text(text)).treatments}
    assert by_code == {"97140": 12, "97124": 30}


# --- lay and regional body words -----------------------------------------------------------

@pytest.mark.parametrize(
    "text, want",
    [
        ("Swedish on her butt and the small of her back, 20 minutes.", {"pelvic", "lumbar"}),
        ("Deep tissue to his bum, both sides, twenty minutes.", {"pelvic"}),
        ("Massage to the soles of her feet and the fronts of her thighs, 15 min.", {"lower_extremity"}),
        ("Swedish on the mouse arm for twenty minutes.", {"upper_extremity"}),
        ("Effleurage over the tailbone 10 minutes.", {"sacral"}),
        ("Effleurage to the nape of her neck, 10 minutes.", {"cervical"}),
    ],
)
def test_lay_body_words_map_to_their_region(text, want):
    assert regions_by_code(text)["97124"] == want


def test_a_bum_knee_is_the_knee():
    assert regions_by_code("Swedish around his bum knee, 15 minutes.")["97124"] == {"lower_extremity"}


# --- ice and heat in their everyday senses -------------------------------------------------

@pytest.mark.parametrize("text", [
    "Came straight from ice hockey practice. Swedish to the quads 25 minutes.",
    "Handed me an iced tea on the way in. Massage to the neck 20 minutes.",
    "Sluggish from the heat wave. MFR to the upper traps 15 min.",
    "Went down on the ice at the rink. Trigger point to the left glute 12 minutes.",
    "Waited out in the heat for the bus. Deep tissue to the back 30 min.",
])
def test_everyday_ice_and_heat_are_no_hot_or_cold_pack(text):
    assert "97010" not in regions_by_code(text)


@pytest.mark.parametrize("text", [
    "Deep tissue to the back 30 min, then heat on the low back for ten minutes.",
    "Ice to the right ankle 10 min after the MFR to the calf 15 min.",
])
def test_a_pack_applied_is_still_97010(text):
    assert "97010" in regions_by_code(text)


@pytest.mark.parametrize("why", ["She wanted to zone out for an hour.", "Some me time, no aches or pains."])
def test_lay_relaxation_reasons_raise_the_flag_without_a_complaint(why):
    _, found = claim_of(f"{why} Swedish, full body, sixty minutes. Left very relaxed.")
    assert "NOT_MEDICALLY_NECESSARY" in found


def test_a_relaxation_reason_beside_a_complaint_raises_nothing():
    _, found = claim_of("Wanted to zone out, but the left shoulder aches, 5/10. Swedish to the shoulder 30 min, 2/10 after.")
    assert "NOT_MEDICALLY_NECESSARY" not in found


# --- an area said in a reason, in spoken or regional words ---------------------------------

@pytest.mark.parametrize(
    "text, cpt, want",
    [
        ("Swedish on his upper back for 25 minutes cos his shoulders were up round his ears.", "97124", {"thoracic"}),
        ("MFR to the left calf 15 minutes, seeing as the ankle was still too swollen to touch.", "97140", {"lower_extremity"}),
        ("Trigger point on the QL for twenty minutes since she's been sitting on her glutes all week.", "97140", {"lumbar"}),
        ("Deep tissue to the neck, 20 minutes, as he'd been clenching his jaw.", "97124", {"cervical"}),
    ],
)
def test_an_area_in_a_spoken_reason_is_why_not_where(text, cpt, want):
    assert regions_by_code(text)[cpt] == want


def test_as_well_as_still_adds_the_area():
    assert regions_by_code("Swedish on the low back as well as her neck, 30 min.")["97124"] == {"lumbar", "cervical"}


# --- areas said first, minutes and technique after (out of order) ---------------------------

@pytest.mark.parametrize(
    "text, cpt, want",
    [
        ("Swedish to the back 20 min. On the left calf, twelve minutes of MFR.", "97140", {"lower_extremity"}),
        ("Neck, twenty minutes of Swedish, then the glutes, ten minutes of trigger point.", "97140", {"pelvic"}),
        ("Neck, twenty minutes of Swedish, then the glutes, ten minutes of trigger point.", "97124", {"cervical"}),
    ],
)
def test_an_area_heading_before_a_block_of_minutes_is_that_blocks(text, cpt, want):
    assert regions_by_code(text)[cpt] == want


def test_a_technique_said_first_keeps_its_own_clause():
    # the heading rule applies only when the sentence so far names nothing but areas
    text = "Swedish on the low back for 20 minutes. Then fifteen minutes of MFR on the neck."
    assert regions_by_code(text) == {"97124": {"lumbar"}, "97140": {"cervical"}}
