"""Linking minutes and areas to techniques across the orders people speak in; audio evidence."""

from __future__ import annotations

import re

import pytest

from extraction import extract
from models import Laterality, Region, RuleId, Segment, Transcript, Word


def treatments(text: str):
    return [
        (t.technique, t.cpt, t.minutes, sorted((a.area, a.laterality.value) for a in t.areas))
        for t in extract(Transcript.from_text(text)).treatments
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thirty minutes of Swedish massage to the back.", [("swedish_massage", "97124", 30, [("back", "unspecified")])]),
        ("Trigger point work on the traps, twenty minutes.",
         [("trigger_point_therapy", "97140", 20, [("upper_trapezius", "bilateral")])]),
        ("Did MFR to R upper trap x 15 min.", [("myofascial_release", "97140", 15, [("upper_trapezius", "right")])]),
        ("On the left shoulder I did myofascial release for ten minutes.",
         [("myofascial_release", "97140", 10, [("shoulder", "left")])]),
        ("Worked the low back with deep tissue for 20 minutes.",
         [("deep_tissue_massage", "97124", 20, [("low_back", "unspecified")])]),
        ("For twenty minutes I did deep tissue on the glutes.",
         [("deep_tissue_massage", "97124", 20, [("glutes", "bilateral")])]),
        ("15 min MFR L levator.", [("myofascial_release", "97140", 15, [("levator_scapulae", "left")])]),
        ("Swedish massage. Twenty minutes on the back.", [("swedish_massage", "97124", 20, [("back", "unspecified")])]),
    ],
)
def test_one_technique_in_any_order(text, expected):
    assert treatments(text) == expected


def test_previous_technique_continues_on_a_new_area_as_its_own_treatment():
    result = treatments(
        "Trigger point work on the right upper trap for twenty minutes. Then fifteen minutes on the left shoulder."
    )
    assert result == [
        ("trigger_point_therapy", "97140", 20, [("upper_trapezius", "right")]),
        ("trigger_point_therapy", "97140", 15, [("shoulder", "left")]),
    ]


def test_two_techniques_in_one_sentence_keep_their_own_minutes_and_areas():
    result = treatments("MFR to the neck 10 minutes and Swedish to the back 20 minutes.")
    assert result == [
        ("myofascial_release", "97140", 10, [("neck", "unspecified")]),
        ("swedish_massage", "97124", 20, [("back", "unspecified")]),
    ]
    result = treatments("20 minutes of Swedish to the back then 10 minutes of MFR to the neck")
    assert [(t[0], t[2], t[3][0][0]) for t in result] == [("swedish_massage", 20, "back"), ("myofascial_release", 10, "neck")]


def test_one_technique_two_blocks_in_one_sentence():
    result = treatments("MFR to the neck for 10 minutes and the left shoulder for 15 minutes.")
    assert result == [
        ("myofascial_release", "97140", 10, [("neck", "unspecified")]),
        ("myofascial_release", "97140", 15, [("shoulder", "left")]),
    ]


def test_one_code_family_sharing_minutes_is_one_treatment():
    (tr,) = extract(Transcript.from_text("Fifteen minutes of effleurage and petrissage on the back.")).treatments
    assert (tr.cpt, tr.minutes, tr.label) == ("97124", 15, "effleurage and petrissage")
    assert [a.area for a in tr.areas] == ["back"]


def test_two_code_families_sharing_minutes_are_not_double_counted():
    result = treatments("Swedish massage and trigger point work on the neck for 30 minutes.")
    assert result == [
        ("swedish_massage", "97124", None, [("neck", "unspecified")]),
        ("trigger_point_therapy", "97140", 30, [("neck", "unspecified")]),
    ]
    assert sum(t[2] or 0 for t in result) == 30


def test_a_list_after_a_duration_is_one_block():
    (tr,) = extract(Transcript.from_text("Ther ex x 25 min: AAROM wand, pulleys, isometrics R shoulder.")).treatments
    assert (tr.cpt, tr.minutes) == ("97110", 25)


def test_at_the_same_time_is_concurrent():
    result = extract(Transcript.from_text(
        "MFR to the neck for 15 minutes while a hot pack was on the low back. Then Swedish to the legs 20 minutes."
    )).treatments
    assert [(t.technique, t.concurrent) for t in result] == [
        ("myofascial_release", True), ("hot_cold_pack", True), ("swedish_massage", False)
    ]


