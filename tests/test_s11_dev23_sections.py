"""Session 11, dev23: a plan told first, and a clock log's "next:" step, read like their plain tellings."""

from __future__ import annotations

from extraction import extract
from models import Context, Transcript


def _treatments(text: str) -> dict[str, int | None]:
    return {t.technique: t.minutes for t in extract(Transcript.from_text(text)).treatments}


def _context(text: str, said: str) -> Context:
    facts = extract(Transcript.from_text(text)).facts
    return next(f.context for f in facts if f.evidence.text == said)


def test_a_plan_told_first_ends_with_its_own_paragraph():
    text = ("Plan: keep going twice a week and progress to a single-point cane next week.\n"
            "Knee replacement on the right, week five.\n"
            "Gait training 25 minutes in the hallway with the rolling walker.\n")
    assert _treatments(text).get("gait_training") == 25


def test_a_plan_at_the_end_still_plans():
    text = ("Gait training 25 minutes in the hallway.\n"
            "Plan: add stair training next week.\n")
    assert _context(text, "stair training") == Context.planned


def test_a_plan_heading_line_ending_in_a_colon_keeps_its_list():
    text = ("Therapeutic exercise 20 minutes.\n"
            "Plan: progress the following:\n"
            "Lunges onto a step\n")
    assert _context(text, "Lunges") == Context.planned


def test_next_under_a_timed_line_is_the_log_s_next_step():
    text = ("10:15-10:35 ther ex R knee: quad sets, SAQ, heel slides\n"
            "next: gait training w/ FWW, 12 min\n"
            "2/10 after\n")
    found = _treatments(text)
    assert found.get("therapeutic_exercise") == 20 and found.get("gait_training") == 12


def test_next_after_an_untimed_line_is_still_the_plan():
    text = ("Ther ex R knee 20 min: quad sets, SAQ, heel slides\n"
            "next: gait training w/ FWW, 12 min\n")
    assert _context(text, "gait training") == Context.planned
