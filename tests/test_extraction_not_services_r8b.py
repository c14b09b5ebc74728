"""Issue 13, round 5 (r8b): things named in a note that are no service done today by this therapist.

Phrasings written here. A standard outcome measure ("Timed Up and Go", "Five Times Sit to
Stand") is a test whose result is charted, not sit-to-stand training; "CP" in a diagnosis
("spastic hemiplegic CP", "CP, GMFCS III") is cerebral palsy, not a cold pack, while "CP to the
low back" stays a cold pack; another provider's program ("seeing a physio ... they have her on
bridges", "that's theirs") is theirs; "two days ago" closes another provider's statement in a
run-on, so the massage said after it is this visit's.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def billed(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in extract(Transcript.from_text(text)).treatments)


@pytest.mark.parametrize(
    "measure",
    ["5x sit to stand 14 seconds", "30 second chair stand: 9 reps", "five times sit-to-stand took 18.2 sec",
     "TUG 13.5 s with cane", "6MWT 310 meters"],
)
def test_an_outcome_measure_is_no_service(measure):
    assert billed(f"Hip OA. {measure}. Gait training 20 minutes with a cane.") == [("97116", 20)]


def test_sit_to_stand_practice_is_still_a_service():
    assert ("97530", 15) in billed("Knee weakness. Sit to stand practice from a low chair 15 minutes.")


@pytest.mark.parametrize("dx", ["spastic hemiplegic CP", "CP, GMFCS III", "boy with CP"])
def test_cp_as_a_diagnosis_is_no_cold_pack(dx):
    assert billed(f"Age 8, {dx}. Balance activities 15 minutes on foam.") == [("97112", 15)]


def test_cp_as_a_modality_is_still_a_cold_pack():
    assert "97010" in {c for c, _ in billed("Low back strain. Therapeutic exercise 20 min. CP to the low back 10 min.")}


@pytest.mark.parametrize(
    "aside",
    ["She also sees a physio for it, they have her on bridges and band walks.",
     "They've got him doing wall squats at the gym, that's theirs."],
)
def test_another_providers_program_is_not_billed(aside):
    assert billed(f"Swedish to the back 30 minutes. {aside}") == [("97124", 30)]


def test_days_ago_ends_another_providers_statement():
    text = ("client says her osteopath treated her neck three days ago swedish massage to the neck and shoulders "
            "forty minutes pain now one")
    assert billed(text) == [("97124", 40)]
