"""Issue 13, round 10: neuro, vestibular and pelvic-health narratives, and end-of-day templates.

Classes: neuromuscular re-education said in the words of neuro, vestibular and pelvic-floor
practice (CPT 97112: balance, coordination, kinesthetic sense, proprioception; pelvic-floor
coordination and down-training, the knack, amplitude training, gaze stabilisation, habituation);
a speed ("miles an hour") read as minutes; untimed items listed after a timed re-education
heading ("NMR 12 min, foam, step-ups") left as a second service without minutes; heat said of
the patient ("heat-fatigued") read as a hot pack; a relative's score read as the client's; a
copy-forward banner written with "fwd" billed again. Phrasings are written here, none from any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def _extract(text: str):
    return extract(Transcript.from_text(text))


def treatments(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in _extract(text).treatments)


@pytest.mark.parametrize("text, minutes", [
    ("PF coordination with exhale, 18 min, supine then standing.", 18),
    ("Pelvic floor down-training in child's pose with belly breathing x 15 min.", 15),
    ("Reverse kegels and diaphragmatic breaths, 12 min.", 12),
    ("Practised the knack with lifting and coughing, 10 minutes.", 10),
    ("Dyssynergia retraining on the commode with a footstool, 16 min.", 16),
    ("LSVT BIG 30 min, seated and standing maximal reaching.", 30),
    ("Big amplitude stepping and arm swings for 14 minutes.", 14),
    ("Gaze stabilization, VOR x1 horizontal at 2 Hz, 11 min.", 11),
    ("VOR x2 in standing on firm surface 9 min.", 9),
    ("Habituation exercises for rolling and bending, 13 min.", 13),
    ("Brandt-Daroff x 5 reps each side, 10 min total.", 10),
    ("Frenkel exercises for LE ataxia 12 min.", 12),
    ("Dual-task training: walking while naming animals, 15 min.", 15),
])
def test_neuro_vestibular_and_pelvic_reeducation_is_97112(text, minutes):
    assert treatments(text) == [("97112", minutes)]


@pytest.mark.parametrize("text", [
    "Impaired motor control of the L UE noted on exam.",
    "Poor motor planning and impaired motor learning per the OT eval.",
])
def test_an_impairment_named_in_the_exam_is_no_service(text):
    assert treatments(text) == []


def test_a_yoga_pose_named_for_a_child_is_no_other_person():
    assert treatments("Reverse kegels in happy baby and child's pose, 14 min.") == [("97112", 14)]


def test_pelvic_floor_coordination_keeps_its_own_minutes_beside_massage():
    text = ("Abdominal massage, clockwise strokes, 10 min.\n"
            "Pelvic floor coordination 24 min: relaxing on bearing down, breath timing.")
    assert treatments(text) == [("97112", 24), ("97124", 10)]


def test_the_knack_before_a_sit_to_stand_is_no_functional_training():
    text = ("Pelvic floor coordination with the knack before standing up from a chair and "
            "before coughing, 18 minutes. Then 15 min ther ex: clamshells and bridges.")
    assert treatments(text) == [("97110", 15), ("97112", 18)]


@pytest.mark.parametrize("text, minutes", [
    ("Gait training on the treadmill at 2.2 miles an hour, 16 min.", 16),
    ("Treadmill gait training, sixteen minutes at one point five miles an hour.", 16),
    ("Gait training 18 min, cadence about 100 steps a minute with a metronome.", 18),
])
def test_a_speed_is_no_minutes(text, minutes):
    assert treatments(text) == [("97116", minutes)]


def test_a_real_hour_still_counts():
    assert treatments("Gait training for an hour with the rolling walker.") == [("97116", 60)]


@pytest.mark.parametrize("text, minutes", [
    ("NMR 15 min, tandem stance on foam, heel raises, step-ups onto a 6 inch step.", 15),
    ("Neuro re-ed for balance, ten minutes, feet together eyes closed, lateral step-ups.", 10),
])
def test_exercise_items_after_a_timed_reeducation_heading_are_that_service(text, minutes):
    assert treatments(text) == [("97112", minutes)]


def test_a_hot_pack_after_a_timed_service_and_a_comma_stays_its_own():
    cpts = [c for c, _ in treatments("Manual therapy 12 min, hot pack after.")]
    assert cpts == ["97010", "97140"]


@pytest.mark.parametrize("text", [
    "The gym was hot and he got heat-fatigued, so we rested. NMR 16 min.",
    "She is heat sensitive since the MS diagnosis. NMR 16 min.",
])
def test_heat_said_of_the_patient_is_no_hot_pack(text):
    assert treatments(text) == [("97112", 16)]


def test_a_husbands_score_is_not_the_clients():
    text = ("Her husband waited in the room, his back has been bad, says his back is a seven. "
            "She rates her shoulder a four today. Ther ex 20 min. Shoulder a two after.")
    e = _extract(text)
    assert (e.pain_before.score, e.pain_after.score) == (4, 2)


def test_a_clients_own_score_after_a_relative_is_mentioned_stays():
    text = "His wife drove him in. His knee is a six today. Gait training 20 min."
    assert _extract(text).pain_before.score == 6


def test_text_copied_fwd_from_an_earlier_visit_is_not_billed():
    text = ('Client: R.T.\n'
            '** Copied fwd from 3/2 visit: "25 min Swedish full back, hot pack 15 min" **\n'
            'Today: neck stiff. Swedish massage to the neck and upper traps 40 min.')
    assert treatments(text) == [("97124", 40)]


@pytest.mark.parametrize("text, minutes", [
    ("Deep tissue to the lumbar region times 20 minutes.", 20),
    ("Moist heat left knee times ten minutes pre-treatment.", 10),
    ("Ultrasound to the shoulder, 3 megahertz, times 8 minutes.", 8),
])
def test_times_before_a_count_is_the_spoken_times_sign_not_a_speed(text, minutes):
    """Only a unit said with "a", "an" or "per" after a count word is a speed ("steps a minute");
    "times 20 minutes" is the spoken "x 20 min" (it took the minutes of every such service away)."""
    (treatment,) = _extract(text).treatments
    assert treatment.minutes == minutes
