"""Issue 13, round 6: areas of a complaint said with a degree adverb, a back followed by its
minutes, and a note that says no after (or before) score was taken. Phrasings written here."""

from __future__ import annotations

import pytest

from extraction import extract
from models import PainTiming, Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


def treated(text: str) -> list[tuple[str, set[str]]]:
    """(code, regions of its areas) of every treatment, in order."""
    return [(t.cpt, {r.value for a in t.areas for r in a.regions}) for t in ex(text).treatments]


# --- a degree adverb between an area and its complaint word ------------------------------------

@pytest.mark.parametrize("adverb", ["proper", "quite", "so", "super", "bloody", "fairly"])
def test_complaint_area_with_a_degree_adverb_is_not_a_treated_area(adverb):
    # one run-on sentence: the neck is the complaint, the work went to the mid back and the traps
    text = (f"his neck was {adverb} stiff after the long drive so I did twenty five minutes swedish to the "
            f"mid back and rhomboids then ten minutes myofascial release to the left upper trap")
    got = treated(text)
    assert got[0] == ("97124", {"thoracic"})
    assert got[1] == ("97140", {"cervical"})


def test_a_treated_area_named_after_the_technique_stays_treated():
    got = treated("Neck quite sore today. Swedish to the neck and shoulders, 30 minutes.")
    assert got == [("97124", {"cervical", "upper_extremity"})]


# --- "back" followed by a duration ------------------------------------------------------------

@pytest.mark.parametrize("minutes", ["half an hour", "half hour", "half-hour"])
def test_back_followed_by_half_an_hour_is_the_back(minutes):
    got = treated(f"swedish back {minutes}. trigger point glutes ten.")
    assert got[0] == ("97124", {"thoracic", "lumbar"})
    assert ex(f"swedish back {minutes}.").treatments[0].minutes == 30


def test_back_half_of_the_session_is_still_no_area():
    got = treated("Deep tissue to the calves for the back half of the session, 25 minutes.")
    assert got == [("97124", {"lower_extremity"})]


# --- a note that says which score was never taken ---------------------------------------------

@pytest.mark.parametrize("statement", [
    "Didn't get an after score.", "No post score today.", "Forgot to get a rating after.",
    "Did not get a post-treatment score."])
def test_no_after_score_makes_a_late_uncued_score_the_before(statement):
    e = ex(f"Twenty minutes of Swedish to the low back. Low back pain she said was a six. {statement}")
    assert e.pain_before is not None and e.pain_before.score == 6
    assert e.pain_after is None


def test_no_before_score_makes_an_uncued_score_the_after():
    e = ex("He didn't rate his pain beforehand. Swedish to the neck 30 minutes. Neck was a two.")
    assert e.pain_after is not None and e.pain_after.score == 2
    assert e.pain_before is None


def test_without_such_a_statement_a_late_score_stays_after():
    e = ex("Twenty minutes of Swedish to the low back. Low back she said was a three.")
    assert e.pain_after is not None and e.pain_after.score == 3
    assert e.pain_after.timing == PainTiming.after
