"""Round 27 (session 11): a formal note's closing time block, session-end pain wording, a
"how's the ...?" question answered with a number, landmarks read into a side phrase, and a
note that the clock was not watched."""

from extraction import extract
from models import Transcript


def _run(text: str):
    return extract(Transcript.from_text(text))


def _pain(text: str):
    return [(f.score, f.timing.value) for f in _run(text).facts if f.kind == "pain"]


def test_time_block_binds_minutes_to_the_service_the_body_described():
    note = ("Treatment: Hot stone massage was given to the upper back and shoulders.\n"
            "Response: Tolerated well.\n"
            "Time:\n"
            "Swedish massage 97124, upper back/shoulders - 45 min\n")
    trs = _run(note).treatments
    assert [(t.cpt, t.minutes) for t in trs] == [("97124", 45)]


def test_time_block_keeps_two_services_apart_and_folds_each_body_mention():
    note = ("Interventions: Gait training was performed in the hallway with a cane. "
            "Joint mobilization of the left ankle was then applied.\n"
            "Time:\n"
            "Gait training 97116 - 14 min\n"
            "Manual therapy 97140, left ankle - 11 min\n"
            "Total timed minutes: 25\n")
    trs = _run(note).treatments
    assert sorted((t.cpt, t.minutes) for t in trs) == [("97116", 14), ("97140", 11)]


def test_heading_time_inside_a_line_opens_no_block():
    note = "Time: 20 min of Swedish to the neck. Later I also did some cupping on the back."
    trs = _run(note).treatments
    assert any(t.minutes is None for t in trs)  # the cupping still waits for its minutes


def test_word_of_order_in_closed_bracket_leaves_minutes_to_the_line_service():
    note = ("Gait training 97116, hallway with cane (done after manual therapy) - 16 min\n")
    trs = _run(note).treatments
    assert [(t.cpt, t.minutes) for t in trs if t.minutes is not None] == [("97116", 16)]


def test_after_cue_naming_the_visit_or_a_part_of_it_times_the_score():
    assert _pain("Hip pain was 3/10 at the end of the appointment.") == [(3, "after")]
    assert _pain("She rated it 2/10 following the exercise portion.") == [(2, "after")]
    assert _pain("Knee pain 5/10 after a long weekend of hiking.") != [(5, "after")]


def test_how_question_answered_with_a_number_is_a_score():
    text = ("Low back pain five out of ten on arrival. Deep tissue to the low back, thirty minutes. "
            'How\'s the back now, Mr. Okoye? "Two." He stood up easily.')
    r = _run(text)
    assert r.pain_after is not None and r.pain_after.score == 2


def test_side_phrase_read_into_the_area_span_is_a_landmark():
    trs = _run("Deep tissue to the lumbar muscles on both sides of the spine, twenty minutes.").treatments
    assert [a.area for t in trs for a in t.areas] == ["low_back"]


def test_clock_not_watched_leaves_the_estimate_standing():
    trs = _run("Myofascial release to the right hip, didn't watch the clock, roughly 15 to 20 min.").treatments
    assert [(t.minutes, t.minutes_max) for t in trs] == [(15, 20)]


def test_side_phrase_of_the_worked_part_itself_is_no_landmark():
    trs = _run("Thirty minutes of Swedish massage over both sides of the back, long strokes into the lumbar area.").treatments
    assert {r for t in trs for a in t.areas for r in a.regions} >= {"thoracic", "lumbar"}
