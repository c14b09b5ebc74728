"""Speech-transcript robustness: run-on sentences, Whisper's number forms, mishearings, and the
-teen/-ty duration check. Phrasings go beyond the sample dictations on purpose."""

from __future__ import annotations

import re

import pytest

from extraction import draft_soap, extract, load_pipeline
from extraction.asr_checks import twin
from models import Context, CueKind, RuleId, Segment, Transcript, Word


def ex(text: str):
    return extract(Transcript.from_text(text))


def areas_by_technique(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for t in ex(text).treatments:
        out.setdefault(t.technique, []).extend(a.area for a in t.areas)
    return out


def audio(text: str, probability: dict[str, float] | None = None, heard_as: dict[str, str] | None = None) -> Transcript:
    """One word per token, 0.5 s each; ``probability`` overrides the 0.95 of given words, ``heard_as``
    marks words a second listen changed (word -> what was first heard)."""
    probability = probability or {}
    heard_as = heard_as or {}
    words = [
        Word(text=m.group(), start=n * 0.5, end=n * 0.5 + 0.4, probability=probability.get(m.group().strip(".,"), 0.95),
             char_start=m.start(), char_end=m.end(), heard_as=heard_as.get(m.group().strip(".,")))
        for n, m in enumerate(re.finditer(r"\S+", text))
    ]
    seg = Segment(start=0.0, end=words[-1].end, text=text, char_start=0, char_end=len(text), words=words)
    return Transcript(text=text, source="audio", segments=[seg])


DEMO = ("Client came in with neck and upper back pain, 7 out of 10, 25 minutes of swedish massage to the upper "
        "back, then 15 minutes of myofascial released to the left upper trapezius, pain was 3 out of 10 after the "
        "session.")


# --- an area said in a complaint is not a treated area ----------------------------------------

@pytest.mark.parametrize(
    "text, technique, treated",
    [
        (DEMO, "swedish_massage", ["upper_back"]),
        ("She has neck pain and low back pain, 30 minutes of deep tissue to the low back, pain 2/10 after.",
         "deep_tissue_massage", ["low_back"]),
        ("25 minutes of Swedish to the upper back, neck pain was better after.", "swedish_massage", ["upper_back"]),
        # no comma, no clause cut: the rule itself keeps the complaint's "neck" off the treatment
        ("MFR for neck pain to the upper trapezius for 15 minutes.", "myofascial_release", ["upper_trapezius"]),
        ("Deep tissue to the glutes for 20 minutes for her hip pain.", "deep_tissue_massage", ["glutes"]),
        # the condition word between the technique and the area: the area is treated
        ("Swedish to the back and the tight hamstrings for 30 minutes.", "swedish_massage", ["back", "hamstrings"]),
        # a technique with no area of its own keeps the complaint's area (the best evidence left)
        ("Worked on her sore neck with Swedish for 20 minutes.", "swedish_massage", ["neck"]),
    ],
)
def test_complaint_areas_do_not_become_treated_areas(text, technique, treated):
    assert areas_by_technique(text)[technique] == treated


def test_demo_run_on_has_no_same_region_conflict_source():
    result = ex(DEMO)
    assert [(t.technique, t.minutes) for t in result.treatments] == [("swedish_massage", 25), ("myofascial_release", 15)]
    assert {c.area for c in result.facts_of("condition")} - {None} == {"neck", "upper_back"}  # complaints: M54.2
    assert (result.pain_before.score, result.pain_after.score) == (7, 3)


# --- clause starts in comma-joined sentences ------------------------------------------------

def sentences(text: str) -> list[str]:
    return [s.text.strip(" ,.") for s in load_pipeline()(text).sents]


@pytest.mark.parametrize(
    "text, first_words",
    [
        ("neck pain, 7 out of 10, 25 minutes of Swedish to the neck, then MFR", ["neck", "25", "then"]),
        ("low back pain, i did deep tissue on the low back, pain 2 after", ["low", "i"]),
        ("tight calves, sports massage to the calves, compression, tapotement, 40 minutes", ["tight", "sports"]),
        ("Swedish to the back x 30 min, trP to R rhomboids x 10 min", ["Swedish", "trP"]),
        ("no cupping, hot stones or heat today", ["no"]),
        ("10 to 15 minutes of effleurage", ["10"]),
    ],
)
def test_run_on_sentences_are_cut_where_a_new_clause_starts(text, first_words):
    assert [s.split()[0] for s in sentences(text)] == first_words


def test_negation_does_not_reach_across_a_new_clause():
    result = ex("No pain, no specific complaints, 60 minutes of Swedish, full body, rebook next month.")
    assert [(t.technique, t.minutes) for t in result.treatments] == [("swedish_massage", 60)]
    result = ex("Client denies low back pain, trigger point release to the left piriformis for 20 minutes.")
    assert [t.technique for t in result.treatments] == ["trigger_point_therapy"]


def test_negation_still_covers_a_list_of_techniques():
    result = ex("No cupping, hot stones or heat today, 30 minutes of Swedish to the back.")
    assert [t.technique for t in result.treatments] == ["swedish_massage"]
    assert all(f.context == Context.negated for f in result.facts_of("technique", None) if f.technique != "swedish_massage")


@pytest.mark.parametrize(
    "text, after",
    [
        ("Low back, pain 5 at the start, 20 minutes of deep tissue to the low back, pain two at the end, see him next week.", 2),
        ("Neck pain 7/10, 30 minutes of Swedish to the neck, she got up at a 4, same time next week.", 4),
        ("MFR to the plantar fascia x 8 min, pain 5/10 post tx, plan: calf stretching at home.", 5),
    ],
)
def test_a_plan_at_the_end_does_not_make_the_last_score_planned(text, after):
    assert ex(text).pain_after.score == after


def test_a_plan_word_behind_a_comma_does_not_plan_the_treatment_before_it():
    result = ex("Neck pain, 20 minutes of Swedish to the neck, plan, heat at home, rebook next week.")
    assert [(t.technique, t.minutes) for t in result.treatments] == [("swedish_massage", 20)]


def test_minutes_said_after_a_finished_block_go_to_the_next_technique():
    result = ex("Upper back tightness, pain 5/10, swedish massage to the back x 30 min, "
                "trP therapy to R rhomboids x 10 min, pain 2/10 post.")
    assert [(t.technique, t.minutes) for t in result.treatments] == [("swedish_massage", 30), ("trigger_point_therapy", 10)]


def test_outcome_after_a_comma_adds_no_area_to_the_last_technique():
    result = ex("Then 15 minutes of myofascial release on the right shoulder, after, the low back was down to a 3.")
    assert [a.area for a in result.treatments[0].areas] == ["shoulder"]


def test_unpunctuated_long_transcript_is_cut_at_blocks_and_plans():
    text = ("client came in with neck pain 6 out of 10 today 20 minutes of swedish massage to the upper back "
            "then 10 minutes of myofascial release to the left upper trapezius pain 2 out of 10 after "
            "recommend heat at home")
    result = ex(text)
    assert [(t.technique, t.minutes, [a.area for a in t.areas]) for t in result.treatments] == [
        ("swedish_massage", 20, ["upper_back"]), ("myofascial_release", 10, ["upper_trapezius"])]
    assert (result.pain_before.score, result.pain_after.score) == (6, 2)


def test_a_short_sentence_without_punctuation_is_not_cut():
    assert len(sentences("On the left shoulder I did myofascial release for ten minutes")) == 1


# --- Whisper's number forms for pain -----------------------------------------------------------

@pytest.mark.parametrize(
    "text, before, after",
    [
        ("Neck pain today, 5.10, 15 minutes of Swedish to the neck, 2.10 at the end.", 5, 2),
        ("Low back pain, 5 out of 10 coming in, 20 minutes of MFR to the low back, pain to out of 10 after.", 5, 2),
        ("Low back pain 6 out of 10, 24 minutes of exercise, 10 for out of 10 after treatment.", 6, 4),
        ("Neck pain, 20 minutes of Swedish to the neck, then to out on 10 at the end.", None, 2),
        ("Pain 7 of 10 on arrival, 30 minutes of Swedish to the back, pain 3 of 10 after.", 7, 3),
        ("Upper back tension, 510, 30 minutes of Swedish on the upper back, 310 after.", 5, 3),
    ],
)
def test_whisper_pain_forms(text, before, after):
    result = ex(text)
    assert (result.pain_before.score if result.pain_before else None) == before
    assert result.pain_after.score == after


@pytest.mark.parametrize(
    "text",
    [
        "Pain was high, we did 3 of 10 reps of bridges.",
        "She went to the store, pain free.",
        "Pain to out of 10 sessions is the plan.",
    ],
)
def test_no_score_where_none_was_said(text):
    assert not ex(text).facts_of("pain")


def test_the_ten_of_out_of_ten_is_never_a_score():
    result = ex("Pain to out of 10 after.")  # "to" heard for "two": 2, never the scale's 10
    assert [p.score for p in result.facts_of("pain")] == [2]


def test_heard_number_words_keep_their_meaning_elsewhere():
    result = ex("10 to 15 minutes of effleurage to the back for relief.")
    assert [(t.minutes, t.minutes_max) for t in result.treatments] == [(10, 15)]


# --- mishearings and conditions ---------------------------------------------------------------

def test_a_misheard_technique_ending_is_no_response_cue():
    result = ex("15 minutes of myofascial released to the left upper trapezius.")
    assert [t.technique for t in result.treatments] == ["myofascial_release"]
    assert not result.cues(CueKind.response)


def test_known_mishearings_of_muscles():
    result = ex("10 minutes of trigger point therapy to the right and for spin as.")
    assert [(a.area, a.laterality.value) for a in result.treatments[0].areas] == [("rotator_cuff", "right")]
    assert ex("Nec pain today, 15 minutes of Swedish.").facts_of("condition")[0].area == "neck"


def test_a_car_accident_is_history_not_a_whiplash_diagnosis():
    result = ex("Right shoulder and neck pain after a car accident in March.")
    assert {c.condition for c in result.facts_of("condition")} == {"pain"}
    assert {c.area for c in result.facts_of("condition")} == {"shoulder", "neck"}
    assert any(f.cue == CueKind.history for f in result.facts_of("cue", None))
    assert ex("Whiplash from a car accident.").facts_of("condition")[0].condition == "whiplash"


# --- SOAP: the cue's clause, never the whole dictation ----------------------------------------

def test_soap_cue_sentences_are_bounded_clauses():
    text = ("Client came in with neck pain, 7 out of 10, 25 minutes of Swedish to the neck, she felt looser "
            "afterwards, pain 3 out of 10 at the end, rebook next week.")
    t = Transcript.from_text(text)
    soap = draft_soap(t, extract(t))
    assert "She felt looser afterwards." in soap.assessment
    assert "Swedish" not in soap.assessment and "Swedish" not in soap.plan
    assert "Rebook next week." in soap.plan


def test_soap_of_the_demo_does_not_repeat_the_dictation():
    t = Transcript.from_text(DEMO)
    soap = draft_soap(t, extract(t))
    for field in (soap.subjective, soap.objective, soap.assessment, soap.plan):
        assert "25 minutes of swedish" not in field
    assert "left upper trapezius pain" not in soap.subjective  # an outcome after a comma is no complaint


def test_soap_keeps_a_typed_sentence_with_its_list():
    t = Transcript.from_text("Swedish to the back for 30 minutes. Recommend stretching, heat and hydration at home.")
    assert "Recommend stretching, heat and hydration at home." in draft_soap(t, extract(t)).plan


def test_soap_clause_has_a_maximum_length():
    text = "Felt better " + " ".join(["and"] * 60) + " relaxed."
    t = Transcript.from_text(text)
    assert len(draft_soap(t, extract(t)).assessment.split()) <= 40


# --- "fifteen" heard as "50": a finding, never a rewrite ---------------------------------------

@pytest.mark.parametrize("minutes, other", [(15, 50), (50, 15), (13, 30), (90, 19), (20, None), (45, None), (100, None)])
def test_teen_ty_twins(minutes, other):
    assert twin(minutes) == other


def twin_findings(transcript: Transcript):
    return [f for f in extract(transcript).rule_findings if f.id == RuleId.LOW_CONFIDENCE and "-teen" in f.message]


def test_an_unsure_twin_number_raises_low_confidence_and_keeps_the_minutes():
    t = audio("20 minutes of deep tissue to the low back, 50 minutes of pin and stretch to the left piriformis.",
              {"50": 0.76})
    result = extract(t)
    assert [tr.minutes for tr in result.treatments] == [20, 50]  # never rewritten
    (finding,) = twin_findings(t)
    assert finding.treatment_id == result.treatments[1].id and "15" in finding.message
    assert finding.evidence[0].text == "50 minutes" and finding.evidence[0].audio_start is not None


def test_a_sure_twin_number_raises_nothing():
    assert twin_findings(audio("50 minutes of Swedish massage to the back.")) == []


def test_a_twin_number_that_only_fits_the_session_the_other_way_is_flagged():
    t = audio("Sixty minutes in the room. 50 minutes of Swedish to the back, then 30 minutes of MFR to the neck.")
    (finding,) = twin_findings(t)
    assert "50 minutes" in finding.evidence[0].text and "60-minute session" in finding.message


def test_a_number_changed_by_a_second_listen_names_what_was_first_heard():
    t = audio("50 minutes of deep tissue to the legs, then 15 minutes of MFR to the neck.", heard_as={"15": "50"})
    result = extract(t)
    assert [tr.minutes for tr in result.treatments] == [50, 15]
    (finding,) = twin_findings(t)  # a sure word (0.95), flagged only because it was changed
    assert finding.treatment_id == result.treatments[1].id
    assert 'first heard as "50"' in finding.message and "50 would be 3" in finding.message
    assert finding.evidence[0].text == "15 minutes" and finding.evidence[0].audio_start == 4.5


def test_typed_notes_get_no_speech_findings():
    t = Transcript.from_text("50 minutes of pin and stretch to the left piriformis.")
    assert twin_findings(t) == []


def test_one_finding_per_span_when_the_word_is_very_unsure():
    t = audio("15 minutes of Swedish massage to the back.", {"15": 0.2})
    low = [f for f in extract(t).rule_findings if f.id == RuleId.LOW_CONFIDENCE]
    assert len(low) == 1 and "-teen" in low[0].message


@pytest.mark.parametrize("text", ["Neck pain, 10 – 15 minutes of effleurage to the neck.", "Neck pain, 10 - 15 minutes of effleurage to the neck."])
def test_a_dashed_range_after_a_comma_stays_one_duration(text):
    assert [(t.minutes, t.minutes_max) for t in ex(text).treatments] == [(10, 15)]
