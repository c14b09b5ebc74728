"""Round 10: minutes that must be worked out from what else was said.

A total and its parts ("fifty minutes on the table, a fifth ... the rest ..."), shares of it ("a
third of it", "half of that"), one end of it ("the last eight"), what is left ("the remainder",
"everything else") once asides spent on no service are taken off ("five of that was paperwork"),
"the rest split evenly between" two services, clock times said in words with an hour left out or
opened by "started at", hyphenated spoken times, and minutes said after their service ("that was
twelve", "took ten of that"). Phrasings are our own; the negatives hold what is no time."""

from __future__ import annotations

import pytest

from extraction.extract import extract
from models import Transcript


def _lines(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.technique, t.minutes) for t in extract(Transcript(text=text)).treatments)


def _minutes(text: str) -> dict[str, int | None]:
    return {t.technique: t.minutes for t in extract(Transcript(text=text)).treatments}


def test_a_share_of_the_total_and_the_rest():
    text = ("Neck pain. Forty-five minutes total on him. A third of it was trigger point work on the "
            "upper traps. The rest was Swedish to the back.")
    assert _minutes(text) == {"trigger_point_therapy": 15, "swedish_massage": 30}


def test_half_of_it_then_the_remainder():
    text = ("Hip pain, thirty minutes on the table. Half of that was therapeutic exercise for the hip, "
            "the remainder was myofascial release to the glutes.")
    assert _minutes(text) == {"therapeutic_exercise": 15, "myofascial_release": 15}


def test_a_share_of_a_total_that_does_not_divide_is_no_reading():
    text = ("Forty minutes on the table. A third of it was trigger point work on the upper traps, "
            "the rest Swedish to the back.")
    assert _minutes(text).get("trigger_point_therapy") is None


def test_the_last_few_minutes_and_everything_else():
    text = ("Shoulder, fifty minutes on the table. The last eight were pin and stretch on the right "
            "pec minor, everything before that was Swedish to the upper back.")
    assert _minutes(text) == {"pin_and_stretch": 8, "swedish_massage": 42}


def test_the_first_third_then_the_rest_chains():
    text = ("Sixty-minute session: first third was bridges and squats for the hips, then the rest "
            "was joint mobs to the lumbar spine.")
    minutes = _minutes(text)
    assert minutes["joint_mobilization"] == 40
    assert 20 in minutes.values()


def test_an_aside_is_taken_off_before_the_rest_is_split():
    text = ("Forty minutes in the room, ten of that was paperwork. The rest was split evenly between "
            "trigger point work on the left calf and Swedish on the hamstrings.")
    assert _minutes(text) == {"trigger_point_therapy": 15, "swedish_massage": 15}


def test_the_aside_is_no_service_time():
    text = "An hour in the room, fifteen of that was intake. The rest was deep tissue to the low back."
    assert _lines(text) == [("deep_tissue_massage", 45)]


def test_parts_said_after_their_services_then_the_remainder():
    text = ("She was here forty minutes. Gait training with the cane took ten of that. Therex, "
            "bridges and heel raises, was twenty. The remainder was joint mobs to the left ankle.")
    assert _minutes(text) == {"gait_training": 10, "therapeutic_exercise": 20, "joint_mobilization": 10}


def test_that_was_n_closes_the_clause_of_its_service():
    text = ("Balance work for the right knee, tandem stance and the rocker board, that was fifteen. "
            "Knee three out of ten.")
    assert _minutes(text) == {"neuromuscular_reeducation": 15}


def test_count_of_a_list_of_areas_then_the_technique():
    text = "Twenty minutes of Swedish on the back, and ten of shoulder and elbow strengthening."
    assert _minutes(text) == {"swedish_massage": 20, "therapeutic_exercise": 10}


@pytest.mark.parametrize("text, minutes", [
    ("Myofascial release to the calves, that ran from ten to four till twenty past.", 30),
    ("Myofascial release to the calves, from quarter to nine till five past.", 20),
    ("Hot stone massage, we started at twenty past one and went till ten past two.", 50),
    ("Hot stone massage, started at five after three and worked until four.", 55),
])
def test_clock_times_said_in_words(text, minutes):
    assert list(_minutes(text).values()) == [minutes]


def test_hyphenated_spoken_times():
    text = "Soft tissue mobilization to the left calf, two-oh-five to two-twenty by the clock."
    assert _minutes(text) == {"soft_tissue_mobilization": 15}


@pytest.mark.parametrize("text", [
    # a fraction of a range of motion, not of the time
    "Forty minutes on the table. She has about a third of her range back. Swedish to the back.",
    # a share said with no total before it
    "A third of it was trigger point work on the upper traps, the rest Swedish.",
    # the last few reps, not minutes
    "Thirty minutes of therapeutic exercise; the last ten reps were hard for her.",
])
def test_fractions_and_counts_that_are_no_time(text):
    minutes = [m for m in _minutes(text).values() if m is not None]
    assert minutes in ([], [30])
    if "third of her range" in text or text.startswith("A third"):
        assert minutes == []


def test_the_rest_without_a_total_is_no_reading():
    text = "Swedish for the back and the rest was stretching of the hamstrings."
    assert all(m is None for m in _minutes(text).values())


def test_the_last_minutes_with_their_unit_need_no_total():
    text = "Swedish to the back, 40 min. Then the last six minutes I did pin and stretch on the right forearm."
    assert _minutes(text) == {"swedish_massage": 40, "pin_and_stretch": 6}
