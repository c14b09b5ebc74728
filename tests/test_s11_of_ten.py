"""'N of 10' is the same 0-10 rating as 'N/10', pain word or not; a counted noun after it keeps a count."""

import pytest

from extraction import extract
from models import Transcript


def _scores(text: str) -> tuple:
    note = extract(Transcript.from_text(text))
    return (note.pain_before.score if note.pain_before else None,
            note.pain_after.score if note.pain_after else None)


@pytest.mark.parametrize("text, expected", [
    ("Hip flexor release 20 min. Came in a 6 of 10, walked out a 2 of 10.", (6, 2)),
    ("Knee stiff on the stairs, rated seven of ten. STM 25 min. After: three of ten.", (7, 3)),
    ("Shoulder 5 of 10 both before and after. Ther ex 15 min.", (5, 5)),
    ("Neck 4 of 10 in, 1 of 10 out. Massage 30 min.", (4, 1)),
    ("Heel, first steps 6 of 10. Manual 12 min. Post: 3 of 10 on the treadmill.", (6, 3)),
])
def test_of_ten_reads_as_a_score(text, expected):
    assert _scores(text) == expected


@pytest.mark.parametrize("text", [
    "Ther ex 20 min, squats 8 of 10 reps before fatigue. Tolerated well.",
    "Gait training 15 min, 9 of 10 correct trials on the beam.",
    "Neuro re-ed 15 min, hit 7 of 10 targets. 2 of 10 sets skipped.",
    "Session 4 of 10. Manual therapy 25 min to the mid back.",
    "Ther ex 20 min. Pt has attended 3 of 10 visits so far.",
    "Visit 6 of 12. Gait 15 min.",
])
def test_counts_stay_counts(text):
    assert _scores(text) == (None, None)
