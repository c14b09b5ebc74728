"""Rule families, one at a time, with phrasings beyond the sample cases."""

from __future__ import annotations

import pytest

from extraction import extract
from models import Context, CueKind, Laterality, PainTiming, Region, RuleId, Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


def durations(text: str):
    return [(f.minutes, f.minutes_max, f.session_length) for f in ex(text).facts_of("duration", None)]


# --- durations ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, minutes",
    [
        ("twenty-five minutes of effleurage", 25),
        ("twenty five minutes of effleurage", 25),
        ("25 min of effleurage", 25),
        ("effleurage x 15 min", 15),
        ("effleurage x15 mins", 15),
        ("effleurage 15'", 15),
        ("effleurage 15mins", 15),
        ("effleurage for 12 minutes", 12),
        ("a fifteen-minute block of effleurage", 15),
        ("half an hour of effleurage", 30),
        ("a half hour of effleurage", 30),
        ("a quarter of an hour of effleurage", 15),
        ("quarter hour of effleurage", 15),
        ("an hour of effleurage", 60),
        ("a full hour of effleurage", 60),
        ("1 hr of effleurage", 60),
        ("an hour and a half of effleurage", 90),
        ("1.5 hours of effleurage", 90),
        ("forty five minutes of effleurage", 45),
        ("4t5 minutes of effleurage", 45),
        ("ten more minutes of effleurage", 10),
        ("effleurage from 2:10 to 2:40", 30),
        ("effleurage 2:50-3:05", 15),
        ("effleurage from 11:50 to 12:10", 20),
    ],
)
def test_duration_forms(text, minutes):
    assert durations(text) == [(minutes, None, False)]


@pytest.mark.parametrize(
    "text, low, high",
    [("10 to 15 minutes of effleurage", 10, 15), ("ten to fifteen minutes of effleurage", 10, 15),
     ("10-15 min of effleurage", 10, 15), ("twenty or twenty-five minutes of effleurage", 20, 25)],
)
def test_duration_range_keeps_the_lower_value_and_raises_a_finding(text, low, high):
    result = ex(text)
    assert durations(text) == [(low, high, False)]
    (tr,) = result.treatments
    assert (tr.minutes, tr.minutes_max) == (low, high)
    assert [f.id for f in result.rule_findings] == [RuleId.DURATION_RANGE]
    assert result.rule_findings[0].evidence[0].text.startswith(text.split(" of")[0].split()[0])


@pytest.mark.parametrize(
    "text, minutes",
    [("Sixty minutes in the room.", 60), ("It was a 60 minute session.", 60), ("Session was 45 minutes.", 45),
     ("Booked a ninety-minute appointment.", 90), ("An hour session today.", 60)],
)
def test_session_length_is_not_a_treatment_duration(text, minutes):
    result = ex(text + " Swedish massage to the back.")
    assert result.session_minutes == minutes
    assert result.treatments[0].minutes is None
    assert result.cues(CueKind.session_length)


def test_numbers_that_are_not_durations_are_ignored():
    assert durations("Pain for 3 weeks, 2 kids, born 1980, she is 45.") == []


# --- pain ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, score",
    [
        ("Pain seven out of ten on arrival.", 7),
        ("Pain 7/10 on arrival.", 7),
        ("Pain 7 out of 10 on arrival.", 7),
        ("Pain 6 over 10 on arrival.", 6),
        ("She rated it a four on arrival.", 4),
        ("He rates his pain at 5 on arrival.", 5),
        ("Pain five on arrival.", 5),
        ("Pain level is a 3 on arrival.", 3),
        ("Pain of 8 on a scale of 0 to 10 on arrival.", 8),
        ("Came in at a 7, neck.", 7),
        ("Pain 710 on arrival.", 7),
        ("Pain 1010 on arrival.", 10),
        ("No pain today, zero out of ten.", 0),
    ],
)
def test_pain_before_forms(text, score):
    result = ex(text)
    assert result.pain_before is not None and result.pain_before.score == score
    assert result.pain_before.timing == PainTiming.before


