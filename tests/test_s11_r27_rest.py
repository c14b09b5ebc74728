"""Session 11, round 27 (the rest): the same facts read in a formal time block, a billing Q&A and
end-of-day shorthand as in a plain dictation: minutes restated in brackets, refusals pointing back,
justification sentences, total headings over lists, definitions, exercise names and another
provider's program."""

from __future__ import annotations

from extraction import extract
from models import Context, Transcript


def _extract(text: str):
    return extract(Transcript.from_text(text))


def _treatments(text: str) -> list[tuple[str, int | None]]:
    return [(t.technique, t.minutes) for t in _extract(text).treatments]


def _contexts(text: str, kind: str = "technique") -> list[tuple[str, Context]]:
    return [(f.evidence.text, f.context) for f in _extract(text).facts if f.kind == kind]


# restated minutes in brackets

def test_minutes_repeated_in_a_bracketed_correction_are_one_block():
    text = ("Time:\nSoft tissue mobilization 97140, lumbar - 11 min (amended: first entered as 9 min by "
            "mistake; 11 min is correct)\nTherapeutic exercise 97110 - 20 min")
    assert _treatments(text) == [("soft_tissue_mobilization", 11), ("therapeutic_exercise", 20)]


def test_the_same_minutes_said_again_outside_brackets_are_still_two_blocks():
    text = "Massage to the neck 15 min. Then massage to the low back 15 min."
    assert [m for _, m in _treatments(text)] == [15, 15]


# refusals that point back with a pronoun

def test_a_refusal_of_it_after_a_semicolon_takes_back_the_offered_modality():
    found = dict(_contexts("Ice was offered at the end; she refused it, wanting to drive home."))
    assert found["Ice"] == Context.negated


def test_a_refusal_of_it_in_the_next_sentence_takes_back_the_offered_modality():
    found = dict(_contexts("Ther ex 20 min, bridges. We suggested moist heat afterwards. He declined it."))
    assert found["moist heat"] == Context.negated
    assert found["bridges"] == Context.performed


def test_a_refusal_of_it_does_not_reach_past_its_own_short_reach():
    text = ("Manual therapy to the right knee with patellar mobs was completed for sixteen minutes today "
            "without any trouble at all. Cold pack offered; he declined it.")
    found = dict(_contexts(text))
    assert found["Manual therapy"] == Context.performed
    assert found["Cold pack"] == Context.negated


# justification sentences

def test_a_skilled_need_sentence_names_goals_not_services():
    text = ("Manual therapy 15 min. Skilled intervention was required to reduce pain for stair "
            "negotiation and transfers.")
    assert _treatments(text) == [("manual_therapy", 15)]


# a total heading over a list of services

def test_a_timed_total_heading_is_the_session_total_and_glued_counts_are_the_items_minutes():
    f = _extract("45 min timed total: 30 TE, then 15 MT.\nTE = squats, lunges. MT = lumbar mobs.")
    assert [(t.cpt, t.minutes) for t in f.treatments] == [("97110", 30), ("97140", 15)]
    assert f.session_minutes == 45


def test_bracketed_counts_in_a_total_heading_list_time_their_items():
    text = "50 min total: prone Swedish back and shoulders (35), then supine MFR scalenes (15)."
    assert [(t.cpt, t.minutes) for t in _extract(text).treatments] == [("97124", 35), ("97140", 15)]


def test_counts_before_exercise_names_in_a_total_list_stay_reps():
    f = _extract("30 min total: 10 bridges, 15 clams, then STM 10.")
    minutes = {t.technique: t.minutes for t in f.treatments}
    assert 10 not in [m for k, m in minutes.items() if k == "therapeutic_exercise"]
    assert 15 not in minutes.values()


def test_a_block_total_after_its_technique_is_still_that_block():
    text = "TherEx x28 min total: recumbent bike 8 min, quad sets, SLR."
    assert _treatments(text) == [("therapeutic_exercise", 28)]


# home program said at a sentence's start

def test_a_home_program_item_opening_a_sentence_is_not_a_service():
    found = dict(_contexts("Swedish 60 min full body. Post 2/10.\nHEP calf stretch; back in 1 wk."))
    assert found["stretch"] == Context.planned


def test_the_home_program_words_stop_at_the_comma():
    found = dict(_contexts("HEP reviewed, then TE 20 min with bridges."))
    assert found["TE"] == Context.performed and found["bridges"] == Context.performed


# a service defined on its own line

def test_a_service_defined_with_an_equals_sign_is_the_timed_one_said_before():
    text = ("40 min timed total: 25 TE, then 15 MT.\nTE = core stab: dead bugs, planks.\n"
            "MT later in the visit = grade II PAs T6-T8, stiff on spring test.")
    assert [(t.cpt, t.minutes) for t in _extract(text).treatments] == [("97110", 25), ("97140", 15)]


# areas inside an exercise's name

def test_an_area_inside_an_exercise_name_does_not_crowd_out_the_parts_exercised():
    text = ("Pt c/o neck pain 5/10. Ther ex, eighteen minutes. Deep neck flexor activation, chin tucks, "
            "thoracic extension over the foam roll.")
    regions = {r.value for t in _extract(text).treatments for a in t.areas for r in a.regions}
    assert {"cervical", "thoracic"} <= regions


# another provider's program

def test_the_writer_having_the_client_do_exercises_is_still_a_service():
    found = dict(_contexts("I had him doing band exercises for 12 minutes after the massage."))
    assert found["exercises"] == Context.performed


def test_another_provider_having_the_client_do_exercises_is_theirs():
    found = dict(_contexts("Sees a PT Tuesdays. The PT has him doing band exercises."))
    assert found["exercises"] == Context.other_person


def test_refusal_with_its_service_in_its_own_sentence_does_not_reach_the_sentence_before():
    """'declined it' looks back over a full stop only when its own sentence names no service."""
    from extraction import extract
    from models import Transcript

    note = ("Thirty minutes of Swedish to the upper back. No heat pack today she didn't want it, "
            "says it makes her flushed.")
    facts = extract(Transcript.from_text(note)).facts
    back = [f for f in facts if f.kind == "area"]
    heat = [f for f in facts if f.kind == "technique" and "heat" in f.evidence.text]
    assert back and all(f.context.value == "performed" for f in back)
    assert heat and heat[0].context.value == "negated"