def test_passive_stretching_during_massage_belongs_to_the_massage():
    result = extract(Transcript.from_text(
        "Swedish massage to the legs 30 minutes with passive stretching of the hamstrings."
    )).treatments
    assert [(t.cpt, t.minutes) for t in result] == [("97124", 30)]
    result = extract(Transcript.from_text("Deep tissue to the back 30 min. Stretched the hamstrings.")).treatments
    assert [t.cpt for t in result] == ["97124"]
    assert {a.area for a in result[0].areas} == {"back", "hamstrings"}


def test_active_stretching_is_exercise():
    result = extract(Transcript.from_text(
        "Swedish massage to the back 20 min. Client performed hamstring stretches, 3 sets, 10 minutes."
    )).treatments
    assert [(t.cpt, t.minutes) for t in result] == [("97124", 20), ("97110", 10)]


def test_planned_and_negated_minutes_do_not_attach_to_the_previous_technique():
    result = treatments(
        "MFR to the neck 15 minutes. Next visit we will do 30 minutes of deep tissue on the back. No cupping today."
    )
    assert result == [("myofascial_release", "97140", 15, [("neck", "unspecified")])]


def test_complaint_areas_are_not_treated_areas():
    result = treatments("Low back pain 6/10. Swedish massage to the neck 20 minutes.")
    assert result == [("swedish_massage", "97124", 20, [("neck", "unspecified")])]


def test_whisper_output_gives_the_same_findings_as_typed_text():
    typed = ("Pain seven out of ten. Thirty minutes of myofascial release to the left upper trapezius. "
             "Pain three out of ten after.")
    whisper = "pain 710 30 minutes of my facial release to the left upper trapezious pain 310 after"
    a, b = extract(Transcript.from_text(typed)), extract(Transcript.from_text(whisper))
    assert treatments(typed) == treatments(whisper)
    assert (a.pain_before.score, a.pain_after.score) == (b.pain_before.score, b.pain_after.score) == (7, 3)


# --- audio transcripts --------------------------------------------------------------------

def _audio(text: str, unsure: set[str] = frozenset()) -> Transcript:
    """A transcript with one word per token, 0.5 s each, low probability for the words in ``unsure``."""
    words = []
    for n, m in enumerate(re.finditer(r"\S+", text)):
        words.append(Word(text=m.group(), start=n * 0.5, end=n * 0.5 + 0.4,
                          probability=0.3 if m.group().strip(".,") in unsure else 0.95,
                          char_start=m.start(), char_end=m.end()))
    seg = Segment(start=0.0, end=words[-1].end, text=text, char_start=0, char_end=len(text), words=words)
    return Transcript(text=text, source="audio", segments=[seg])


def test_audio_evidence_carries_times():
    t = _audio("Twenty minutes of Swedish massage to the back.")
    (tr,) = extract(t).treatments
    technique = next(ev for ev in tr.evidence if ev.text == "Swedish massage")
    assert (technique.audio_start, technique.audio_end) == (1.5, 2.4)
    assert extract(t).rule_findings == []


def test_unsure_words_that_carry_a_fact_raise_low_confidence():
    t = _audio("Twenty minutes of Swedish massage to the back.", unsure={"Twenty"})
    findings = [f for f in extract(t).rule_findings if f.id == RuleId.LOW_CONFIDENCE]
    assert [f.evidence[0].text for f in findings] == ["Twenty minutes"]
    assert "0.30" in findings[0].message and findings[0].evidence[0].audio_start == 0.0


def test_unsure_words_that_carry_no_fact_are_not_flagged():
    t = _audio("Okay so twenty minutes of Swedish massage to the back.", unsure={"Okay"})
    assert extract(t).rule_findings == []


def test_regions_of_a_typical_note():
    result = extract(Transcript.from_text(
        "Swedish massage to the back and neck 30 minutes. MFR to the right glutes and left IT band 15 minutes."
    ))
    regions = [{r for a in t.areas for r in a.regions} for t in result.treatments]
    assert regions == [{Region.thoracic, Region.lumbar, Region.cervical}, {Region.pelvic, Region.lower_extremity}]
    assert [a.laterality for a in result.treatments[1].areas] == [Laterality.right, Laterality.left]


def test_a_service_named_again_without_minutes_or_area_is_not_a_second_service():
    result = treatments("She wanted a relaxation massage. Sixty minutes of Swedish, full body.")
    assert [(t[1], t[2]) for t in result] == [("97124", 60)]


def test_a_hand_holding_equipment_is_not_a_treated_area():
    result = treatments("Ten minutes of gait training with a cane, we worked on the cane in the right hand.")
    assert result == [("gait_training", "97116", 10, [])]
    assert treatments("MFR to the right hand 10 minutes.") == [("myofascial_release", "97140", 10, [("hand", "right")])]
