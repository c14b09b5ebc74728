"""Round 11: evaluation-day, progress-note and re-evaluation notes (issue 13).

Classes: a heading that names today's treatment opens a performed paragraph at a line's start even
with no colon, and may be timed by a qualifier ("after the eval") before its colon; an assessment
written on its heading's line is that one paragraph, so an unheaded treatment paragraph after it
is billed; a prior-visit summary ("over the past six sessions: ...") is historical; goals and
plan-of-care lists stay planned. Phrasings written here, not taken from the corpus."""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def _lines(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in extract(Transcript.from_text(text)).treatments)


_HEAD = ("Re-eval, visit 6. Hip OA, pain 5/10.\n"
         "Goals: walk 20 min, stairs reciprocal.\n"
         "Plan of care: 2x/wk x 4 wks, ther ex, manual, gait training, HEP.\n")


@pytest.mark.parametrize("opener", [
    "Treatment today, after the re-eval.", "Tx today -", "Todays tx following the evaluation:",
    "Services provided:", "Interventions performed:", "Today's session ran as usual.",
    "Today, after the eval,", "Skilled interventions:",
])
def test_a_heading_naming_todays_treatment_ends_the_plan(opener):
    text = _HEAD + opener + " Ther ex 25 minutes: clamshells, bridges, step-ups.\n"
    assert _lines(text) == [("97110", 25)]


def test_without_a_treatment_heading_the_plan_still_runs_on():
    text = _HEAD + "then ther ex 25 minutes: clamshells, bridges, step-ups.\n"
    assert ("97110", 25) not in _lines(text)


def test_the_plan_of_care_list_is_never_billed():
    text = _HEAD + "Tx today: manual 12 min, hip long-axis distraction.\n"
    assert _lines(text) == [("97140", 12)]


def test_an_unheaded_paragraph_after_a_one_line_assessment_is_today():
    text = ("Progress note. Knee pain 3/10.\n"
            "Assessment: improving, continue 1x/wk x 3 wks.\n"
            "Moist heat was skipped today.\n"
            "Ther ex 20 min: mini squats, step-downs.\n")
    assert _lines(text) == [("97110", 20)]


def test_an_assessment_continued_on_a_lower_case_line_stays_one_section():
    text = ("Assessment: tolerated well,\n"
            "ther ex and manual progressing as expected.\n"
            "Tx today: ther ex 15 min, bridges.\n")
    assert _lines(text) == [("97110", 15)]


@pytest.mark.parametrize("summary", [
    "Over the past 6 sessions: joint mobs, STM, ther ex.",
    "Over the last eight visits we have done joint mobs, STM and ther ex.",
    "During the previous 5 appointments, joint mobs, STM, ther ex.",
    "Over 9 visits: joint mobs, STM, ther ex.",
])
def test_a_prior_visit_summary_is_history(summary):
    text = "Progress note, shoulder. " + summary + "\nToday: neuro re-ed 15 min, scapular control drills.\n"
    assert _lines(text) == [("97112", 15)]


def test_a_session_count_that_frames_no_summary_leaves_today_alone():
    text = "Visit 4 of 12 sessions authorized. Ther ex 20 min, rows and presses.\n"
    assert _lines(text) == [("97110", 20)]
