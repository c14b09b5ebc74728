"""Session 11, dev23: the same services and minutes read whether told in order, by reference, by
topic, or with a long subject before the actor's second verb."""

from __future__ import annotations

from extraction import extract
from models import Context, Transcript


def _extract(text: str):
    return extract(Transcript.from_text(text))


def _treatments(text: str) -> list[tuple[str, int | None]]:
    return [(t.technique, t.minutes) for t in _extract(text).treatments]


def test_a_block_named_again_as_a_time_mark_holds_no_minutes():
    text = ("Started with 15 minutes of gait training in the hallway with the cane. "
            "After the gait training portion, 12 more minutes went to ther ex: bridges and clams.")
    assert _treatments(text) == [("gait_training", 15), ("therapeutic_exercise", 12)]


def test_a_technique_named_only_after_the_order_word_is_still_a_service():
    """No earlier mention: "after the hot pack" is the only word of the hot pack, which was done."""
    found = dict(_treatments("After the hot pack, ther ex 20 min, bridges and clams."))
    assert "hot_cold_pack" in found and found["therapeutic_exercise"] == 20


def test_areas_fronted_as_a_topic_belong_to_the_service_pointing_back_at_them():
    found = {t.technique: [a.area for a in t.areas] for t in _extract(
        "Left upper trap, I did some myofascial release on it, 12 minutes. Then Swedish to the back 30 minutes."
    ).treatments}
    assert found["myofascial_release"] == ["upper_trapezius"]


def test_a_relative_clock_range_restates_the_minutes_counted_beside_it():
    text = ("Ther ex 15 min. And from ten forty to five past eleven, her gait training, twenty-five minutes: "
            "with the walker down the hall.")
    assert _treatments(text) == [("therapeutic_exercise", 15), ("gait_training", 25)]


def test_another_provider_with_a_long_subject_does_the_second_verb_too():
    text = ("Our ATC, Sam, from the high school over in town, taped her left ankle before practice, "
            "then put her on ice afterwards. Today: Swedish massage to the legs 30 minutes.")
    ice = next(f for f in _extract(text).facts if f.evidence.text == "ice")
    assert ice.context == Context.other_person
    assert _treatments(text) == [("swedish_massage", 30)]


def test_the_client_as_subject_keeps_her_own_second_verb():
    """Only another person's trigger carries: the client's own second verb stays today's work."""
    text = "She did bridges and clams for 12 minutes, then rode the bike for 8 minutes."
    assert sum(m or 0 for _, m in _treatments(text)) == 20
