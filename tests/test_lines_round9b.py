"""Round 9 (b): lines and regions in narrative LMT and terse PT notes. Phrasings are our own.

A teen number heard in two pieces, a muscle name heard as everyday words (matched by its sound),
a service said as not billed, and minutes named as the same again inside another service."""

from __future__ import annotations

import pytest

from extraction.components.fuzzy import sound_key
from extraction.extract import extract
from models import Transcript


def _lines(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in extract(Transcript(text=text)).treatments)


def _areas(text: str, cpt: str) -> set[str]:
    return {a.area for t in extract(Transcript(text=text)).treatments if t.cpt == cpt for a in t.areas}


@pytest.mark.parametrize("said, minutes", [("for teen", 14), ("fif teen", 15), ("six teen", 16), ("eigh teen", 18)])
def test_a_teen_number_heard_in_two_pieces_before_minutes(said, minutes):
    assert _lines(f"myofascial release to the left forearm {said} minutes") == [("97140", minutes)]


def test_teen_before_another_word_keeps_its_meaning():
    facts = extract(Transcript(text="Swedish to the back for teen athletes, 30 minutes")).treatments
    assert [(t.cpt, t.minutes) for t in facts] == [("97124", 30)]


def test_sound_key_keeps_consonants_not_vowels():
    assert sound_key("pear a form is") == sound_key("piriformis")
    assert sound_key("glutes") != sound_key("piriformis")


@pytest.mark.parametrize("heard, area", [
    ("pear e form us", "piriformis"),
    ("glue tee us medius", "glutes"),
])
def test_a_muscle_name_heard_as_everyday_words(heard, area):
    text = f"trigger point release on the left {heard} twelve minutes"
    assert area in _areas(text, "97140")


def test_lower_case_us_is_the_pronoun_inside_a_heard_name_but_US_is_ultrasound():
    assert _lines("US to the right shoulder 8 min") == [("97035", 8)]


@pytest.mark.parametrize("tail", ["which is not billed", "that wasn't charged", "at no charge"])
def test_a_service_said_as_not_billed_is_no_line(tail):
    text = f"Swedish to the back 30 min. Finished with reflexology on both feet for five minutes, {tail}."
    assert _lines(text) == [("97124", 30)]


def test_minutes_named_as_the_same_again_add_no_block():
    text = ("Swedish to both calves for 20 minutes, with some kneading worked into that same 20 minutes. "
            "Then 15 minutes of myofascial release to the mid back.")
    assert _lines(text) == [("97124", 20), ("97140", 15)]


def test_a_second_block_of_equal_minutes_is_still_a_block():
    text = "Swedish to both calves for 20 minutes. Then kneading to the low back 20 minutes."
    assert sum(m for c, m in _lines(text)) == 40


def test_an_area_where_the_work_sent_the_ache_is_not_treated():
    text = ("Trigger point work to the left levator scapulae 15 min, holding points that sent the pain "
            "up into her head until they eased.")
    assert _areas(text, "97140") == {"levator_scapulae"}
