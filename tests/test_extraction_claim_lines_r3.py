"""Issue 13 round 3, claim lines: functional tasks, template rows and lengths that are not a
technique's minutes. Every phrasing here is written for this file, none from any corpus.

CPT 97530 (therapeutic activities) covers dynamic functional tasks: transfers, bed mobility,
sit-to-stand, stair and curb practice; 97116 is walking. A task said after gait training is
its own service with its own minutes, never more gait.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def billed(text: str) -> list[tuple[str, int | None]]:
    """(code, minutes) of every treatment, in order."""
    return [(t.cpt, t.minutes) for t in extract(Transcript.from_text(text)).treatments]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gait training with the hemi walker 16 minutes. Tub transfers 11 minutes with the grab bar.",
         [("97116", 16), ("97530", 11)]),
        ("Ambulation training 20 min in the corridor, then bed mobility 12 min, log roll to the left.",
         [("97116", 20), ("97530", 12)]),
        ("Walked him 150 feet with gait training for 14 minutes; supine to sit and sit to supine 9 minutes.",
         [("97116", 14), ("97530", 9)]),
        ("Gait 18 min with the quad cane. Stand pivot transfers wheelchair to mat, 10 min.",
         [("97116", 18), ("97530", 10)]),
    ],
)
def test_functional_tasks_after_gait_are_therapeutic_activities(text, expected):
    assert billed(text) == expected


def test_transfers_said_as_a_status_are_not_a_service():
    """"Independent with transfers" is how the client is doing, not a task practised today."""
    assert [c for c, _ in billed("Ther ex 20 minutes. She is independent with transfers now.")] == ["97110"]


def test_active_assisted_exercise_after_manual_lymph_drainage_is_exercise():
    text = ("Manual lymph drainage to the left arm for twenty minutes, then twelve minutes of "
            "active assistive elbow flexion with a dowel.")
    assert billed(text) == [("97140", 20), ("97110", 12)]


def test_compression_garments_are_not_compression_strokes():
    text = "Swedish massage to the legs 30 minutes. She wears compression stockings during the day."
    assert [c for c, _ in billed(text)] == ["97124"]


def test_the_singular_of_a_plural_term_is_no_near_miss():
    """"transfer" is a word of its own, not "transfers" misheard: no pending 97530 from a comment."""
    text = "Gait training 15 minutes in the hall. Transfer safety is better, family educated."
    assert [c for c, _ in billed(text)] == ["97116"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a typed row with the time in a cell of its own, in any of the ways clinics write it
        ("Technique | Area | Time\nMFR | R upper trap | 0:14\nSwedish | back | 0:26",
         [("97140", 14), ("97124", 26)]),
        ("Time  Tech\n20m   Deep tissue  glutes\n12m   Pin and stretch  hamstrings",
         [("97124", 20), ("97140", 12)]),
        ("Tx:  Swedish full back   x30\n     STM L levator   x10\nPost: 2/10",
         [("97124", 30), ("97140", 10)]),
    ],
)
def test_template_rows_read_the_minutes_of_their_own_row(text, expected):
    assert billed(text) == expected


@pytest.mark.parametrize(
    "text, session",
    [
        ("Swedish back    20'\nMFR R hip       10'\nTotal           30'", 30),
        ("20m | Swedish | back\n10m | MFR | hip\n30m | Total time |", 30),
    ],
)
def test_a_total_row_is_the_session_length_not_more_of_the_last_row(text, session):
    result = extract(Transcript.from_text(text))
    assert [(t.cpt, t.minutes) for t in result.treatments] == [("97124", 20), ("97140", 10)]
    assert result.session_minutes == session


def test_meters_walked_are_not_minutes():
    assert billed("Gait training 16 min, walked 60 m x 2 with the walker.") == [("97116", 16)]


def test_minutes_of_another_providers_exercise_are_not_more_of_the_last_technique():
    text = ("MFR to the left hip 20 min.\n"
            "Exercises with the chiropractor's assistant (not my service): bridges, clams, 10 min")
    assert billed(text) == [("97140", 20)]


@pytest.mark.parametrize(
    "text, expected, session",
    [
        ("Deep tissue to the low back 35 minutes, then trigger point work on the traps for 15 minutes. "
         "I know that is more than the 40 minutes she was booked for.", [("97124", 35), ("97140", 15)], 40),
        ("Swedish to the legs 30 minutes, MFR to the right shoulder 15 minutes. Total hands-on time was 45 minutes.",
         [("97124", 30), ("97140", 15)], 45),
    ],
)
def test_booked_or_hands_on_totals_are_the_session_not_a_technique(text, expected, session):
    result = extract(Transcript.from_text(text))
    assert [(t.cpt, t.minutes) for t in result.treatments] == expected
    assert result.session_minutes == session


def test_a_combined_block_with_its_split_stated_bills_the_split():
    text = ("A 25-minute combined session of manual and exercise: the first 10 minutes were joint mobs to the "
            "right ankle and the last 15 minutes were strengthening with a band.")
    assert sorted(billed(text)) == [("97110", 15), ("97140", 10)]


def test_a_technique_only_thought_about_is_not_billed():
    text = "Myofascial release to the calf 20 minutes. I thought about doing cupping there but skipped it."
    assert billed(text) == [("97140", 20)]