@pytest.mark.parametrize(
    "text, before, after",
    [
        ("Pain went from six to three.", 6, 3),
        ("Pain from 7/10 to 3/10.", 7, 3),
        ("Pain 6/10 -> 2/10.", 6, 2),
        ("Pain 7/10 before and 3/10 after.", 7, 3),
        ("On arrival pain was 8/10, at the end 4/10.", 8, 4),
        ("Pain 7 before, 3 after.", 7, 3),
        ("Knee pain 5/10. Swedish massage 20 min. Pain down to 3.", 5, 3),
        ("Knee pain 5/10. Swedish massage 20 min. It decreased to two.", 5, 2),
        ("Pain 2510 before. Massage 20 min. Pain 210 after.", 5, 2),
        ("Pain 710. Swedish massage to the back 30 minutes. 310 after.", 7, 3),
        ("Pain 8/10. Massage 20 min. Pain 5/10. More massage 10 min. Pain 3/10 after.", 8, 3),
    ],
)
def test_pain_before_and_after(text, before, after):
    result = ex(text)
    assert (result.pain_before.score, result.pain_after.score) == (before, after)


def test_pain_after_an_activity_is_not_after_treatment():
    result = ex("Right knee pain 5/10 after a long weekend. Strengthening 20 min. Pain 3/10 at discharge.")
    assert (result.pain_before.score, result.pain_after.score) == (5, 3)


def test_pain_location_and_regions():
    result = ex("Right shoulder pain 6/10. MFR 15 min. 7/10 in the low back too.")
    first, second = result.facts_of("pain")
    assert first.location == "right shoulder" and first.regions == [Region.upper_extremity]
    assert second.location == "low back" and second.regions == [Region.lumbar]


def test_minutes_and_counts_are_not_pain_scores():
    result = ex("Pain in 2 places. Massage for 5 minutes. Seen 3 times.")
    assert result.facts_of("pain") == []


def test_whisper_ten_forms_need_a_pain_context():
    assert ex("Room 710 was booked. Swedish massage 20 min.").facts_of("pain") == []


# --- techniques ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "phrase, technique, cpt",
    [
        ("Swedish massage", "swedish_massage", "97124"),
        ("deep tissue work", "deep_tissue_massage", "97124"),
        ("petrissage", "petrissage", "97124"),
        ("MFR", "myofascial_release", "97140"),
        ("mfr", "myofascial_release", "97140"),
        ("STM", "soft_tissue_mobilization", "97140"),
        ("TrP release", "trigger_point_therapy", "97140"),
        ("MLD", "manual_lymphatic_drainage", "97140"),
        ("IASTM", "iastm", "97140"),
        ("Graston", "iastm", "97140"),
        ("cross-fiber friction", "cross_fiber_friction", "97140"),
        ("pin and stretch", "pin_and_stretch", "97140"),
        ("grade 3 mobs", "joint_mobilization", "97140"),
        ("PNF", "neuromuscular_reeducation", "97112"),
        ("wobble board", "neuromuscular_reeducation", "97112"),
        ("theraband rows", "therapeutic_exercise", "97110"),
        ("ROM exercises", "therapeutic_exercise", "97110"),
        ("sit to stand", "therapeutic_activities", "97530"),
        ("moist heat", "hot_cold_pack", "97010"),
        ("gait training", "gait_training", "97116"),
        ("ultrasound", "ultrasound", "97035"),
        # Whisper's mishearings and near-misses
        ("my facial release", "myofascial_release", "97140"),
        ("unuffle urge", "effleurage", "97124"),
        ("effle rage", "effleurage", "97124"),
        ("pet resage", "petrissage", "97124"),
        ("efleurage", "effleurage", "97124"),
        ("petrisssage", "petrissage", "97124"),
    ],
)
def test_technique_vocabulary(phrase, technique, cpt):
    (fact,) = ex(f"Did {phrase} on the neck for ten minutes.").facts_of("technique")
    assert (fact.technique, fact.cpt) == (technique, cpt)


