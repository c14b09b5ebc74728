"""Round 23 (lines): the same minutes read however a tired or non-linear telling words them."""

from __future__ import annotations

import pytest

from extraction import extract
from models import Context, Transcript


def _treatments(text: str) -> dict[str, int | None]:
    return {t.technique: t.minutes for t in extract(Transcript.from_text(text)).treatments}


def _context(text: str, said: str) -> Context:
    facts = extract(Transcript.from_text(text)).facts
    return next(f.context for f in facts if f.evidence.text == said)


@pytest.mark.parametrize("text, technique", [
    ("Then a gait-training block of its own, twelve minutes, down the hall with the cane. Ther ex 20 minutes.",
     "gait_training"),
    ("Last was eleven minutes of transfer-training practice off the bed. Ther ex 15 minutes.",
     "therapeutic_activities"),
])
def test_a_hyphenated_compound_names_its_technique(text, technique):
    assert _treatments(text).get(technique) in (11, 12)


def test_a_guarded_term_keeps_its_guards_when_hyphenated():
    """Only unguarded terms gain the hyphenated spelling: the guards of a bare noun still see it."""
    from extraction import vocab
    for entry in vocab.techniques():
        assert not set(entry.hyphenated()) & {t.replace(" ", "-") for t in entry.guarded_terms if " " in t}


def test_core_stabilization_named_after_minutes_of():
    found = _treatments("Manual therapy to the low back 10 minutes. Then came 15 minutes of core stabilization, planks.")
    assert found.get("rehab_exercise_shorthand") == 15


def test_hold_on_comma_then_another_patients_name_takes_the_block_back():
    text = ("Ther ex 20 minutes. Then cupping to the upper back, wait, hang on, that was Mrs. Ortega. "
            "For this one it was joint mobs to the thoracic spine, 10 minutes.")
    found = _treatments(text)
    assert "cupping" not in found and found.get("joint_mobilization") == 10


def test_a_bare_heading_word_before_a_colon_is_no_session_length():
    text = ("In at 9:00, out at 10:00. 9:05 to 9:30 exercise: bridges, clams. "
            "9:30 to 9:42 hands-on: soft tissue to the upper traps. 9:42 to 9:55 gait training in the hall.")
    assert _treatments(text).get("soft_tissue_mobilization") == 12


def test_minutes_of_hands_on_before_a_colon_stay_a_total_split_after_it():
    text = "Forty minutes of hands-on: the first fifteen were trigger point work, the other twenty-five Swedish massage to the back."
    found = _treatments(text)
    assert found.get("swedish_massage") == 25


@pytest.mark.parametrize("remark", ["didn't write the time down", "never logged the time", "never timed it"])
def test_a_late_recall_that_says_its_time_is_missing_waits_for_minutes(remark):
    text = f"Ther ex 25 minutes, squats and lunges. Oh and before that some gait training in the hall, {remark}."
    treatments = extract(Transcript.from_text(text)).treatments
    gait = next(t for t in treatments if t.technique == "gait_training")
    assert gait.minutes is None and not gait.named_only


@pytest.mark.parametrize("text, minutes", [
    ("Swedish massage to the back, ten past four to four forty. Ther ex 20 minutes.", 30),
    ("Swedish massage to the back, from two fifty to ten past three. Ther ex 20 minutes.", 20),
    ("Swedish massage to the back, from quarter past one to one fifty. Ther ex 20 minutes.", 35),
])
def test_a_clock_range_said_from_the_hour_on_one_side(text, minutes):
    assert _treatments(text).get("swedish_massage") == minutes


def test_a_denial_after_a_correction_marker_takes_back_the_technique_across_a_new_sentence_start():
    text = ("Ultrasound to the left knee, 6 minutes, no, scratch that, we didn't do ultrasound today, "
            "the unit is in for repair. Ther ex 20 minutes.")
    facts = extract(Transcript.from_text(text)).facts
    assert _context(text, "6 minutes") == Context.negated
    assert all(f.context == Context.negated for f in facts if getattr(f, "technique", None) == "ultrasound")


def test_no_assistive_device_describes_the_exercise_not_a_denial():
    text = "Gait training 15 minutes. Balance at the sink, no cane, reaching and turning his head, eight minutes."
    assert _treatments(text).get("neuromuscular_reeducation") == 8
