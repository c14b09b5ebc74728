"""A transcribed conversation about the session: a billing assistant asks, the therapist answers."""

from extraction import conversation, extract
from models import Context, Transcript


def _run(text: str):
    return extract(Transcript.from_text(text))


def _codes(ex) -> dict[str, int | None]:
    return {t.cpt: t.minutes for t in ex.treatments}


def test_answer_labels_are_no_assessment_heading():
    ex = _run("Q: Which side?\nA: Right hip, glutes tight.\nQ: What did you do?\n"
              "A: Deep tissue to the right glutes and piriformis, twenty-five minutes.\n")
    assert _codes(ex) == {"97140": 25} or _codes(ex) == {"97124": 25}


def test_clinician_label_is_no_other_provider():
    ex = _run("Front desk: Who was this?\nPT: The runner with the sore calf.\n"
              "Front desk: What did you do with her?\nPT: Therapeutic exercise for the calf, eighteen minutes.\n")
    assert _codes(ex) == {"97110": 18}


def test_no_answer_negates_the_service_asked_about():
    ex = _run("Billing: Did you use the ultrasound?\nTherapist: Nope, ran out of time.\n"
              "Billing: What else?\nTherapist: Manual therapy to the left shoulder, 20 min.\n")
    assert _codes(ex) == {"97140": 20}
    us = [f for f in ex.facts if f.kind == "technique" and "ultrasound" in f.evidence.text.lower()]
    assert us and all(f.context == Context.negated for f in us)


def test_answer_gives_the_asked_timing_of_a_score():
    ex = _run("Q: Pain coming in?\nA: Knee, six of ten.\nQ: Strengthening, how long?\n"
              "A: Twenty minutes, step ups and wall sits.\nQ: Pain when she left?\nA: Down to three.\n")
    assert ex.pain_before is not None and ex.pain_before.score == 6
    assert ex.pain_after is not None and ex.pain_after.score == 3


def test_asked_session_length_takes_the_answers_minutes():
    ex = _run("Q: How long was the visit?\nA: Fifty minutes.\nQ: Services?\nA: Swedish to the back, thirty.\n")
    assert ex.session_minutes == 50


def test_no_answer_about_a_complaint_negates_it():
    ex = _run("Front desk: Any neck pain with it?\nTherapist: None at all, just the shoulder.\n"
              "Front desk: Treatment?\nTherapist: Myofascial release to the right shoulder, 15 min.\n")
    asked = [f for f in ex.facts if f.kind == "condition" and f.evidence.char_start < 35]
    assert asked and all(f.context == Context.negated for f in asked)


def test_one_labelled_line_is_no_conversation():
    text = "A: tolerated well.\nP: continue plan, add bridges next visit.\n"
    assert conversation.read(text) is None
    assert conversation.questions(text) == []


def test_evidence_points_into_the_conversation_as_received():
    text = "Q: Hands-on?\nA: Soft tissue to the left calf, twelve minutes.\nQ: Anything else?\nA: That's it.\n"
    ex = _run(text)
    tr = ex.treatments[0]
    evidence = tr.evidence if isinstance(tr.evidence, list) else [tr.evidence]
    assert all(text[e.char_start:e.char_end] == e.text for e in evidence)