def test_trigger_point_injection_is_not_manual_work():
    result = ex("She had a trigger point injection in the trap yesterday. Dry needling next month.")
    assert result.facts_of("technique", None) == []
    assert result.cues(CueKind.injection) or any(
        f.cue == CueKind.injection for f in result.facts_of("cue", None)
    )


def test_words_that_only_look_like_techniques():
    result = ex("The massage therapist found several trigger points. She came back with her ROM limited.")
    assert result.treatments == []
    assert [f.area for f in result.facts_of("area", None)] == []


# --- areas --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "phrase, area, laterality, regions",
    [
        ("the left upper trapezius", "upper_trapezius", Laterality.left, {Region.cervical}),
        ("R upper trap", "upper_trapezius", Laterality.right, {Region.cervical}),
        ("lt shoulder", "shoulder", Laterality.left, {Region.upper_extremity}),
        ("the shoulder on the right", "shoulder", Laterality.right, {Region.upper_extremity}),
        ("both calves", "calf", Laterality.bilateral, {Region.lower_extremity}),
        ("the hamstrings bilaterally", "hamstrings", Laterality.bilateral, {Region.lower_extremity}),
        ("the calves", "calf", Laterality.bilateral, {Region.lower_extremity}),
        ("the back", "back", Laterality.unspecified, {Region.thoracic, Region.lumbar}),
        ("the QL", "quadratus_lumborum", Laterality.unspecified, {Region.lumbar}),
        ("the SI joint", "si_joint", Laterality.unspecified, {Region.sacral}),
        ("the piriformis", "piriformis", Laterality.unspecified, {Region.pelvic}),
        ("the pecs", "pectorals", Laterality.bilateral, {Region.rib_cage}),
        ("the masseter", "jaw", Laterality.unspecified, {Region.head}),
        ("the abdomen", "abdomen", Laterality.unspecified, {Region.abdomen}),
        ("the plantar fascia", "foot", Laterality.unspecified, {Region.lower_extremity}),
        ("the left trapezious", "upper_trapezius", Laterality.left, {Region.cervical}),
        ("the gastrocnemious", "calf", Laterality.unspecified, {Region.lower_extremity}),
    ],
)
def test_area_vocabulary(phrase, area, laterality, regions):
    (tr,) = ex(f"Myofascial release to {phrase} for ten minutes.").treatments
    (ref,) = tr.areas
    assert (ref.area, ref.laterality, set(ref.regions)) == (area, laterality, regions)


def test_laterality_is_shared_along_a_list():
    (tr,) = ex("MFR to the left upper trap and levator scapulae x 10 min.").treatments
    assert [a.laterality for a in tr.areas] == [Laterality.left, Laterality.left]


@pytest.mark.parametrize("text, sides", [
    ("Swedish massage to both calves and the neck for 30 minutes.", {"calf": "bilateral", "neck": "unspecified"}),
    ("Swedish massage to the bilateral hamstrings and low back for 30 minutes.",
     {"hamstrings": "bilateral", "low_back": "unspecified"}),
    ("Swedish massage to the left upper trap and neck for 30 minutes.", {"upper_trapezius": "left", "neck": "left"}),
])
def test_both_never_makes_a_midline_area_bilateral(text, sides):
    (tr,) = ex(text).treatments
    assert {a.area: a.laterality.value for a in tr.areas} == sides


def test_back_as_an_adverb_is_no_area():
    assert ex("She came back after two weeks and went back to work.").facts_of("area", None) == []


