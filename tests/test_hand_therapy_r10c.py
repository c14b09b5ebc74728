"""Hand and upper-extremity therapy as certified hand therapists chart it (issue 13, round 7).

Four classes, each a mechanism or authoritative vocabulary kept as data:
- anatomy: carpal bones, finger joints, flexor pulleys, elbow joints are parts of the wrist, hand or
  elbow (areas.jsonl entries with ``area``); a compound name with "head" ("radial head",
  "metacarpal head", "humeral head") is one term, never the head region;
- hand therapy exercise names (tendon and nerve glides, place-and-hold, blocked flexion, pinch and
  grip work) are 97110, scar mobilization is 97140 (techniques.jsonl);
- named hand conditions take their ICD-10-CM codes: de Quervain's M65.4, trigger thumb M65.31-,
  trigger finger M65.30, first CMC osteoarthritis M18.11/M18.12/M18.9 by side (conditions.jsonl, diagnosis_map.json);
- a score said of the end of the workday or a shift is the client's report, not the after score
  (pain_timing.jsonl; a cue inside a longer activity phrase is that phrase's words).
Phrasings written here, none from any corpus.
"""

from __future__ import annotations

from datetime import date

import pytest

from extraction import extract
from extraction import vocab
from models import AreaFact, Transcript
from scribe.analysis import analyse


def _areas(text: str) -> list[AreaFact]:
    return [f for f in extract(Transcript.from_text(text)).facts
            if isinstance(f, AreaFact) and f.context == "performed"]


def _claim(text: str, payer: str = "commercial"):
    _, _, claim, _ = analyse(Transcript.from_text(text), payer=payer, date_of_service=date(2026, 3, 2),
                             use_data_dir=False)
    return claim


def _lines(claim) -> dict[str, int]:
    return {ln.cpt: ln.units for ln in claim.lines}


@pytest.mark.parametrize(
    "text, area",
    [
        ("Grade II AP glides of the head of the radius for 15 minutes.", "elbow"),
        ("Joint mobs to the left radial head, sixteen minutes.", "elbow"),
        ("STM around the fifth metacarpal head, 10 min.", "hand"),
        ("Inferior glides of the humeral head, twelve minutes.", "shoulder"),
        ("Mobilized the lunate and capitate, 14 min.", "wrist"),
        ("Friction massage over the 1st dorsal compartment for 9 minutes.", "wrist"),
        ("Soft tissue mob around the A1 pulley of the long finger, 8 min.", "hand"),
        ("Dorsal glides at the PIP joint of the small finger, ten minutes.", "hand"),
    ],
)
def test_hand_and_elbow_anatomy_is_its_upper_extremity_area_not_the_head(text, area):
    found = _areas(text)
    assert area in {a.area for a in found}
    assert all("head" not in a.regions for a in found)


def test_a_part_entry_must_share_its_area_regions():
    for entry in vocab.areas():
        if entry.area:
            assert set(entry.regions) == set(vocab.area_by_id()[entry.area].regions)


def test_the_head_itself_is_still_the_head():
    assert "head" in {a.area for a in _areas("Craniosacral hold at the head, twenty minutes.")}


def test_side_said_before_a_carpal_bone_is_kept():
    found = [a for a in _areas("Mobs to the right scaphoid, 12 min.") if a.area == "wrist"]
    assert found and found[0].laterality.value == "right"


@pytest.mark.parametrize(
    "text",
    [
        "Six minutes of nerve glides for the median nerve, then 20 min joint mobs to the carpus.",
        "Flexor tendon gliding 6 min after the 20 min of joint mobilization to the wrist.",
    ],
)
def test_tendon_and_nerve_glides_are_exercise_not_joint_glides(text):
    claim = _claim(text)
    # The six minutes of glides are exercise (too short for a unit of their own), never joint mobilization.
    assert [ln.minutes for ln in claim.lines if ln.cpt == "97140"] == [20]


def test_place_and_hold_and_pinch_work_bill_therapeutic_exercise():
    claim = _claim("Right index flexor repair. Place-and-hold and blocked DIP flexion, then key pinch and "
                   "tip pinch work, 25 minutes total of exercise.")
    assert _lines(claim) == {"97110": 2}


def test_scar_mobilization_is_manual_therapy():
    claim = _claim("Scar mob along the palmar incision for 12 minutes.")
    assert _lines(claim) == {"97140": 1}


def test_a_pulley_of_the_finger_is_not_the_overhead_pulley_exercise():
    claim = _claim("STM near the A3 pulley of the ring finger, 11 minutes.")
    assert "97110" not in _lines(claim)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Left de Quervain tenosynovitis, Finkelstein positive. Pain 6/10. Cross friction to the radial "
         "styloid 10 min. Pain 4/10 after.", "M65.4"),
        ("Right trigger thumb, clicks in the morning, pain 5/10. STM to the thenar eminence 10 min. "
         "Pain 3/10 after.", "M65.311"),
        ("Trigger finger, catching with a full fist, pain 4/10. Tendon glides 12 min. Pain 2/10 after.", "M65.30"),
        ("Basal joint arthritis, pain 5/10 with key turning. CMC mobs 12 minutes. Pain 3/10 after.", "M18.9"),
        ("Left thumb CMC arthritis, pain 5/10 opening jars. CMC mobs 12 minutes. Pain 3/10 after.", "M18.12"),
    ],
)
def test_named_hand_conditions_take_their_icd10_codes(text, code):
    codes = [d.code for d in _claim(text).diagnoses]
    assert code in codes
    assert not any(c.startswith(("M25.53", "M79.64")) for c in codes)  # the named condition covers the symptom


def test_pain_by_the_end_of_the_shift_is_the_before_score():
    from models import PainFact
    facts = extract(Transcript.from_text(
        "Line cook, hands throb by the end of her shift, five out of ten. Swedish to both forearms 30 min. "
        "Two out of ten after.")).facts
    scores = {f.timing.value: f.score for f in facts if isinstance(f, PainFact) and f.context == "performed"}
    assert scores == {"before": 5, "after": 2}
