"""Run-on dictation: Whisper joins sentences with commas, so a plan ("Next time we'll add ...")
would reach over the pain score said next. A 0-10 score after a comma opens a new statement
about this session (context.jsonl, term.score_*); a goal stays planned; "pain" misheard as
"paying", "paint" or "pane" counts only right before a score."""

from __future__ import annotations

import pytest

from extraction import vocab
from extraction.extract import extract
from models import Context, Transcript


def _extract(text: str):
    return extract(Transcript(text=text))


def _scores(text: str) -> list[tuple[int, Context]]:
    return [(f.score, f.context) for f in _extract(text).facts_of("pain", context=None)]


@pytest.mark.parametrize("text", [
    "Next time we'll add 15 minutes of swedish massage to the low back, paying 3 out of 10 after.",
    "Next time we'll add 15 minutes of swedish massage to the low back, pain 3 out of 10 after.",
    "Next time we'll add 15 minutes of swedish massage to the low back, pain is 3/10 post.",
    "Next session we will add cupping to the upper back and 15 minutes of stretching, 3/10 post.",
])
def test_score_after_a_comma_ends_the_plan(text):
    ex = _extract(text)
    assert ex.pain_after is not None and ex.pain_after.score == 3
    assert _scores(text) == [(3, Context.performed)]
    # The plan itself is still a plan: nothing planned becomes a treatment of today.
    assert ex.treatments == []
    assert all(f.context == Context.planned for f in ex.facts_of("technique", context=None))


def test_planned_area_is_not_the_location_of_todays_score():
    ex = _extract("Next visit we will work on the hips, pain 3 out of 10 after.")
    assert ex.pain_after is not None and ex.pain_after.score == 3
    assert ex.pain_after.location is None
    assert all(c.area is None for c in ex.facts_of("condition"))


def test_area_before_the_comma_still_locates_the_score():
    ex = _extract("Client has low back, pain 6 out of 10. 30 minutes of Swedish to the back.")
    assert ex.pain_before is not None and (ex.pain_before.score, ex.pain_before.location) == (6, "low back")


@pytest.mark.parametrize("text", [
    "Plan: continue weekly, goal is pain 2 out of 10 in four weeks.",
    "30 minutes of deep tissue to the neck. Plan: continue weekly, goal is pain 2 out of 10 in four weeks.",
    "Plan: continue weekly, pain 2 out of 10 in four weeks.",
    "Plan: continue weekly, pain 2/10 within a month.",
    "Plan: continue weekly, goal pain 2 out of 10 by next visit.",
])
def test_a_pain_goal_stays_planned(text):
    ex = _extract(text)
    assert _scores(text) == [(2, Context.planned)]
    assert ex.pain_before is None and ex.pain_after is None


def test_score_today_after_a_history():
    text = "Last week she had cupping, pain 4 out of 10 after today's session."
    ex = _extract(text)
    assert ex.pain_after is not None and ex.pain_after.score == 4
    assert [f.context for f in ex.facts_of("technique", context=None)] == [Context.historical]


def test_before_and_after_around_a_recommendation():
    text = ("Pane 4 out of 10 on arrival, 30 minutes of Swedish to the back, recommend heat at home, "
            "paint 2 out of 10 after.")
    ex = _extract(text)
    assert (ex.pain_before.score, ex.pain_after.score) == (4, 2)
    assert [f.technique for f in ex.facts_of("technique", context=Context.planned)] == ["hot_cold_pack"]
    assert [t.technique for t in ex.treatments] == ["swedish_massage"]


def test_misheard_pain_word_with_a_timing_word():
    ex = _extract("Recommend stretching at home, paying 2 after.")
    assert ex.pain_after is not None and ex.pain_after.score == 2


@pytest.mark.parametrize("text", [
    "Client is paying out of pocket. 30 minutes of Swedish to the back.",
    "Client is paying out of pocket, 30 minutes of Swedish to the back.",
    "She will be paying 2 before insurance, 30 minutes of Swedish to the back.",
    "We will paint 2 rooms next week, 30 minutes of Swedish.",
])
def test_paying_is_pain_only_right_before_a_score(text):
    ex = _extract(text)
    assert ex.facts_of("pain", context=None) == []
    assert ex.facts_of("condition", context=None) == []


def test_misheard_pain_words_are_not_pain_words():
    """Only the score rules use them: "paying" alone must not give the note pain context."""
    pain_words = {w.lower() for s in vocab.load("token_sets.jsonl") if s.name == "PAIN_WORD"
                  for w in s.token["LOWER"]["IN"]}
    heard = {w.lower() for s in vocab.load("token_sets.jsonl") if s.name == "HEARD_PAIN_WORD"
             for w in s.token["LOWER"]["IN"]}
    assert {"paying", "paint", "pane"} <= heard
    assert not heard & pain_words


def test_context_rule_needs_terms_or_a_pattern():
    with pytest.raises(ValueError):
        vocab.ContextRule(id="x", category="terminate")
    with pytest.raises(ValueError):
        vocab.ContextRule(id="x", category="terminate", terms=[","], pattern=[{"ORTH": ","}])


def test_a_score_after_someone_elses_complaint_stays_theirs():
    """Only a plan ends at ", <score>": a score said right after another person's pain is theirs."""
    ex = _extract("Her husband has neck pain, 8 out of 10, and she came in for her low back. "
                  "30 minutes of Swedish massage to the low back.")
    assert ex.pain_before is None and ex.pain_after is None
    assert _scores("Her husband has neck pain, 8 out of 10.") == [(8, Context.other_person)]
