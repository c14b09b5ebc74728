"""Round 22, the last paraphrase failures (our own phrasings): minutes corrected after a spoken
pause, a clock range restating the minutes counted, a clock range fronting its technique, a
semicolon list under a timed heading, SOAP words in unpunctuated speech, and spelled letters of a
longer abbreviation."""

from __future__ import annotations

import pytest

from tests.reading import lines, run


@pytest.mark.parametrize("text", [
    "Then cross-friction massage on the right elbow for eight... no, eleven minutes.",
    "Then cross-friction massage on the right elbow for eight -- sorry, eleven minutes.",
])
def test_a_count_corrected_after_a_spoken_pause_keeps_the_minutes_meant(text):
    assert [t.minutes for t in run(text).treatments] == [11]


def test_a_count_corrected_after_a_pause_without_minutes_after_it_is_no_correction():
    # no unit after the second count: nothing is read as corrected minutes
    assert all(t.minutes != 4 for t in run("Gait training, ten... no, four laps of the hall.").treatments)


@pytest.mark.parametrize("text, minutes", [
    ("Balance work, nineteen minutes, which ran from 10:11 to 10:30, on foam and a rocker board.", 19),
    ("Then the treadmill circuit, fifteen minutes, that took us from 2:05 to 2:20: walking and step-ups.", 15),
    ("Then the conditioning circuit, fifteen minutes, that took us from two oh five to two twenty.", 15),
])
def test_a_clock_range_spanning_the_counted_minutes_is_one_block(text, minutes):
    assert [t.minutes for t in run(text).treatments] == [minutes]


def test_two_counts_of_equal_minutes_stay_two_blocks():
    assert lines("Stretching fifteen minutes right side, fifteen minutes left side.") == [("97110", 15), ("97110", 15)]


@pytest.mark.parametrize("text, expected", [
    ("Ankle sprain, 4/10 on arrival. From 10:05 to 10:19, gait training with crutches on stairs. "
     "Then eleven minutes of therapeutic exercise for the ankle.", [("97110", 11), ("97116", 14)]),
    ("Knee pain 5/10. 2:40-2:52, neuromuscular re-education on foam. Then ten minutes of ther ex.",
     [("97110", 10), ("97112", 12)]),
])
def test_a_clock_range_fronting_its_technique_times_it_not_the_visit(text, expected):
    r = run(text)
    assert sorted((t.cpt, t.minutes) for t in r.treatments) == expected
    assert not any(f.kind == "duration" and f.session_length and f.minutes in (14, 12) for f in r.facts)


def test_semicolon_items_under_a_timed_heading_are_that_block():
    r = run("Neck pain 5/10.\nTE 22': chin tucks; scapular retraction w/ red band; doorway pec stretch 3x30s.\nPost 3/10.")
    assert sorted((t.cpt, t.minutes) for t in r.treatments) == [("97110", 22)]


def test_semicolons_without_a_timed_heading_still_end_sentences():
    # no minutes before the colon: the denial in the first part reaches no item after the semicolon
    r = run("Skin check: no heat d/t redness; ther ex 15 min for the knee.")
    assert ("97110", 15) in [(t.cpt, t.minutes) for t in r.treatments]


def test_objective_in_unpunctuated_speech_parts_travel_minutes_from_the_service():
    text = ("subjective left hip four out of ten sore from sitting in traffic for about thirty minutes on the way "
            "objective ther ex 18 minutes clamshells bridges side lying abduction then gait training 9 minutes "
            "with a cane on level ground hip two out of ten after continue plan of care")
    assert sorted(lines(text)) == [("97110", 18), ("97116", 9)]


@pytest.mark.parametrize("text", [
    "swelling over the left M C P joints two through four joint mobs to the M C P's ten minutes",
    "note from the P T A reviewed ther ex twelve minutes for the knee",
])
def test_spelled_letters_of_a_longer_abbreviation_name_no_technique(text):
    codes = {t.cpt for t in run(text).treatments}
    assert "97010" not in codes and "97530" not in codes


def test_a_spelled_abbreviation_on_its_own_is_still_read():
    assert ("97010", 10) in lines("then C P to the low back ten minutes")
