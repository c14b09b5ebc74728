"""Issue 13, round 7 (r11a): four general classes, with phrasings written here (none from a corpus).

1. A negation's reach ends right before a coordinator: the list goes on there, and its last item
   is as denied (or as not done) as its first ("denies fever, chills, weight loss or trauma").
2. A pain word that only labels a score of 0 on a form ("Pain today: 0/10") is no complaint, so a
   relaxation-only visit stays NOT_MEDICALLY_NECESSARY; said of an area it still names one.
3. A named examination is no service: an orthopedic special test by its standard name ("Thomas
   test", "positive SLR") and a technique word before check / test / screen ("hamstring stretch
   test").
4. A booked slot ("a forty-five minute slot") is the session length, so minutes beyond it are
   DURATION_IMPLAUSIBLE.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Context, FactKind, Transcript
from scribe.analysis import analyse


def ex(text: str):
    return extract(Transcript.from_text(text))


def billed(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in ex(text).treatments)


def flags(text: str, payer: str = "commercial") -> set[str]:
    _, _, _, found = analyse(Transcript.from_text(text), payer=payer, date_of_service=None, use_data_dir=False)
    return {f.id.value for f in found}


def context_of(text: str, kind: FactKind, word: str) -> Context:
    facts = [f for f in ex(text).facts_of(kind, context=None) if f.evidence.text.lower().split()[-1] == word]
    assert facts, f"{word!r} not found"
    return facts[-1].context


# --- 1. negation scope through a list -------------------------------------------------------------
@pytest.mark.parametrize(
    "text, word",
    [
        ("Intake: client denies headaches, dizziness, recent falls or surgery.", "surgery"),
        ("No swelling, bruising, redness, warmth or numbness reported.", "numbness"),
        ("Negative for tingling, weakness in the grip or numbness.", "numbness"),
    ],
)
def test_the_last_item_of_a_denied_list_is_denied(text, word):
    assert context_of(text, FactKind.condition, word) == Context.negated


@pytest.mark.parametrize(
    "skipped",
    [
        "we did not have time for the lumbar traction or the gait training",
        "she couldn't stay for the ankle joint mobs or the balance training",
    ],
)
def test_a_service_at_the_end_of_a_skipped_list_is_not_billed(skipped):
    text = f"Therapeutic exercise for the hip 22 minutes. Ran late, so {skipped} today."
    assert billed(text) == [("97110", 22)]
    assert "MISSING_DURATION" not in flags(text, payer="medicare")


def test_a_performed_statement_after_the_list_is_still_performed():
    text = "Did not get to the cupping or the hot pack, and we did myofascial release to the neck 15 minutes."
    assert billed(text) == [("97140", 15)]


# --- 2. a form's pain-rating label is no complaint ----------------------------------------------
@pytest.mark.parametrize("rating", ["Pain level today: 0/10.", "Pain rating = 0/10.", "Pain 0/10 on arrival."])
def test_a_zero_rating_line_leaves_a_relaxation_visit_not_medically_necessary(rating):
    text = f"Spa client, wants to relax after a stressful month. {rating} Swedish massage full body 60 minutes."
    assert "NOT_MEDICALLY_NECESSARY" in flags(text)


def test_a_rated_pain_above_zero_is_still_a_complaint():
    text = "Spa client, wants to relax. Pain level today: 4/10. Swedish massage full body 60 minutes."
    assert "NOT_MEDICALLY_NECESSARY" not in flags(text)


def test_a_zero_rating_said_of_an_area_keeps_the_area_complaint():
    text = "Neck pain 0/10 today, was a 5 last week. Swedish massage to the neck 30 minutes."
    assert context_of(text, FactKind.condition, "pain") == Context.performed


# --- 3. a named examination is no service -------------------------------------------------------
@pytest.mark.parametrize(
    "finding",
    ["SLR left positive at 40 degrees", "positive SLR on the right", "SLR lt improved",
     "slump test negative", "modified Thomas test tight on the right", "Hawkins-Kennedy and Neer test both negative"],
)
def test_a_special_test_is_no_exercise(finding):
    text = f"Low back and hip pain 6/10. Manual therapy to the lumbar spine 16 minutes. {finding}."
    assert billed(text) == [("97140", 16)]
    assert "MISSING_DURATION" not in flags(text, payer="medicare")


@pytest.mark.parametrize("check", ["hamstring stretch test", "the pec stretch check afterwards", "a quick balance screen"])
def test_a_technique_word_before_check_or_test_is_no_service(check):
    text = f"Hip pain. Deep tissue massage to the glutes 30 minutes. Better range on {check}."
    assert billed(text) == [("97124", 30)]
    assert not {"MISSING_DURATION", "MISSING_AREA"} & flags(text)


def test_straight_leg_raises_as_an_exercise_are_still_billed():
    assert ("97110", 12) in billed("Knee pain. SLRs and quad sets 3x10, 12 minutes.")


def test_a_stretch_without_a_check_word_is_still_a_service():
    assert ("97110", 10) in billed("Hip pain. Hamstring stretching 10 minutes.")


# --- 4. a booked slot is the session length -----------------------------------------------------
@pytest.mark.parametrize("slot", ["Forty-five minute slot today.", "Booked a 45 min time slot.",
                                  "She had a 45-minute appointment slot."])
def test_minutes_beyond_a_booked_slot_are_implausible(slot):
    text = (f"{slot} Shoulder pain 5/10. Deep tissue to the upper back 30 minutes. "
            "Myofascial release to the right shoulder 30 minutes. Pain 2/10 after.")
    assert "DURATION_IMPLAUSIBLE" in flags(text)


def test_minutes_within_a_booked_slot_are_plausible():
    text = ("Sixty minute slot today. Shoulder pain 5/10. Deep tissue to the upper back 25 minutes. "
            "Myofascial release to the right shoulder 25 minutes. Pain 2/10 after.")
    assert "DURATION_IMPLAUSIBLE" not in flags(text)


@pytest.mark.parametrize("check", ["the hamstring stretch test", "a quick balance screen", "SLR rt improved"])
def test_a_named_check_yields_no_technique_fact(check):
    text = f"Hip pain. Deep tissue massage to the glutes 30 minutes. Better on {check}."
    assert [f.evidence.text for f in ex(text).facts_of(FactKind.technique)] == ["Deep tissue massage"]
