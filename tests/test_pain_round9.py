"""Pain scores said in ways the round-9 rules did not read (issue 13, round 9).

Classes: a score led by its timing word ("Post 3/10", "pre-tx: 6/10"); a bare score right after
the area it rates ("after: knee 2, hip 1"; "rated the hip and thigh a four"); leaving pain-free
said with a verb of going ("headed out pain-free"); a timing cue inside a ", which ..." aside
times that aside, not the score after it. Context: "rt should"/"should pain" is a shoulder, not a
modal plan; "told him it's ..." reports what was said, not advice; "for his son's graduation" is
an occasion, not another person's complaint; a comma ends a history ("last month, VAS 6/10")
though a longer plan terminator starts there. Phrasings written here, not taken from the corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import PainFact, Transcript


def before_after(text: str) -> tuple[int | None, int | None]:
    ex = extract(Transcript.from_text(text))
    return (ex.pain_before.score if ex.pain_before else None, ex.pain_after.score if ex.pain_after else None)


def scores(text: str) -> list[tuple[int, str]]:
    ex = extract(Transcript.from_text(text))
    return [(f.score, f.timing.value) for f in ex.facts if isinstance(f, PainFact)]


@pytest.mark.parametrize("lead", ["Post 3/10", "Post-tx: 3/10", "After 3/10", "Post VAS 3/10"])
def test_timing_word_leading_a_fraction_times_it(lead):
    text = f"Hip pain 6/10 on arrival. Ther ex 25 min, manual 10 min. {lead}, gait smoother."
    assert before_after(text) == (6, 3)


def test_pre_leading_a_fraction_is_before():
    text = "Knee. Ther ex 25 min. Pre-tx: 6/10. Manual 10 min."
    assert scores(text)[0] == (6, "before")


@pytest.mark.parametrize("after", ["After: knee 2, hip 1.", "Post: L knee 2, R hip 1."])
def test_bare_score_after_its_area(after):
    text = f"Knee and hip pain, knee 6/10, hip 4/10 today. Ther ex 20 min, STM 10 min. {after}"
    assert before_after(text)[1] == 1
    assert 2 in [s for s, t in scores(text) if t == "after"]


def test_rated_with_area_between():
    text = ("Hip pain into the thigh, she put it at a seven. Swedish 30 min to the hip. "
            "Getting off the table she rated the hip and thigh a four overall.")
    assert before_after(text) == (7, 4)


def test_area_then_number_is_no_score_without_pain_talk():
    text = "Swedish massage 30 min to the back and neck 2. Relaxation visit."
    assert scores(text) == []


@pytest.mark.parametrize("verb", ["headed out", "went out", "walking out", "got up"])
def test_leaving_pain_free_with_a_verb_of_going(verb):
    text = f"Calf pain five on hills. Sports massage 30 min to the calf. He {verb} pain-free."
    assert before_after(text) == (5, 0)


def test_cue_in_a_which_aside_does_not_time_the_score():
    text = ("Back pain, she called it an eight. Deep tissue 30 min to the low back. When she sat up she "
            "reached her toes, which she could not do when she arrived, and she put the pain at a three.")
    assert before_after(text) == (8, 3)


@pytest.mark.parametrize("side", ["rt should", "L should", "bilat should"])
def test_should_after_a_side_is_the_shoulder_not_a_plan(side):
    text = f"{side} pain 6/10 lifting. Ther ex 30 min. 3/10 at end."
    assert before_after(text) == (6, 3)


def test_should_before_a_score_is_the_shoulder():
    text = "Shoulder pain 6/10 overhead. STM 20 min to the delt. should down to 2 after."
    assert before_after(text) == (6, 2)


def test_should_as_a_modal_still_plans():
    text = "Neck pain 5/10. Swedish 30 min. She should do chin tucks daily, should be a 2 by next week."
    assert before_after(text) == (5, None)


def test_told_him_it_is_reports_not_advises():
    text = "Heel pain, his podiatrist told him that it's plantar fasciitis, heel six out of ten. STM 20 min to the foot."
    assert before_after(text) == (6, None)


def test_kin_occasion_is_not_another_persons_complaint():
    text = "Neck stiff from driving to his son's graduation, says it's a five. Swedish 40 min. Down to a two afterward."
    assert before_after(text) == (5, 2)


def test_comma_ends_a_history_before_a_scale_score():
    text = "c/o knee pain after a fall last month, NRS 6/10. Ther ex 25 min. NRS 3/10 post."
    assert before_after(text) == (6, 3)


def test_history_still_reaches_a_score_without_a_comma():
    text = "Last visit pain was 7/10. Today neck pain 4/10. Swedish 30 min. 2/10 after."
    assert before_after(text) == (4, 2)
