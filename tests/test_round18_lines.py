"""Issue 13, round 18: lines, minutes and their flags in pelvic-health, transcriptionist, chiropractic
office, terse PT and day-spa notes.

Classes: technique names a list missed, so a block's minutes went to its neighbour (trigger point
said "trigger pt" or "TP release"; pelvic-floor internal manual therapy); heat named as the weather
that brings a symptom on; a client's question about a service; a retraction marker followed by
the same technique denied, taking back a long block with its minutes; a participle of doing that
closes the technique's own sentence past the commas of its settings; a score said right after a
symptom that is not pain; a generic service said first as the kind of visit, whose minutes hold
the services itemised after it. Every phrasing is written here, none from any corpus, each class
with a counter-test that keeps what must stay.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def run(text: str):
    return extract(Transcript.from_text(text))


def rows(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in run(text).treatments)


# -- technique names: trigger point shorthand, internal pelvic-floor manual therapy ----------------

@pytest.mark.parametrize("phrase", ["trigger pt release", "trigger pts", "TP release", "trig pt work"])
def test_trigger_point_shorthand_is_its_own_manual_therapy_block(phrase):
    text = f"Effleurage to the upper back, 25 min. {phrase} R rhomboid, 9 min. Shoulder ache 6/10 pre, 3 post."
    assert rows(text) == [("97124", 25), ("97140", 9)]


@pytest.mark.parametrize("phrase", ["intravaginal myofascial release", "internal release",
                                    "internal trigger point release", "intrarectal release"])
def test_internal_pelvic_floor_manual_therapy_is_97140(phrase):
    text = (f"Dx dyspareunia. Pelvic floor relaxation training with breathing, 28 minutes. "
            f"{phrase} to the L obturator internus, 11 min. Pain with exam 5/10, after 2/10.")
    assert rows(text) == [("97112", 28), ("97140", 11)]


def test_counter_internal_rotation_exercise_stays_exercise():
    assert rows("Shoulder. Resisted internal rotation with the red band, 3x12, 14 minutes.") == [("97110", 14)]


# -- heat as the weather that brings a symptom on ------------------------------------------------

@pytest.mark.parametrize("remark", ["ankles swell up in the heat", "back is achier with this heat",
                                    "knees flare during the summer heat", "feet more swollen from the heat"])
def test_heat_that_worsens_a_symptom_is_no_hot_pack(remark):
    text = f"Client says her {remark}. Swedish to the legs and back, 50 minutes. Pain 4/10 before, 1/10 after."
    assert "97010" not in {t.cpt for t in run(text).treatments}


def test_counter_heat_applied_stays_a_hot_pack():
    text = "Low back stiff, worse in the mornings. Moist heat to the lumbar spine 10 min, then STM lumbar 15 min."
    assert rows(text) == [("97010", 10), ("97140", 15)]


# -- a client's question about a service --------------------------------------------------------

@pytest.mark.parametrize("question", [
    "She asked if someone could do a hot stone massage after",
    "He wanted to know whether we could do cupping on his calves",
    "Pt wondering if the spa could do a foot massage sometime",
])
def test_a_clients_question_about_a_service_is_no_service(question):
    text = (f"R hip OA. Ther ex 18 min: bridges, clamshells. Gait training with SPC 12 min. {question}, "
            f"told them to ask the front desk. Hip 6/10 to 4/10.")
    assert rows(text) == [("97110", 18), ("97116", 12)]


def test_counter_question_about_an_area_keeps_the_work_there():
    text = "She asked about her neck, so STM to the neck and upper traps, 15 min. Neck 5/10 to 3/10."
    assert rows(text) == [("97140", 15)]


# -- a marker, then the same technique denied ------------------------------------------------------

def test_scratch_that_then_the_same_technique_denied_retracts_the_block_and_its_minutes():
    text = ("Ultrasound to the left lateral epicondyle, 1 MHz, continuous, seven minutes, scratch that, "
            "no ultrasound today, the machine is being serviced. Eccentric wrist extension, 15 minutes. "
            "STM to the common extensor origin, 10 minutes.")
    assert rows(text) == [("97110", 15), ("97140", 10)]


def test_counter_scratch_that_before_a_new_number_corrects_the_minutes():
    text = "Ultrasound to the left shoulder, eight minutes, scratch that, ten minutes. Ther ex 15 min."
    assert rows(text) == [("97035", 10), ("97110", 15)]


# -- a participle of doing closing the technique's own sentence ------------------------------------

@pytest.mark.parametrize("sentence", [
    "Manual traction, lumbar, supine with hips flexed, well tolerated.",
    "Joint mobilization to the R glenohumeral joint, grade III, posterior glides, tolerated well.",
])
def test_a_closing_participle_past_the_settings_keeps_the_minute_less_service_pending(sentence):
    r = run(f"Ther ex 20 minutes, rows and chin tucks. {sentence} Pain 5/10 to 3/10.")
    pending = [t for t in r.treatments if t.minutes is None]
    assert len(pending) == 1 and pending[0].cpt == "97140" and not pending[0].named_only


def test_counter_a_technique_said_only_as_a_finding_stays_named_only():
    r = run("Ther ex 20 minutes, rows and chin tucks. Her balance is poor on foam. Pain 5/10 to 3/10.")
    assert all(t.named_only for t in r.treatments if t.minutes is None)


# -- a score said of a symptom that is not pain ------------------------------------------------------

@pytest.mark.parametrize("symptom", ["numbness resolved by the end", "tingling gone by the end",
                                     "swelling resolved by the end"])
def test_a_symptom_resolved_is_no_pain_score(symptom):
    r = run(f"Neck pain 6/10 at the start. STM to the neck 15 min. Pain down to 3/10, {symptom}.")
    assert r.pain_after is not None and r.pain_after.score == 3


def test_counter_pain_resolved_by_the_end_is_zero():
    r = run("Neck pain 6/10 at the start. STM to the neck 15 min. Pain resolved by the end.")
    assert r.pain_after is not None and r.pain_after.score == 0


# -- a generic service said first as the kind of visit ----------------------------------------------

@pytest.mark.parametrize("opening", ["90 min signature massage", "Booked a 90 minute wellness massage",
                                     "90-min custom massage"])
def test_the_visits_kind_with_its_length_is_no_block_of_its_own(opening):
    text = f"{opening}, neck and back tension. Swedish full body 70 min. Then MFR low back 15 min. 6/10 to 2/10."
    assert rows(text) == [("97124", 70), ("97140", 15)]


def test_counter_the_visits_kind_said_alone_is_the_service():
    assert rows("60 min prenatal massage, side-lying, low back and hips. Back 5/10 to 2/10.") == [("97124", 60)]
