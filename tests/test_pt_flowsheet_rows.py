"""Issue 13, round 5 (r7b): PT flowsheets and narrative PT notes.

Phrasings are our own, written for each class of failure, not copied from the blind corpora:
a bare 'xN' on a row that already timed its block (reps, not minutes), 'no post-tx rating' (no
outcome, not an unchanged score), a charted 'Remainder of the session' opening its sentence,
direction words before 'back' ('fwd/back'), 'lat' before a lateral structure, a named infant
activity ('tummy time'), and knee vocabulary (patellar, retinaculum, VMO).
"""

from __future__ import annotations

from datetime import date

import pytest

from extraction import extract
from models import Transcript
from scribe.analysis import analyse


def claim_of(text: str, payer: str = "commercial"):
    _, _, claim, findings = analyse(Transcript.from_text(text), payer=payer, date_of_service=date(2026, 3, 2),
                                    use_data_dir=False)
    return claim, {f.id.value for f in findings}


def lines_of(text: str, payer: str = "commercial") -> dict[str, tuple[int, int]]:
    claim, _ = claim_of(text, payer)
    return {line.cpt: (line.units, line.minutes) for line in claim.lines}


def regions_by_code(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in extract(Transcript.from_text(text)).treatments:
        out.setdefault(t.cpt, set()).update(r.value for a in t.areas for r in a.regions)
    return out


# --- reps on a timed row ------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, cpt, minutes",
    [
        ("Shoulder pain 4/10.\nTE 18': pendulums x20, wall slides x10, ER w/ band x15.\nPost 2/10.", "97110", 18),
        ("Low back pain 5/10.\nTherEx 9 min - pelvic tilts x10, bridges x12\nPost 3/10.", "97110", 9),
    ],
)
def test_bare_count_on_a_timed_row_is_reps(text: str, cpt: str, minutes: int) -> None:
    assert lines_of(text)[cpt][1] == minutes


def test_bare_count_on_its_own_row_is_still_minutes() -> None:
    # a row with no other minutes: "x 12" is the only time it gives
    text = "Neck pain 5/10.\nSTM R upper trap x 12, then stretching.\nPost 2/10."
    assert lines_of(text)["97140"][1] == 12


# --- a rating not taken is no outcome -------------------------------------------------------

def test_no_post_rating_taken_is_missing_outcome() -> None:
    text = "Knee pain 6/10.\nTherEx 20 min: quad sets, SLR.\nPt left for a ride. No post session pain score taken."
    claim, flags = claim_of(text, "commercial-cms")
    assert "MISSING_OUTCOME" in flags


def test_no_change_after_is_still_the_same_score() -> None:
    text = "Hip pain 5/10.\nTherEx 20 min: clamshells, bridges.\nNo change after the session."
    _, flags = claim_of(text, "commercial-cms")
    assert "MISSING_OUTCOME" not in flags


# --- remainder of a charted visit ---------------------------------------------------------

def test_charted_remainder_takes_what_is_left_of_the_visit() -> None:
    text = ("60-minute visit. Knee pain 3/10.\nTherapeutic exercise 20 min: leg press, step-ups.\n"
            "Gait training 15 min with a cane. Remainder of the visit was transfer practice, bed to chair.\n"
            "Pain 1/10 after.")
    got = lines_of(text, "medicare")
    assert got["97530"][1] == 25


# --- areas -----------------------------------------------------------------------------------

def test_forward_back_is_a_direction_not_the_back() -> None:
    text = "Arm bike fwd/back 10 min for warm-up. Shoulder pain 3/10 after."
    assert "thoracic" not in regions_by_code(text).get("97110", set())
    assert "lumbar" not in regions_by_code(text).get("97110", set())


def test_lat_before_a_lateral_structure_is_lateral() -> None:
    text = "Manual 10': STM lat retinaculum and VMO L knee. Pain 2/10 after."
    assert regions_by_code(text)["97140"] == {"lower_extremity"}


def test_tummy_time_names_an_activity_not_the_abdomen() -> None:
    text = "Neck strengthening 15 minutes with tummy time on a roll and head lifts. Calm after."
    assert "abdomen" not in regions_by_code(text).get("97110", set())


def test_patellar_mobs_are_at_the_knee() -> None:
    text = "Patellar mobs grade II and STM to the retinaculum, 10 min. Pain down to 1/10."
    assert regions_by_code(text)["97140"] == {"lower_extremity"}


def test_remainder_spent_on_no_service_times_nothing() -> None:
    text = ("40-minute home visit. Hip pain 4/10.\nTherapeutic exercise 20 min: bridges, clamshells.\n"
            "Balance 10 min at the counter. Rest of the visit was charting and scheduling.\nPain 2/10 after.")
    assert lines_of(text)["97112"] == (1, 10)
