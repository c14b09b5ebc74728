"""Session 11, the rest of dev25: the same fact read in every wording.

Classes: the visit's length said as "N minutes with him altogether" or "total time for the session
N"; an injury "N years ago" opening its sentence is history even past an aside ("Years back, give or
take, she ...") so a relaxation-only visit stays one; "N minutes hands-on for the <area>" times the
work at that part, not the visit; a side after "toward left and" is a direction, no repeated area;
minutes far before a run-on clause's first technique, which says its own minutes right after it,
are not that technique's. Every phrasing is written here, none from any corpus, each with a
counter-test that keeps what must stay.
"""

from __future__ import annotations

from billing.documentation import medical_necessity_findings
from extraction import extract
from models import Transcript


def run(text: str):
    return extract(Transcript.from_text(text))


def rows(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in run(text).treatments)


# -- the visit's length ------------------------------------------------------------------------------

def test_minutes_with_him_altogether_are_the_visits_length():
    e = run("Thirty minutes with him altogether. Ther ex 20 min: bridges. Manual 15 min: knee glides.")
    assert e.session_minutes == 30


def test_total_time_for_the_session_in_a_run_on_is_the_visits_length():
    e = run("resident seen in the gym total time for the session forty minutes we did ther ex twenty minutes "
            "then gait training twenty five minutes")
    assert e.session_minutes == 40


def test_minutes_of_a_technique_are_no_visit_length():
    e = run("Ther ex 20 min: bridges. Manual 15 min: knee glides.")
    assert e.session_minutes is None


# -- history framed at the sentence's opening --------------------------------------------------------

def _relax(history: str) -> list[str]:
    text = (f"New client. {history} Today no pain, she only wants to relax. "
            "Swedish massage, full body, sixty minutes.")
    return [f.id for f in medical_necessity_findings(run(text), billed=True)]


def test_years_ago_opening_frames_an_old_injury_past_an_aside():
    conditions = [(f.condition, f.context.value) for f in run(
        "Some years back, give or take, he sprained his right wrist skiing, fine now.").facts if f.kind == "condition"]
    assert conditions == [("sprain", "historical")]
    assert _relax("Eight years ago, roughly, she sprained her right wrist, fully healed.") == ["NOT_MEDICALLY_NECESSARY"]


def test_a_recent_injury_stays_todays_complaint():
    conditions = [(f.condition, f.context.value) for f in run(
        "Three days ago, at practice, she sprained her left ankle.").facts if f.kind == "condition"]
    assert conditions == [("sprain", "performed")]


# -- hands-on for a body part ------------------------------------------------------------------------

def test_minutes_hands_on_for_an_area_time_that_work():
    text = ("To start, 12 minutes hands-on for the left hip: joint glides, soft tissue to the glutes. "
            "Then 18 minutes of functional training: sit to stand.")
    assert rows(text) == [("97140", 12), ("97530", 18)]
    assert run(text).session_minutes is None


def test_minutes_hands_on_alone_stay_the_visits_total():
    assert run("Fifty minutes hands-on today. Deep tissue to the back and neck.").session_minutes == 50


# -- a direction is no repeated side -----------------------------------------------------------------

def test_turns_toward_left_and_right_add_no_other_side():
    e = run("Right knee mobs 10 min. Then ther act 15 min: pivot turns toward right and left, step ups.")
    sides = {(a.area, a.laterality.value) for t in e.treatments for a in t.areas}
    assert ("knee", "left") not in sides


def test_and_left_after_an_area_still_repeats_it():
    e = run("STM to the right upper trap 8 min, and left.")
    sides = {(a.area, a.laterality.value) for t in e.treatments for a in t.areas}
    assert ("upper_trapezius", "left") in sides


# -- minutes far before a run-on's first technique ---------------------------------------------------

def test_own_training_minutes_in_a_run_on_are_not_the_massage():
    text = ("before that she did a 40 minute spin class with her friends hips are tight and the left calf "
            "is sore she says quote legs are dead deep tissue massage calves 20 minutes")
    assert rows(text) == [("97124", 20)]


def test_minutes_right_before_a_technique_stay_its_own():
    assert ("97124", 20) in rows("then 20 minutes deep tissue massage to the calves and stretching ten minutes")


def test_years_ago_said_late_in_a_sentence_still_makes_the_injury_history():
    """A frame that must open its sentence and doesn't must not hide the plain 'years ago' look-back."""
    from extraction import extract
    from models import Transcript

    note = ("Sprained his right wrist skiing about twelve years ago, no problems since. "
            "Wants a relaxing full body Swedish massage, sixty minutes.")
    facts = extract(Transcript.from_text(note)).facts
    injury = [f for f in facts if f.kind == "condition"]
    assert injury and all(f.context.value == "historical" for f in injury), [
        (f.evidence.text, f.context.value) for f in facts]
