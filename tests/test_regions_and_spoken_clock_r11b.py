"""Issue 13, round 7 (r11b): which areas belong to which service, and clock times said aloud.

Phrasings are our own, not copied from the blind corpora.

Classes:
- strokes "along the spine" beside a narrower area (the low back, the mid back) run within that area:
  the line is that area's region, not the whole spine; said alone, the spine is still the spine;
- a home instruction addressed to the client ("keep doing the wrist stretch at your desk") is
  planned, so its area does not join the service said before it;
- a clock range said without "from"/"between" ("two ten to two forty") is minutes, when both
  ends are full times (hour and minutes) said in words; digit pairs ("3 15 to 3 40") and number
  pairs that are no times (pain "six to two", "ten to fifteen minutes") stay what they were;
- "ten after two" is a time of day, never a pain score of ten.
"""

from __future__ import annotations

import pytest

from tests.test_regions_diagnoses_classes import claim_of, regions_by_code


from tests.reading import lines, run


def scores(text: str) -> list[int]:
    return [p.score for p in run(text).facts if p.kind == "pain"]


# --- the spine as the line the strokes follow ---------------------------------------------

@pytest.mark.parametrize(
    "text, want",
    [
        ("Swedish to her lower back for 25 minutes, long strokes along the spine.", {"lumbar"}),
        ("Deep tissue on the mid back, 20 minutes, stripping beside the spine.", {"thoracic"}),
        ("Effleurage on the low back alongside the spine for thirty minutes.", {"lumbar"}),
    ],
)
def test_strokes_along_the_spine_stay_in_the_narrower_area_named(text, want):
    assert regions_by_code(text)["97124"] == want


def test_the_spine_said_alone_is_still_the_whole_spine():
    assert regions_by_code("Gentle massage along the spine for 20 minutes.")["97124"] == {
        "cervical", "thoracic", "lumbar"}


def test_spine_path_beside_low_back_lets_a_neck_service_take_the_distinct_modifier():
    claim, found = claim_of(
        "Low back ached, a six. Worked the low back 30 minutes with long gliding strokes along the spine. "
        "Then ten minutes of myofascial release on the neck. Down to a three.", payer="commercial-cms")
    mods = {line.cpt: line.modifiers for line in claim.lines}
    assert "59" in mods["97124"]
    assert "DISTINCT_SERVICE" in found and "SAME_REGION_CONFLICT" not in found


# --- a home instruction is not part of the service said before it -------------------------

@pytest.mark.parametrize("lead", ["Keep doing", "Keep up with", "Keep working on"])
def test_keep_doing_a_stretch_at_home_adds_no_area_to_the_massage(lead):
    text = (f"Fifteen minutes of trigger point work on your left forearm, then twenty minutes of massage "
            f"on your upper back. {lead} the wrist stretches at your desk.")
    assert regions_by_code(text)["97124"] == {"thoracic"}


# --- spoken clock ranges without "from" -----------------------------------------------------

@pytest.mark.parametrize(
    "text, minutes",
    [
        ("Deep tissue upper back three fifteen to three forty.", 25),
        ("Swedish massage to the legs nine oh five to nine thirty.", 25),
        ("Trigger point release on the neck 4:10 to four thirty-five.", 25),
        ("Ultrasound to the knee two fifty to three oh five.", 15),
        ("Myofascial release left shoulder eleven twenty till eleven forty-five.", 25),
    ],
)
def test_a_spoken_clock_range_without_from_is_minutes(text, minutes):
    assert [m for _, m in lines(text)] == [minutes]


@pytest.mark.parametrize(
    "text",
    [
        "Neck pain six to two after the massage, 20 minutes of Swedish.",
        "Swedish to the back for ten to fifteen minutes.",
        "Pain 7 10 to 3 10 after deep tissue to the low back for 20 minutes.",
        "Deep tissue to the low back 3 15 to 3 40.",  # digits without "from": Whisper's scores or counts
    ],
)
def test_number_pairs_that_are_no_times_are_not_read_as_a_clock_range(text):
    assert not any(f.evidence.rule_id.startswith("durations/dur.clock_range_spoken_unintroduced")
                   for f in run(text).facts)


# --- a time of day said from the hour is no pain score ----------------------------------------

@pytest.mark.parametrize("said", ["ten after two", "four after one", "eight after nine"])
def test_minutes_past_an_hour_are_no_pain_score(said):
    text = f"Her knee hurts, a five. Okay it's {said}, let's start. Swedish on the thigh twenty minutes."
    assert scores(text) == [5]


@pytest.mark.parametrize("counted", ["2 sessions", "two rounds", "3 sets"])
def test_a_score_after_a_count_is_still_a_score(counted):
    assert scores(f"Shoulder pain 6 before, 3 after {counted} of MFR, 10 minutes.") == [6, 3]
