"""Session 11, round 28 (sports notes): the athlete's own training is no service of this visit, a
rating on an effort scale is no count of minutes, a self-release tool said with the areas heads
the technique that follows, and a stretch given "for home" is home care."""

from __future__ import annotations

from extraction import extract
from models import Context, Transcript


def _extract(text: str):
    return extract(Transcript.from_text(text))


def _treatments(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in _extract(text).treatments]


def test_exercises_of_the_athletes_own_workout_are_not_billed():
    text = ("Her metcon this morning was thrusters and burpees, so the shoulders are toast. "
            "Swedish massage to the upper back and shoulders, 40 minutes.")
    assert _treatments(text) == [("97124", 40)]


def test_lifts_said_with_a_personal_record_are_not_billed():
    text = ("Pulled a deadlift PR on Saturday and his low back is tight. "
            "Trigger point work on the QL, 20 minutes.")
    assert _treatments(text) == [("97140", 20)]


def test_exercises_done_in_the_visit_are_still_billed_beside_a_workout_word():
    text = "Told me the WOD was rough. Ther ex 25 min: goblet squats and step-ups."
    assert ("97110", 25) in _treatments(text)


def test_a_number_after_an_effort_scale_is_a_rating_not_minutes():
    text = ("Ther ex 18 min: lunges and step-downs. Borg 14 on the step-downs. "
            "Neuro re-ed 10 min: single leg balance on foam.")
    assert _treatments(text) == [("97110", 18), ("97112", 10)]


def test_rpe_before_the_exercise_name_holds_no_minutes():
    text = "Ther ex 22 min, rows and presses, RPE 8 on the presses."
    assert _treatments(text) == [("97110", 22)]


def test_a_tool_said_with_the_areas_heads_the_technique_after_the_comma():
    found = _extract("Foam roller on the right IT band, myofascial release, about 10 min. "
                     "Swedish to the upper back, 30 minutes.").treatments
    assert [a.area for a in found[0].areas] == ["it_band"]
    assert found[0].minutes == 10


def test_a_stretch_given_for_home_is_home_care_not_a_treated_area():
    facts = _extract("Deep tissue to the calves, 30 min. Gave him a wall calf stretch for home.")
    stretches = [f for f in facts.facts if getattr(f, "technique", None) == "stretching"]
    assert stretches and all(f.context == Context.planned for f in stretches)
    assert _treatments("Deep tissue to the calves, 30 min. Gave him a wall calf stretch for home.") == [("97124", 30)]
