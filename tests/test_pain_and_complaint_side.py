"""Pain scores before/after and a complaint's side, in phrasings written here (round 7, issue 13).

Classes: a children's faces-scale rating is a 0-10 score; where a score hurts ("at home", "on the
stairs") is no plan; a score said at the end of the session is this session's, even right after a
recommendation in a run-on memo; a timing cue closing a clause split off before its score times
it; a symptom said to radiate takes the side of the limb it travels down.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Context, Transcript
from tests.test_extraction_blind_classes import diagnosis_codes  # the same reading of a claim's codes


def scores(text: str) -> tuple[int | None, int | None]:
    out = extract(Transcript.from_text(text))
    return (out.pain_before.score if out.pain_before else None,
            out.pain_after.score if out.pain_after else None)


@pytest.mark.parametrize(
    "text, want",
    [
        ("Maya, 5. Before therapy she chose the 6 face for her knee. Gait training 20 min. "
         "Afterwards she chose the 2 face.", (6, 2)),
        ("Wong-Baker 8 at the start, ankle. Balance activities 15 min, theraband 10 min. "
         "Wong-Baker 4 at the end.", (8, 4)),
        ("On arrival he picked the 2 face. Therapeutic exercise 25 min. At the end he picked the 0 face.", (2, 0)),
    ],
)
def test_a_faces_scale_rating_is_a_pain_score(text, want):
    assert scores(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Exercise 20 min, face down on the mat. Prone press-ups 10 min.",
        "Swedish 30 min with the face cradle raised. Client relaxed.",
    ],
)
def test_face_words_without_a_rating_are_no_score(text):
    assert scores(text) == (None, None)


@pytest.mark.parametrize(
    "text, want",
    [
        ("Ankle is 6/10 getting in and out of the tub at home. Balance 15 min, ther ex 15 min. 3/10 after.", (6, 3)),
        ("Her back is an 8 out of 10 by bedtime at home. Massage to the low back 40 min. Down to a four.", (8, 4)),
    ],
)
def test_a_score_said_of_home_is_where_it_hurts_not_a_plan(text, want):
    assert scores(text) == want


def test_home_still_makes_a_plan_of_exercises():
    out = extract(Transcript.from_text("Knee 5/10. Ther ex 25 min. Bridges and clamshells at home."))
    assert out.pain_before is not None and out.pain_before.score == 5
    homework = [t for t in out.treatments if "clam" in t.label.lower() or t.cpt == "97110"]
    assert all(t.minutes == 25 for t in homework)  # the home program adds no billed exercise


@pytest.mark.parametrize(
    "text, want",
    [
        ("low back about a six today did deep tissue forty minutes his brother hurt his neck told him to "
         "have him call us back was a two by the end", (6, 2)),
        ("shoulder sore a seven out of ten did thirty minutes of trigger point work recommended she book "
         "again soon end of the session she told me it was about a four out of ten", (7, 4)),
    ],
)
def test_a_score_at_the_end_of_the_session_ends_a_run_on_recommendation(text, want):
    assert scores(text) == want


def test_a_recommendation_still_plans_what_follows_it():
    out = extract(Transcript.from_text("Massage 30 min to the neck. Recommended she try heat at the end of each day."))
    assert [t.cpt for t in out.treatments] == ["97124"]


@pytest.mark.parametrize(
    "text, want",
    [
        ("Deep tissue to the hamstrings, 30 min. She said the back of the thigh sits at a six at the desk, "
         "and afterwards, when she got off the table,\nshe said two.", (6, 2)),
        ("Swedish to the back for an hour. He said the neck is a seven in the car, then after, "
         "once he stood up,\nhe said four.", (7, 4)),
    ],
)
def test_a_cue_closing_a_split_clause_times_the_next_score(text, want):
    assert scores(text) == want


@pytest.mark.parametrize(
    "text, code",
    [
        ("Low back pain with sciatica running down the right leg. Lumbar mobilization 20 min.", "M54.41"),
        ("LBP and sciatica radiating all the way into the left foot. Ther ex 25 min.", "M54.42"),
        ("Sciatica shooting down the left leg, back itself fine. Nerve glides 15 min.", "M54.32"),
    ],
)
def test_a_radiating_symptom_takes_the_side_of_the_limb(text, code):
    assert code in diagnosis_codes(text)


def test_a_radiating_symptom_without_a_side_stays_unspecified():
    codes = diagnosis_codes("Low back pain with sciatica going down the leg. Lumbar mobilization 20 min.")
    assert "M54.40" in codes and not codes & {"M54.41", "M54.42"}


def test_a_plan_said_with_home_is_still_planned_for_techniques():
    out = extract(Transcript.from_text("Massage to the neck 30 min. Ice at home."))
    assert all(f.context == Context.planned for f in out.facts
               if f.kind == "technique" and "ice" in f.evidence.text.lower())
