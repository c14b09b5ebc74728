"""Issue 13 round 4: minutes said with a pressure word before the technique, and after-treatment
pain in raw speech (phrasings written here, none from any corpus)."""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


@pytest.mark.parametrize("text, minutes", [
    ("Hip ache 5/10. She got dizzy, so we quit after fourteen minutes of light Swedish on the hips.", 14),
    ("Knee sore 4/10. I ended it after sixteen minutes of gentle effleurage to the thigh.", 16),
])
def test_minutes_stopped_after_with_a_pressure_word_are_the_techniques(text, minutes):
    assert [t.minutes for t in ex(text).treatments] == [minutes]


def test_a_modifier_that_opens_a_techniques_name_still_counts_for_it():
    f = ex("Calves tight 5/10. Fifty in the room, thirty of deep tissue on the calves, then twenty of Swedish.")
    assert [t.minutes for t in f.treatments] == [30, 20]


@pytest.mark.parametrize("text, before, after", [
    ("Hip pain 5/10. Swedish 25 minutes. Uh. Afterwards, pain-free.", 5, 0),
    ("Knee pain 3/10. Effleurage 20 min. At the end, pain free.", 3, 0),
    ("Back pain 6/10. Swedish 30 min. Back pain now it's like a two he said.", 6, 2),
    ("Her husband's knee is a seven. She pointed to a five on the chart before we began. "
     "Swedish 25 minutes. Then a three.", 5, 3),
])
def test_after_treatment_pain_in_raw_speech(text, before, after):
    f = ex(text)
    assert (f.pain_before and f.pain_before.score, f.pain_after and f.pain_after.score) == (before, after)


def test_pain_free_range_of_motion_is_no_score():
    f = ex("Shoulder pain 4/10. Joint mobs 15 min. Pain free range of motion in flexion.")
    assert f.pain_after is None
