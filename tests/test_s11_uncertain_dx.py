"""Session 11: uncertain diagnoses (ICD-10-CM Official Guidelines, Section IV.H, outpatient services).

A diagnosis said with a hedge ("r/o", "possible", "... picture", "x vs y", "?x") is not coded; the
symptom said with it is, and the symptom's reason says which diagnosis was left out and why. A
diagnosis said plainly keeps its code, and a hedge word near a symptom changes nothing.
"""

from __future__ import annotations

import pytest

from extraction import extract, vocab
from models import FactKind, Transcript
from scribe.analysis import analyse


def _hedges(text: str) -> dict[str, str | None]:
    """Condition id -> the hedge said with it (None when said plainly)."""
    found = extract(Transcript.from_text(text)).facts_of(FactKind.condition, None)
    return {f.condition: (f.hedge.text if f.hedge else None) for f in found}


def _claim(text: str, payer: str = "medicare"):
    return analyse(Transcript.from_text(text), payer=payer, date_of_service=None)[2]


@pytest.mark.parametrize("text, condition, hedge", [
    ("Assessment: r/o R trochanteric bursitis. STM R hip 20 min.", "trochanteric_bursitis", "r/o"),
    ("Probably plantar fasciitis on the left. Soft tissue work to the foot.", "plantar_fasciitis", "Probably"),
    ("Working dx lateral epicondylitis, right.", "lateral_epicondylitis", "Working dx"),
    ("Looks like carpal tunnel to me, numb fingers at night.", "carpal_tunnel", "Looks like"),
    ("Left elbow, golfer's elbow type picture.", "medial_epicondylitis", "picture"),
    ("Impression: bicipital tendinitis vs subacromial bursitis.", "shoulder_bursitis", "vs"),
    ("Dx: ?adhesive capsulitis L shoulder", "adhesive_capsulitis", "?"),
    ("Findings compatible with patellar tendinopathy.", "patellar_tendinitis", "compatible with"),
])
def test_a_diagnosis_said_with_a_hedge_is_uncertain(text, condition, hedge):
    assert hedge in (_hedges(text)[condition] or "")


@pytest.mark.parametrize("text, condition", [
    ("Dx: left adhesive capsulitis. Joint mobs 15 min.", "adhesive_capsulitis"),
    ("Ultrasound last month showed subacromial bursitis, no tear.", "shoulder_bursitis"),
    ("Plantar fasciitis R, following up per the podiatrist.", "plantar_fasciitis"),
    # the hedge is about something else, or ends before the diagnosis
    ("Work as much as possible on posture; plantar fasciitis on the right.", "plantar_fasciitis"),
    ("Likely to progress next week, lateral epicondylitis settling.", "lateral_epicondylitis"),
    ("Maybe her tennis elbow is settling down.", "lateral_epicondylitis"),
])
def test_a_diagnosis_said_plainly_is_certain(text, condition):
    assert _hedges(text)[condition] is None


def test_a_hedge_never_makes_a_symptom_uncertain():
    """"Any pain? Yes" asks and answers; "possible stiffness" is still the sign that is coded."""
    found = _hedges("Any pain? Yes, low back pain. Possible stiffness in the right knee.")
    assert found["pain"] is None and found["stiffness"] is None


def test_a_question_mark_closing_a_question_does_not_hedge_the_next_statement():
    assert _hedges("Better today? Trigger finger still catching on the right.")["trigger_finger"] is None


def test_the_symptom_is_coded_in_place_of_the_uncertain_diagnosis_and_says_why():
    claim = _claim("Left shoulder pain, rule out adhesive capsulitis. Joint mobilization left shoulder 15 minutes.")
    codes = [d.code for d in claim.diagnoses]
    assert codes == ["M25.512"]
    reason = claim.diagnoses[0].reason
    assert "IV.H" in reason and "rule out" in reason
    assert any("adhesive capsulitis" in e.text for e in claim.diagnoses[0].evidence)


def test_the_same_diagnosis_said_plainly_is_coded_over_its_symptom():
    """Section IV.D: the pain routinely part of the diagnosis is not coded beside it."""
    claim = _claim("Left shoulder pain from adhesive capsulitis. Joint mobilization left shoulder 15 minutes.")
    assert [d.code for d in claim.diagnoses] == ["M75.02"]


def test_an_uncertain_diagnosis_with_no_symptom_said_gives_no_code_of_its_own():
    claim = _claim("Possible de Quervain's on the left. Soft tissue mobilization left wrist 15 minutes.")
    assert "M65.4" not in [d.code for d in claim.diagnoses]


def test_every_hedge_rule_names_its_source_and_the_guideline_terms_are_all_there():
    rules = vocab.load("hedges.jsonl")
    assert all(r.source.strip() for r in rules)
    guideline = next(r for r in rules if r.id == "hedge.guideline")
    assert "Section IV.H" in guideline.source
    for term in ("probable", "suspected", "questionable", "rule out", "compatible with", "consistent with",
                 "working diagnosis"):
        assert term in guideline.terms and term in guideline.source


def test_a_question_about_a_known_diagnosis_does_not_hedge_it():
    """Spoken, a question naming a condition asks after one already known ("how's the sciatica?");
    only a "?" written before the diagnosis is the charting query."""
    assert _hedges("Remember my plantar fasciitis lady? Came in limping.")["plantar_fasciitis"] is None
    assert _hedges("How is the trigger finger? Still catching, she says.")["trigger_finger"] is None


def test_soap_keeps_a_hedged_diagnosis_uncertain():
    """The note must not state as fact what the claim left uncoded as uncertain."""
    from extraction import extract
    from extraction.soap import draft_soap
    from models import Transcript

    transcript = Transcript.from_text("Right shoulder pain and stiffness, frozen shoulder picture. Joint "
                                      "mobilization to the right shoulder 15 minutes. Pain 6/10 before, 3/10 after.")
    ex = extract(transcript)
    hedged = [c for c in ex.facts if c.kind == "condition" and getattr(c, "hedge", None)]
    assert hedged, [f.evidence.text for f in ex.facts]
    subjective = draft_soap(transcript, ex).subjective
    assert "possible" in subjective.lower(), subjective
