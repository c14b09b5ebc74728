"""Pain scores said many ways (issue 13 class 5, round 14).

Classes: a describer-led score handed on by a reporting verb ("he said a steady six") is a
rating, not minutes; a predicate "was pain-free" is a score of 0 timed by where it is said; a note
opening on a body area alone ("Low back, ...") gives a later bare score its pain context; scores
under a goals heading (STG/LTG) are targets; "when I got there" times a home visit's arrival score;
a hyphen inside a word ("heel-off") does not cut a score from the cue after it; an unpunctuated
plan ends where a timed pain score starts; "chewing" names an activity; "after will ..." ends the
score's clause. Counter-tests: goal scores, a relative's score, a non-pain 0-10 number, "pain-free"
as a modifier, a reported minute count. Phrasings written here, not taken from the corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Context, PainFact, Transcript


def before_after(text: str) -> tuple[int | None, int | None]:
    ex = extract(Transcript.from_text(text))
    return (ex.pain_before.score if ex.pain_before else None, ex.pain_after.score if ex.pain_after else None)


def performed_scores(text: str) -> list[tuple[int, str]]:
    ex = extract(Transcript.from_text(text))
    return [(f.score, f.timing.value) for f in ex.facts if isinstance(f, PainFact) and f.context == Context.performed]


def minutes_of(text: str) -> list[int]:
    ex = extract(Transcript.from_text(text))
    return sorted(t.minutes for t in ex.treatments if t.minutes is not None)


@pytest.mark.parametrize("said", ["he said a steady six", "she rated it a good eight", "he put it at a solid five"])
def test_reported_describer_score_is_a_rating_not_minutes(said):
    text = f"Upper back today, {said}. Deep tissue to the upper back, 35 minutes. Afterwards she said a two."
    before, after = before_after(text)
    assert before == int({"six": 6, "eight": 8, "five": 5}[said.split()[-1]])
    assert after == 2
    assert minutes_of(text) == [35]


def test_reported_count_with_its_unit_stays_minutes():
    text = "Hip pain 6/10. She said a good ten minutes of stretching helped, so we did stretching for 10 minutes."
    assert 10 in minutes_of(text)


@pytest.mark.parametrize("verb", ["was", "felt"])
def test_predicate_pain_free_after_treatment_is_after_zero(verb):
    text = (f"Runner, right hip pain, a six on hills. Soft tissue mobilization to the right glute 20 minutes, "
            f"therapeutic exercise 15 minutes. Then a step-down test {verb} pain-free.")
    assert before_after(text) == (6, 0)


def test_pain_free_as_a_modifier_is_no_score():
    text = ("Shoulder pain 5/10. Therapeutic exercise 20 min for pain-free range of motion. "
            "Manual therapy 10 min. Post 3/10.")
    assert before_after(text) == (5, 3)


def test_pain_free_after_a_home_plan_in_run_on_speech_is_today():
    text = ("left calf and ankle pain she rated it a five okay so sports massage to the left calf for "
            "thirty minutes told her to keep stretching at home she was pain free at the end")
    assert before_after(text) == (5, 0)


def test_timed_score_after_a_run_on_plan_is_today():
    text = ("massage both arms forty minutes pain three out of ten today next visit I want to add cupping "
            "pain zero out of ten after")
    assert before_after(text) == (3, 0)


def test_plan_without_timing_keeps_its_score_planned():
    text = "Neck pain 6/10. Swedish 30 min to the neck. Next visit we will aim for pain two out of ten."
    assert before_after(text) == (6, None)


@pytest.mark.parametrize("opening", ["Low back, teacher, on her feet all day.", "Right knee today."])
def test_opening_area_heading_gives_a_bare_score_its_context(opening):
    text = f"{opening} Six today. Swedish to the area, 30 minutes. Down to a three."
    assert before_after(text) == (6, 3)


def test_bare_number_without_any_complaint_is_no_score():
    text = "Relaxation massage. Six today. Swedish 60 minutes full body."
    assert before_after(text) == (None, None)


def test_goal_section_scores_are_targets():
    text = ("R knee pain 6/10 on stairs.\nTherex 20 min R knee.\nPost: stairs 3/10.\n"
            "Goals: STG pain <=2/10 on stairs in 2 wks; LTG 0-1/10 with all ADLs.")
    assert before_after(text) == (6, 3)
    assert [s for s, _ in performed_scores(text)] == [6, 3]


def test_arrival_when_i_got_there_is_before():
    text = ("Home visit. Gait training with walker in the hallway, 20 min. "
            "His hip was a 4 when I got there, didn't recheck it at the end.")
    assert before_after(text) == (4, None)


def test_hyphenated_activity_keeps_the_follow_cue():
    text = "R ankle, 6/10 at heel-off.\nJoint mobs R talocrural 12 min.\nTherex 15 min.\n3/10 at heel-off in gait post."
    assert before_after(text) == (6, 3)


def test_chewing_ends_the_score_clause():
    text = ("Jaw pain, right TMJ, about a five when she eats. Intraoral work to the masseter 15 minutes. "
            "Jaw was a one chewing after.")
    assert before_after(text) == (5, 1)


def test_after_then_future_plan_is_after():
    text = ("medicare patient left hip pain six out of ten coming in ther ex 25 minutes bridges and clams "
            "pain three out of ten after will add step ups next time")
    assert before_after(text) == (6, 3)


def test_relatives_score_is_not_the_clients():
    text = ("Her husband's back is a nine, she says. Her neck pain was a five on arrival. "
            "Swedish 30 min to the neck. Down to a two.")
    assert before_after(text) == (5, 2)


def test_non_pain_scale_is_no_score():
    text = ("Dizziness six out of ten, neck pain four out of ten. Vestibular rehab 20 minutes. "
            "Neck pain two out of ten after.")
    assert before_after(text) == (4, 2)


def test_describer_rating_with_no_pain_context_is_no_score():
    # a rating of the massage itself, nothing said of pain or a complaint area
    text = "Hot stone massage, full body, 60 minutes. He called it a solid nine."
    assert before_after(text) == (None, None)
