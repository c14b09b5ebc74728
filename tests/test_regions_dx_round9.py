"""Issue 13, round 9: treated regions and suggested diagnoses wrong while the lines are right.

Classes: a side letter closed by a parenthesis ("R) knee", overseas physio charting); the spine
abbreviations of physio charting ("Lx", "Cx spine"); "should"/"shldr" typed for shoulder, counted
only with a side (the verb "should" stays a verb, and stays no plan when it is the area); an aid or
a positioning prop ("fingertip support", "a pillow under the knees") is no area treated; "plan of
care" names a document, not a plan; an onset event ("after a fall last month") ends a history
scope; a flare(-up) is a pain complaint; a starting score far from its area, or cut from it by the
clause splitter, rates the one area named just before it. Phrasings are our own.
"""

from __future__ import annotations

from datetime import date

import pytest

from extraction import extract
from models import Context, FactKind, Laterality, Transcript
from scribe.analysis import analyse


def ex(text: str):
    return extract(Transcript.from_text(text))


def areas(text: str):
    return [(a.area, a.laterality, a.context) for a in ex(text).facts_of(FactKind.area)]


def codes(text: str, payer: str = "commercial") -> set[str]:
    _, _, claim, _ = analyse(Transcript.from_text(text), payer=payer, date_of_service=date(2026, 3, 2),
                             use_data_dir=False)
    return {d.code for d in claim.diagnoses}


def regions(text: str) -> set[str]:
    _, _, claim, _ = analyse(Transcript.from_text(text), payer="commercial", date_of_service=date(2026, 3, 2),
                             use_data_dir=False)
    return {r.value for ln in claim.lines for r in ln.regions}


# --- a side letter closed by a parenthesis ------------------------------------------------------

@pytest.mark.parametrize("text, area, side", [
    ("Soft tissue mobilisation L) hamstrings 12 mins.", "hamstrings", Laterality.left),
    ("STR to R) calf, 10 min.", "calf", Laterality.right),
    ("c/o R) hip pain on stairs, 5/10.", "hip", Laterality.right),
])
def test_a_side_letter_with_a_closing_parenthesis_gives_the_side(text, area, side):
    assert (area, side) in {(a, s) for a, s, _ in areas(text)}


def test_the_side_letter_reaches_the_diagnosis():
    assert "M25.552" in codes("c/o L) hip pain 6/10 walking. Manual therapy to L) hip 15 min. 3/10 after.")


# --- physio spine abbreviations ---------------------------------------------------------------

@pytest.mark.parametrize("text, region", [
    ("Deep tissue to Lx paraspinals 25 mins.", {"lumbar"}),
    ("Mobs to the Cx spine, grade II, 10 min.", {"cervical"}),
    ("STM Tx spine and rhomboids 12 mins.", {"thoracic"}),
])
def test_physio_spine_abbreviations_name_one_region(text, region):
    assert regions(text) == region


# --- 'should' and 'shldr' typed for shoulder ----------------------------------------------------

@pytest.mark.parametrize("text, code", [
    ("rt should pain 6/10 lifting grandkids. STM rt post delt 15m. 3 after.", "M25.511"),
    ("L shldr pain 4/10. ther ex 20m, band ER/IR. 2/10 end.", "M25.512"),
])
def test_shoulder_typed_short_with_a_side_is_the_shoulder_and_its_complaint(text, code):
    assert code in codes(text)


def test_should_without_a_side_is_the_verb_and_no_area():
    assert areas("She should ice tonight. Swedish to the calves 30 min.") == [
        ("calf", Laterality.bilateral, Context.performed)]


def test_should_read_as_the_area_does_not_make_the_complaint_a_plan():
    found = ex("lt should pain 7/10 reaching back. Manual therapy lt should 10 min.")
    assert all(f.context == Context.performed for f in found.facts_of(FactKind.pain))


# --- aids and positioning props -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ther ex 25 min: step ups, single leg balance on the R with hand support on the rail, calf raises.",
    "Ther ex 20 min, mini squats with fingertip support, calf raises.",
])
def test_the_hand_used_as_an_aid_is_not_treated(text):
    assert regions(text) == {"lower_extremity"}


@pytest.mark.parametrize("text", [
    "Prone with a pillow under her ankles, then 30 minutes of Swedish to the back.",
    "Side-lying, pillow between the knees, deep tissue to the upper back 25 min.",
    "Supine with a towel roll under his neck, Swedish to the low back 20 minutes.",
])
def test_where_a_prop_went_is_not_treated(text):
    assert not regions(text) & {"lower_extremity", "cervical"}


# --- plan of care, onset events, flare-ups --------------------------------------------------------

def test_the_plan_of_care_is_a_document_not_a_plan():
    found = ex("Seen under her physician's plan of care for chronic neck pain, 5/10 today. "
               "Manual therapy to the neck 15 min.")
    neck = [c for c in found.facts_of(FactKind.condition) if c.area == "neck"]
    assert neck and neck[0].context == Context.performed


def test_an_onset_event_last_week_does_not_make_the_complaint_history():
    found = ex("c/o neck pain after sleeping awkwardly last week, 6/10. STM to the neck 12 min.")
    neck = [c for c in found.facts_of(FactKind.condition) if c.area == "neck"]
    assert neck and neck[0].context == Context.performed
    assert "M54.2" in codes("c/o neck pain after sleeping awkwardly last week, 6/10. STM to the neck 12 min.")


def test_a_history_said_without_an_onset_word_stays_history():
    found = ex("She had cupping on the back last week. Swedish to the neck 30 min.")
    cupping = [t.context for t in found.facts if t.kind == FactKind.technique and "cupping" in t.evidence.text.lower()]
    assert cupping == [Context.historical]


@pytest.mark.parametrize("text", [
    "Neck flare-up since Sunday, a seven. Massage to the neck and traps 30 min, a three after.",
    "Her neck flared up at work, 7/10. Trigger point to the neck 20 min.",
])
def test_a_flare_up_of_an_area_is_a_pain_complaint_there(text):
    assert "M54.2" in codes(text)


# --- a starting score far from the one area before it ---------------------------------------------

def test_a_score_after_a_long_aside_rates_the_one_area_named_before():
    text = ("He came in for his low back, left side mostly, forklift driver, long shifts, "
            "he says it is a seven this morning. Deep tissue to the low back 30 min and glutes 15 min.")
    assert "M54.50" in codes(text)


def test_two_areas_before_the_score_leave_it_unplaced():
    found = ex("Here for her neck and also her right knee, busy week at the warehouse, long shifts, "
               "she says it's a six. Swedish to the neck 20 min.")
    before = [p for p in found.facts_of(FactKind.pain) if p.score == 6]
    assert before and before[0].location is None