# --- context ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, context",
    [
        ("No massage today.", Context.negated),
        ("Did not use the hot pack.", Context.negated),
        ("We didn't do any trigger point work.", Context.negated),
        ("Cupping was not performed.", Context.negated),
        ("Recommend heat at home.", Context.planned),
        ("Next visit we will add cupping.", Context.planned),
        ("Will try cupping next week.", Context.planned),
        ("Ice at home twice a day.", Context.planned),
        ("History of MFR with another therapist.", Context.historical),
        ("Last visit we did cupping.", Context.historical),
        ("Her husband gets deep tissue massage.", Context.other_person),
    ],
)
def test_context_of_a_technique(text, context):
    result = ex(text)
    (fact,) = result.facts_of("technique", None)
    assert fact.context == context
    assert result.treatments == []


def test_negation_ends_at_a_new_action():
    result = ex("No massage today, did MFR to the neck instead for 15 minutes.")
    assert [t.technique for t in result.treatments] == ["myofascial_release"]


def test_self_correction_is_not_a_negation():
    (tr,) = ex("I did twenty, no sorry, twenty-five minutes of deep tissue on the low back.").treatments
    assert tr.minutes == 25


def test_negated_pain_is_not_a_complaint():
    result = ex("No pain in the lower back. Neck pain 5/10.")
    complaints = result.facts_of("condition")
    assert [(c.condition, c.area) for c in complaints] == [("pain", "neck")]
    negated = [c for c in result.facts_of("condition", None) if c.context == Context.negated]
    assert [c.area for c in negated] == ["low_back"]


def test_someone_elses_pain_is_not_a_complaint():
    result = ex("Her husband has neck pain. She has low back pain.")
    assert [c.area for c in result.facts_of("condition")] == ["low_back"]


def test_history_is_kept_as_context():
    result = ex("History of lumbar fusion. Swedish massage to the neck 20 minutes.")
    assert [a.area for tr in result.treatments for a in tr.areas] == ["neck"]
    assert result.cues(CueKind.history) or any(f.cue == CueKind.history for f in result.facts_of("cue", None))


# --- conditions and cues ------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, condition, area, laterality",
    [
        ("Right shoulder pain.", "pain", "shoulder", Laterality.right),
        ("Pain in the left hip.", "pain", "hip", Laterality.left),
        ("Client c/o LBP.", "pain", "low_back", Laterality.unspecified),
        ("Mid back spasm.", "spasm", "upper_back", Laterality.unspecified),
        ("Tension headaches all week.", "tension_headache", "head", Laterality.unspecified),
        ("Plantar fasciitis on the right.", "plantar_fasciitis", "foot", Laterality.right),
        ("Right sided sciatica.", "sciatica", None, Laterality.right),
        ("Tight hamstrings.", "tightness", "hamstrings", Laterality.bilateral),
        ("Fibromyalgia flare.", "fibromyalgia", None, Laterality.unspecified),
        ("Whiplash from a car accident in May.", "whiplash", "neck", Laterality.unspecified),
        ("Just here for stress.", "stress", None, Laterality.unspecified),
    ],
)
def test_conditions(text, condition, area, laterality):
    first = ex(text).facts_of("condition")[0]
    assert (first.condition, first.area, first.laterality) == (condition, area, laterality)


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Client had to leave early.", CueKind.reduced_session),
        ("Session was cut short.", CueKind.reduced_session),
        ("Tolerated treatment well.", CueKind.tolerance),
        ("She felt looser afterwards.", CueKind.response),
        ("HEP: chin tucks.", CueKind.home_care),
        ("Drink plenty of water.", CueKind.home_care),
        ("Rebook in two weeks.", CueKind.next_visit),
        ("Dry needling was done by the PT.", CueKind.injection),
        ("Just wanted to relax, no complaints.", CueKind.relaxation_only),
        ("Tender to palpation along the QL.", CueKind.observation),
    ],
)
def test_session_cues(text, cue):
    assert cue in {f.cue for f in ex(text).facts_of("cue", None)}


def test_a_cue_that_carries_its_own_negation_is_not_negated_again():
    result = ex("No pain, no specific complaints, just wanted to relax.")
    assert result.cues(CueKind.relaxation_only)
