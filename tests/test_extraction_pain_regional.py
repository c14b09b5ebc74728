"""Pain before/after and the complaint diagnoses that hang on them, in casual regional dictation
and in notes said out of order (issue 13, round 5): our own phrasings of each class of reading,
never the corpus's sentences.
"""

from __future__ import annotations

import pytest

from billing.diagnoses import suggest
from extraction import extract
from models import ConditionFact, Context, PainFact, Transcript


def pain(text: str) -> tuple[int | None, int | None]:
    result = extract(Transcript.from_text(text))
    return (result.pain_before and result.pain_before.score, result.pain_after and result.pain_after.score)


def codes(text: str) -> set[str]:
    result = extract(Transcript.from_text(text))
    areas = [[a for a in tr.areas] for tr in result.treatments]
    return {c.code for c in suggest(result, areas)}


# --- a first score tied to an activity or a time of day is the client's report: before ----------

@pytest.mark.parametrize(
    "text, expected",
    [
        # said at the end of an out-of-order note, after every treatment: still how she came in
        ("Trigger point to the right calf, fifteen minutes. Deep tissue to both hamstrings, twenty "
         "minutes. Calf's a six climbing the stairs at work. Post, two.", (6, 2)),
        ("Swedish on the upper back, half an hour. Back's a five first thing in the morning; "
         "a one after.", (5, 1)),
        ("Joint mobs to the left hip, fifteen minutes. Hip seven out of ten kneeling in the garden, "
         "three when she left.", (7, 3)),
    ],
)
def test_first_score_tied_to_an_activity_is_the_before(text, expected):
    assert pain(text) == expected


def test_a_later_activity_score_is_not_forced_to_before():
    # the note already has its before score; a later one tied to an activity keeps its place
    text = ("Low back pain, a five today. Massage to the low back, thirty minutes. "
            "After, he said a two bending over.")
    assert pain(text) == (5, 2)


def test_activity_at_home_is_a_report_not_a_plan():
    text = ("Ther ex for the right shoulder, twenty minutes. Right shoulder pain four out of ten "
            "lifting a kettle at home, two by the end of the session.")
    facts = [f for f in extract(Transcript.from_text(text)).facts if isinstance(f, PainFact)]
    assert [(f.score, f.context) for f in facts] == [(4, Context.performed), (2, Context.performed)]
    assert pain(text) == (4, 2)


# --- run-on notes with no punctuation -------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        # a technique name opens the next clause
        ("mick sore neck he said a seven massage to the neck twenty minutes he was a three leaving", (7, 3)),
        # filler words and 'did' open the next clause
        ("jo sore shoulders she reckons a five um swedish thirty minutes down to a two after", (5, 2)),
        ("pat achy hips says about a six did thirty minutes of deep tissue on the hips "
         "she's about a two afterwards and we booked her in", (6, 2)),
        # 'now' after a later score is the after; 'the day' / 'the now' are today
        ("hip pain's a four the day hip mobs fifteen minutes hip's a one now", (4, 1)),
        ("her neck's sore she says it's a five the now so trigger point on the neck twenty minutes "
         "end of session she's a two", (5, 2)),
    ],
)
def test_run_on_regional_scores(text, expected):
    assert pain(text) == expected


def test_first_score_with_now_stays_before():
    assert pain("Neck pain is a six now. Massage to the neck, thirty minutes.") == (6, None)


def test_a_timing_word_at_the_end_of_a_line_still_ends_the_score():
    text = "low back pain is a six exercise for the low back twenty minutes no heat today two out of ten at the end\n"
    assert pain(text) == (6, 2)


# --- short outcome phrases -------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sore knee, rated three of ten, gone by the end. Ther ex twenty minutes.", (3, 0)),
        ("Migraine-ish headache today, maybe a five. Craniosacral twenty minutes. "
         "No headache at all by the end.", (5, 0)),
        ("Mid back pain, a sharp six. Massage thirty minutes. End of the session: four.", (6, 4)),
        ("Pt rates L knee 5/10 on stairs. Ther ex 20 min.\nPost: L knee 3/10, moving well.", (5, 3)),
    ],
)
def test_outcome_phrases(text, expected):
    assert pain(text) == expected


def test_describing_word_needs_pain_in_the_note():
    # 'a solid eight' with nothing said about pain is no score
    assert pain("Swedish full body, sixty minutes, she gave it a solid eight.") == (None, None)


