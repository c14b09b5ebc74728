"""Issue 13, round 6: wrong or missing claim lines, in phrasings written here.

- named exercises from PT charting (leg press, TKE, wall sits, pelvic tilts, knee to chest) are
  therapeutic exercise, so their minutes are billed as 97110;
- a client asking to stop, or unable to go on, cut the session short (REDUCED_SERVICE);
- the same minutes glossed in other words right after ("a quarter hour, 15 min") are one block;
- stretching said in one block with exercises of its own code is the client's program, not passive
  stretching folded into the manual work before it;
- a booking said before the one service does not stop the hands-on time said after it from being
  that service's minutes;
- a bare "total" closing a list of one code's exercises is that list's minutes, while a total over
  several codes stays the session's length.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def treatments(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in extract(Transcript.from_text(text)).treatments]


@pytest.mark.parametrize(
    "text",
    [
        "Leg press 3 sets of 12 at 70 lb, 9 min.",
        "TKEs with a green band, 2x20, 9 min.",
        "Wall sits 4 x 30 sec, 9 min.",
        "Supine posterior pelvic tilts and double knee to chest, 9 minutes.",
        "Terminal knee extensions in standing, nine minutes.",
    ],
)
def test_named_exercises_are_therapeutic_exercise(text):
    assert treatments(text) == [("97110", 9)]


@pytest.mark.parametrize(
    "phrase",
    ["he asked to stop after that", "she could not continue", "he wanted to go home early, too tired", "unable to continue due to fatigue"],
)
def test_client_stopping_raises_reduced_service(phrase):
    ex = extract(Transcript.from_text(f"Bridges and clamshells 10 minutes, then {phrase}."))
    assert any(f.cue == "reduced_session" for f in ex.facts if getattr(f, "kind", "") == "cue")


def test_no_stop_phrase_no_reduced_cue():
    ex = extract(Transcript.from_text("Bridges and clamshells 10 minutes, then she went home feeling good."))
    assert not any(getattr(f, "cue", None) == "reduced_session" for f in ex.facts)


@pytest.mark.parametrize(
    "text",
    [
        "Joint mobs to the left ankle, a quarter hour, 15 min. Then gait training 10 minutes.",
        "Joint mobs to the left ankle, half an hour (30 minutes). Then gait training 10 minutes.",
    ],
)
def test_glossed_minutes_are_one_block(text):
    got = treatments(text)
    assert [c for c, _ in got].count("97140") == 1
    assert ("97116", 10) in got


def test_same_words_twice_stay_two_blocks():
    got = treatments("MFR right calf 10 min, 10 min left calf.")
    assert sum(m or 0 for c, m in got if c == "97140") == 20


def test_stretching_in_an_exercise_block_is_not_folded_into_manual_work():
    got = treatments("Myofascial release to the left hamstrings, 12 minutes. Afterwards he did hamstring stretching "
                     "and strengthening, bridges and clamshells, 10 minutes.")
    assert ("97140", 12) in got and ("97110", 10) in got


def test_passive_stretching_beside_massage_still_folds():
    got = treatments("Deep tissue to the hamstrings with passive stretching worked in, 30 minutes.")
    assert got == [("97124", 30)]


def test_hands_on_time_after_a_booking_is_the_service_minutes():
    got = treatments("Booked for a 90-minute visit. Relaxation massage, full body, 75 minutes hands-on. She slept.")
    assert got == [("97124", 75)]


def test_total_closing_one_code_list_is_its_minutes():
    got = treatments("Did hip strengthening, bridges, clamshells, side planks, total 22 min. "
                     "Then STM to the glutes, 8 minutes.")
    assert ("97110", 22) in got and ("97140", 8) in got


def test_total_over_several_codes_stays_the_session():
    ex = extract(Transcript.from_text("Joint mobs, gait training and bridges, total 40 min."))
    assert ex.session_minutes == 40
    assert all(t.minutes != 40 for t in ex.treatments)
