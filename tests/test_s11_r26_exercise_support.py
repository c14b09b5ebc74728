"""Round 26: a part named in an exercise's name as its pivot or its support ("hook-lying knee
fall-outs" rotate the pelvis; "side plank on knees", "push-ups on knees" rest on them) is not a
treated region when the exercise block names its own area."""

from extraction import extract
from models import Transcript


def _regions(text: str) -> set[str]:
    ex = extract(Transcript.from_text(text))
    return {r.value for t in ex.treatments for a in t.areas for r in a.regions}


def test_fall_outs_name_no_knee_region_in_a_core_block():
    assert _regions("Core program for the low back, 18 min: knee fallouts x15, dead bugs x10.") == {"lumbar"}


def test_plank_on_knees_rests_on_them():
    assert _regions("Trunk stabilization, lumbar, 22 minutes: modified side plank on knees 3 x 15 sec, bird dogs.") == {"lumbar"}


def test_push_ups_on_knees_rest_on_them():
    assert _regions("Shoulder strengthening 15 minutes: push-ups on knees x8, scapular retractions.") == {"upper_extremity"}


def test_knee_exercised_for_itself_stays():
    assert "lower_extremity" in _regions("Ther ex 20 min for the right knee: heel slides, quad sets.")
