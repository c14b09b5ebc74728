"""Issue 13, round 20: thumb-typed phone notes and EMR exports whose minutes were lost.

Classes: a service abbreviation typed glued to its minutes ("NMR22min"), so the tokenizer kept one
word and neither the service nor its minutes were read. Every phrasing is written here, none from any
corpus, each class with a counter-test that keeps what must stay.
"""

from __future__ import annotations

import pytest

from extraction import extract
from extraction.pipeline import load_pipeline
from models import Transcript


def run(text: str):
    return extract(Transcript.from_text(text))


def rows(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in run(text).treatments)


# -- a service abbreviation glued to its minutes ----------------------------------------------------

@pytest.mark.parametrize("typed, cpt, minutes", [
    ("TE18min hip abd + clams", "97110", 18),
    ("NMR22min tandem stance on foam", "97112", 22),
    ("STM12min L calf", "97140", 12),
    ("DT40mins R glutes", "97124", 40),
    ("TE16' SLR + bridges", "97110", 16),
])
def test_abbreviation_glued_to_its_minutes_is_read_as_both(typed, cpt, minutes):
    assert rows(f"c/o L hip ache 5/10. {typed}. 3/10 after.") == [(cpt, minutes)]


def test_two_glued_services_keep_their_own_minutes():
    assert rows("knee OA 4/10. TE14min bike, SAQ. MT9min patellar mobs. 2/10 post") == [("97110", 14), ("97140", 9)]


@pytest.mark.parametrize("word", ["L4", "T12", "C5", "S1"])
def test_counter_spinal_levels_are_not_cut_from_their_numbers(word):
    assert word in [t.text for t in load_pipeline().make_doc(f"PA glides {word} 10min")]