def test_a_count_after_end_of_session_is_no_score():
    text = "Shoulder pain a five. Massage to the shoulder. At the end of the session 10 minutes of heat."
    assert pain(text) == (5, None)


# --- complaints and the diagnoses hanging on them -------------------------------------------------

def test_complaint_after_its_area_and_a_copula_is_about_that_area():
    result = extract(Transcript.from_text("Her neck has been sore all week. Swedish to the neck, thirty minutes."))
    conds = [f for f in result.facts if isinstance(f, ConditionFact)]
    assert [c.area for c in conds] == ["neck"]


def test_regional_words_for_pain_are_a_complaint():
    result = extract(Transcript.from_text("his low back's been giving him gyp so deep tissue on the low back forty minutes"))
    conds = [f for f in result.facts if isinstance(f, ConditionFact)]
    assert [(c.condition, c.area) for c in conds] == [("pain", "low_back")]


def test_broad_area_score_is_the_part_named_earlier():
    text = ("Follow-up for the low back. Deep tissue to the lumbar paraspinals, thirty minutes. "
            "Her back was a six coming in, a three after.")
    assert "M54.50" in codes(text) and "M54.9" not in codes(text)


def test_broad_area_stays_broad_when_two_parts_were_named():
    text = ("Upper back and low back both tight. Swedish, thirty minutes. "
            "Her back was a six coming in, a three after.")
    assert "M54.50" not in codes(text)


@pytest.mark.parametrize(
    "text, code",
    [
        ("R CTS, desk worker. Median nerve glides and tendon glides 15 min.", "G56.01"),
        ("Pt w/ L lat epicondylitis from tennis. Eccentric wrist ext 3x15, 12 min.", "M77.12"),
        ("R med epicondylitis (golf). Flexor stretches 10 min.", "M77.01"),
    ],
)
def test_charting_abbreviations_for_complaints(text, code):
    assert code in codes(text)


def test_cts_in_lower_case_is_not_the_abbreviation():
    # matched only as written: a word that happens to read 'cts' is no diagnosis
    assert not any(c.startswith("G56") for c in codes("cts 2x10 with the band, wrist ext 10 min."))


# --- flowsheet shorthand ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Warehouse picker, L wrist. P: 7 -> 4\nTherEx 0800-0815 wrist curls", (7, 4)),
        ("P: 6->2 after STM to the R forearm 12 min", (6, 2)),
        ("L hip pain on stairs. Score 6 -> 3 with mobs 10 min.", (6, 3)),
    ],
)
def test_flowsheet_pain_change(text, expected):
    assert pain(text) == expected


def test_p_colon_needs_a_change_to_be_pain():
    # 'P:' is also the plan heading: a lone number after it is no score
    assert pain("Knee pain. TherEx 20 min.\nP: 2 visits left, then discharge.") == (None, None)


def test_a_bracketed_measure_is_no_misheard_score():
    text = "Shoulder pain 5/10 pre. AAROM flex 0-130 (115 last wk). Post tx 2/10."
    assert pain(text) == (5, 2)


def test_a_plan_said_after_a_run_on_outcome_leaves_the_score_alone():
    # no comma to close the outcome: the score said with its timing word is no part of the plan
    text = ("achy low back says about a six did thirty minutes of swedish on the low back "
            "she's about a three after real pleased book her in three weeks\n")
    facts = [f for f in extract(Transcript.from_text(text)).facts if isinstance(f, PainFact)]
    assert [(f.score, f.context) for f in facts] == [(6, Context.performed), (3, Context.performed)]
    assert pain(text) == (6, 3)


def test_a_timing_word_before_its_object_is_still_no_timing():
    # 'after a long weekend' says when it hurt, not that it was after treatment
    text = "Low back pain 6/10 after a long weekend of gardening. Massage 30 min to the low back."
    assert pain(text)[0] == 6


def test_a_timing_phrase_after_the_only_score_is_not_an_activity():
    # 'walking out' is when it was given, not what hurts: the lone score is the after
    text = "Massage to the low back, thirty minutes. Back pain 2/10 walking out the door."
    assert pain(text) == (None, 2)


def test_the_whole_body_is_not_narrowed_to_a_part():
    text = ("Neck was tight. Full body Swedish sixty minutes. "
            "Full body aching, a five on arrival, a two after.")
    facts = [f for f in extract(Transcript.from_text(text)).facts if isinstance(f, PainFact)]
    assert all(f.location != "neck" for f in facts)
