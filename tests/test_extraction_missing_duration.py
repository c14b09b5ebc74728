"""Issue 13, round 2: MISSING_DURATION raised where a careful biller would not raise it.

Each class: a technique word that is no timed service of today (a plan or home-program section,
an assessment, a hold, a clearance, an activity a pain score was felt in), or minutes said but
not linked to their technique (a bare count closing a clause after its areas, a count between
a technique and its exercise list, minutes between two techniques, a correction of a number).
Phrasings are written here, none from any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


def billed(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in ex(text).treatments]


def missing(text: str) -> list[str]:
    return [t.cpt for t in ex(text).treatments if t.minutes is None]


# --- sections of a charted note ---------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "O: Ther ex 24 min: bridges, clamshells, step-ups.\nP: gait training with a rollator; ultrasound to the knee.",
        "Tx: manual therapy to the L knee x 15 min.\nPlan: 2x/wk x 4 wks. Balance work on foam. Joint mobs grade III.",
        "Today: manual therapy to the neck 20 minutes.\nHEP: doorway stretch, chin tucks, theraband rows.",
        "Manual therapy 18 min for the hip. Goals: gait without a cane, stair training with one rail.",
        "Joint mobs x 25 min R ankle.\n- HEP (issued, pt demonstrated): heel raises, SLR, wall sits.",
    ],
)
def test_plan_and_home_program_sections_are_not_services(text):
    assert missing(text) == []
    assert all(m is not None for _, m in billed(text))


def test_assessment_section_judges_services_it_starts_none():
    text = "O: Gait training 14 min with a rollator.\nA: balance and gait improving, less trunk sway in SLS.\nP: cont POC."
    assert billed(text) == [("97116", 14)]


def test_headings_reach_only_to_the_next_heading():
    text = "P: reassess next week.\nO: manual therapy to the neck 12 min."
    assert billed(text) == [("97140", 12)]


def test_a_plan_heading_needs_a_colon_and_a_line_or_sentence_start():
    # "plan" in running speech is ConText's business, not a section
    assert billed("Did the plan we made, twenty minutes of Swedish to the back.") == [("97124", 20)]
    # one-letter headings only in capitals: "a:" in a run-on is no assessment
    assert billed("deep tissue to the back twenty minutes a: fine") == [("97124", 20)]


def test_a_dictation_without_headings_is_untouched():
    assert billed("Massage to the upper back for thirty minutes, then trigger point to the left trap ten minutes.") == [
        ("97124", 30), ("97140", 10)]


# --- items held, planned, cleared ------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Ther ex 20 min for the shoulder. Ultrasound held today due to skin irritation.",
        "Ther ex 20 min for the shoulder. Mechanical traction on hold until the MD replies.",
        "Ther ex 20 min for the shoulder. Planned e-stim and hot pack not done, pt had to leave.",
        "Massage to the calves 25 minutes. Her surgeon cleared her for joint mobilization last week.",
    ],
)
def test_held_planned_or_cleared_services_wait_for_nothing(text):
    assert missing(text) == []


def test_as_planned_is_not_a_plan():
    assert billed("As planned, therapeutic exercise for the knee 15 minutes.") == [("97110", 15)]


# --- an activity a pain score was felt in -----------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Knee 5/10 on stair climbing, 2/10 with squats. Manual therapy to the knee 12 minutes.",
        "Low back 6 out of 10 during lunges. Soft tissue mobilization to the lumbar paraspinals, 15 min.",
        "Massage to the hamstrings 20 minutes. Single leg balance 2/10 after.",
        # describing words between the score and the activity
        "Knee 4/10 on resisted lateral step-ups. Manual therapy to the knee 12 minutes.",
        "Shoulder a 6 with overhead wall slides going in. Joint mobs to the R shoulder 10 min.",
        "Back 5 of 10 during slow single-leg bridges; soft tissue mobilization to the L QL 14 minutes.",
    ],
)
def test_a_rated_activity_is_no_service(text):
    assert missing(text) == []


def test_an_exercise_with_minutes_after_a_score_is_still_billed():
    assert ("97110", 15) in billed("Hip 4/10 with squats 15 minutes, then manual therapy to the hip 10 minutes.")


# --- minutes said but not linked ------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("deep tissue lower back and glutes twenty.", [("97124", 20)]),
        ("myofascial release both forearms left and right twelve. swedish shoulders ten.", [("97140", 12), ("97124", 10)]),
    ],
)
def test_a_bare_count_closing_a_technique_clause_after_its_areas(text, expected):
    assert billed(text) == expected


def test_a_bare_count_after_a_score_word_is_no_minutes():
    # the count after "pain" is a score, not minutes of the massage before it
    assert missing("swedish to the neck pain six.") == ["97124"]


def test_a_count_between_a_technique_and_its_exercise_list():
    assert billed("therapeutic exercise twenty clamshells bridges mini squats.") == [("97110", 20)]


def test_minutes_between_two_techniques_close_the_first_when_the_second_has_its_own():
    assert billed("cupping on the upper back six minutes swedish to the legs twenty minutes") == [
        ("97140", 6), ("97124", 20)]
    # "twenty minutes swedish" with nothing after it stays the Swedish's
    assert billed("trigger point to the glutes, twenty minutes swedish") == [("97140", None), ("97124", 20)]


def test_a_correction_between_two_numbers_corrects_the_number_not_the_technique():
    assert billed("deep tissue to the neck fifteen no sorry eighteen minutes. cupping on the back eight minutes.") == [
        ("97124", 18), ("97140", 8)]
    # a correction of the technique itself still retracts it
    assert billed("cupping on the back, no sorry, deep tissue on the back 20 minutes.") == [("97124", 20)]


# --- what a billed service was made of ---------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        # items of another code family, listed after the service's own name and a colon
        ("Ther act 18 min: floor to waist lifts, carrying a crate, and lateral step-ups.", [("97530", 18)]),
        ("22 minutes of therapeutic activities: bed mobility, tub transfers and bridges to scoot.", [("97530", 22)]),
        ("Neuromuscular re-ed including tandem stance, foam balance and heel raises, 16 min.", [("97112", 16)]),
    ],
)
def test_items_listed_under_a_service_name_are_that_service(text, expected):
    assert billed(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an item with minutes of its own is its own service
        ("Ther act 18 min: carrying a crate, and step-ups 9 min.", [("97530", 18), ("97110", 9)]),
        # a service said by its own name in the list is not an item
        ("Ther ex 20 min: bridges, clamshells, manual therapy to the hip.", [("97110", 20), ("97140", None)]),
        # one exercise is no heading
        ("Step-ups: 3 x 10 and manual therapy to the knee 10 min.", [("97110", None), ("97140", 10)]),
    ],
)
def test_what_is_not_an_item_of_the_service_before_it(text, expected):
    assert billed(text) == expected
