"""Session 8, the last four: four small classes of misread place or side, each fixed by mechanism.

1. A broad area said as the way to a narrower part of itself ("down the spine to the low back")
   names the part at the route's end; the broad area yields (areas.py _route_ends, ROUTE_END_WORD).
2. A "/"-compound of areas before a posture or alignment word ("head/neck alignment") is a finding,
   not areas treated (areas.py _posture_tied, POSTURE_NOUN, AREA_COMPOUND_JOINER).
3. A complaint said with no area, before any other area or technique, after the note opens on an
   area heading ("Left hip, the runner. Aches on stairs") is about the heading's area
   (conditions.py _under_heading; areas.opening_heading is the one home of the heading test).
4. Sciatica takes the one side its sentence says and does not deny ("the left side, not the right")
   (conditions.jsonl side_in_sentence, SIDE_NEGATION); an area said as how far the pain reaches
   ("till the knee, 6/10") is not where the score is (facts.py _is_reach, REACH_WORD).

Phrasings are our own; each class has counter-tests that keep the reading it must not break."""

from __future__ import annotations

from datetime import date

from models import FactKind, Laterality, RuleId, Transcript
from scribe.analysis import analyse
from tests.reading import run


def _claim(text: str, payer: str = "commercial"):
    _, _, claim, findings = analyse(Transcript.from_text(text), payer=payer, date_of_service=date(2026, 3, 2),
                                    use_data_dir=False)
    return claim, {f.id for f in findings}


def _regions(text: str) -> set[str]:
    return {r.value for ln in _claim(text)[0].lines for r in ln.regions}


def _codes(text: str, payer: str = "commercial") -> set[str]:
    return {d.code for d in _claim(text, payer)[0].diagnoses}


def _areas(text: str) -> list[str]:
    return [a.area for a in run(text).facts_of(FactKind.area)]


# 1. a route along a broad area to a part of it ---------------------------------------------------

def test_strokes_along_the_spine_to_the_low_back_stay_off_the_neck():
    text = ("Upper back sore, 5/10. Friction to the left levator scapulae 10 minutes. Then effleurage for "
            "twenty minutes, gliding along the spine all the way to the lumbar region. After 2/10.")
    assert "spine" not in _areas(text)
    claim, flags = _claim(text)
    massage = [ln for ln in claim.lines if ln.cpt == "97124"]
    assert massage and "cervical" not in {r.value for r in massage[0].regions}
    assert RuleId("SAME_REGION_CONFLICT") not in flags


def test_the_spine_said_alone_keeps_all_three_regions():
    text = "Low back sore 5/10. Swedish massage 30 minutes along the whole spine. After 3/10."
    assert _regions(text) >= {"cervical", "thoracic", "lumbar"}


def test_a_route_between_areas_that_do_not_contain_each_other_keeps_both():
    text = "Neck and low back tight, 6/10. Swedish 40 min from the neck down to the low back. After 3/10."
    assert {"neck", "low_back"} <= set(_areas(text))


# 2. a compound of areas before a posture word ----------------------------------------------------

def test_a_slash_compound_before_alignment_is_a_finding():
    text = ("Neck pain 5/10. Soft tissue mobilization to the cervical paraspinals 12 minutes. "
            "Postural re-education 10 minutes: shoulder/head alignment in sitting with mirror feedback.")
    assert "head" not in _regions(text)
    assert "shoulder" not in _areas(text)


def test_an_area_joined_by_slash_without_a_posture_word_is_still_treated():
    text = "Neck/shoulder pain 6/10. Swedish massage to the neck/shoulder 30 minutes. After 3/10."
    assert {"neck", "shoulder"} <= set(_areas(text))


# 3. a complaint under the note's opening area heading --------------------------------------------

def test_a_bare_ache_after_an_opening_area_heading_is_about_that_area():
    text = ("Left hip, the marathon runner. Aches climbing stairs, she calls it a five. Myofascial release "
            "to the left glute med 20 minutes. Stairs a two after.")
    cond = [c for c in run(text).facts_of(FactKind.condition) if c.condition == "pain"]
    assert cond and cond[0].area == "hip" and cond[0].laterality == Laterality.left
    assert "M25.552" in _codes(text)


def test_a_complaint_after_a_technique_is_not_pulled_back_to_the_heading():
    text = ("Left hip, the marathon runner. Myofascial release to the glute med 20 minutes, "
            "sore afterwards, a five.")
    cond = [c for c in run(text).facts_of(FactKind.condition) if c.condition == "pain"]
    assert all(c.area != "hip" for c in cond)


def test_a_note_without_an_opening_heading_leaves_a_bare_ache_unplaced():
    text = "Came in after a long week. Aches all over, a five. Swedish massage to the back 30 minutes."
    cond = [c for c in run(text).facts_of(FactKind.condition) if c.condition == "pain"]
    assert cond and cond[0].area is None


# 4. sciatica's side in its sentence; how far the pain reaches ------------------------------------

def test_sciatica_takes_the_side_its_sentence_affirms():
    text = ("LBP with sciatica, it runs down into the leg, right side, not the left. Till the calf, 6/10. "
            "Joint mobilization lumbar 15 min. Therapeutic exercise 15 min. After 4/10.")
    sci = [c for c in run(text).facts_of(FactKind.condition) if c.condition == "sciatica"]
    assert sci and sci[0].laterality == Laterality.right
    assert "M54.41" in _codes(text, "medicare")


def test_sciatica_with_two_sides_said_stays_unsided():
    text = "Sciatica, left leg worse than the right leg. Therapeutic exercise 25 min. Pain 5/10."
    sci = [c for c in run(text).facts_of(FactKind.condition) if c.condition == "sciatica"]
    assert sci and sci[0].laterality == Laterality.unspecified


def test_the_place_the_pain_reaches_is_not_where_the_score_is():
    text = "Low back pain radiating down the leg, until the ankle, 7/10. Manual therapy lumbar 20 min."
    before = run(text).pain_before
    assert before is not None and before.score == 7 and before.location != "ankle"
    assert not any(c.startswith("M25.57") for c in _codes(text))


def test_a_score_said_right_after_an_area_still_rates_it():
    text = "Right knee, 6/10 on stairs. Manual therapy to the right knee 15 min."
    before = run(text).pain_before
    assert before is not None and before.location and "knee" in before.location
