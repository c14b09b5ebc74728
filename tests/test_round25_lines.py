"""Round 25 (lines): a score said after the activity it rates, and a correction said mid-list as
"remove that one", read as in their plainer wordings."""

from extraction.extract import extract
from models import Transcript


def _codes(text: str) -> list[tuple[str, int | None, bool]]:
    return [(t.cpt, t.minutes, t.named_only) for t in extract(Transcript(text=text)).treatments]


def test_activity_as_subject_of_a_later_score_is_rated_not_given():
    text = ("Left patellar tendinopathy. To start, step-downs took the knee to a four out of ten. "
            "Ice massage skipped. Soft tissue mobilization to the quad, eighteen minutes. "
            "At the end, step-downs were a two out of ten.")
    codes = _codes(text)
    assert ("97140", 18, False) in codes
    assert not [c for c in codes if c[0] == "97110" and not c[2]]


def test_timed_activity_with_a_score_after_it_stays_a_service():
    text = "Squats for ten minutes, knee was a 3/10 after. Manual therapy to the knee 12 minutes."
    codes = _codes(text)
    assert ("97110", 10, False) in codes


def test_remove_that_one_takes_back_the_item_before_it():
    text = ("Therapeutic exercise, 30 minutes: bike, bridges, lunges, no, remove that one, we did not do "
            "lunges today, then clamshells. Gait training 10 minutes on stairs.")
    codes = _codes(text)
    assert ("97110", 30, False) in codes and ("97116", 10, False) in codes
    assert not [c for c in codes if c[0] == "97530"]
    assert len(codes) == 2
