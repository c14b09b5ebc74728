"""Round 26 (w129/w130 voices): other providers' work, scripts, bookings, broken machines, weather
heat, parallel-bar walking, and pain asides read in my own wordings."""

from extraction.extract import extract
from models import Transcript


def _run(text: str):
    return extract(Transcript(text=text))


def _cpts(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in _run(text).treatments]


def test_colleague_named_with_role_in_brackets_is_not_my_service():
    text = "Maria (PTA) ran her through the core work before me. Swedish to the upper back, 30 minutes."
    assert [c for c, _ in _cpts(text)] == ["97124"]


def test_colleague_named_with_role_after_a_comma_is_not_my_service():
    text = ("Raj, the PT across the hall, has her doing wall slides and rows. "
            "I did myofascial release to the right shoulder, 20 minutes.")
    assert _cpts(text) == [("97140", 20)]


def test_script_read_out_is_an_order_not_a_service():
    text = 'Script says "therapeutic exercise, gait training, 2x/wk". Manual therapy to the knee, 15 min.'
    assert _cpts(text) == [("97140", 15)]


def test_booked_service_cancelled_bills_nothing():
    text = "Deep tissue was on the books for an hour, but he had a migraine, so no massage today."
    result = _run(text)
    assert result.treatments == []


def test_broken_hydrocollator_is_no_hot_pack():
    text = ("Meant to start with moist heat but the hydrocollator's been on the blink all week. "
            "Swedish to the neck and shoulders, 40 minutes.")
    assert [c for c, _ in _cpts(text)] == ["97124"]


def test_machine_named_in_a_treatment_line_still_bills():
    assert _cpts("Ultrasound down the forearm extensors, 8 min.") == [("97035", 8)]


def test_heat_blamed_for_swelling_is_weather():
    text = "Ankles puffier this week, she says it's the heat. Lymphatic drainage both legs, 45 min."
    assert [c for c, _ in _cpts(text)] == ["97140"]


def test_walking_in_parallel_bars_is_gait_training():
    text = "Walked in the parallel bars with min assist, 15 min, cues for step length."
    assert ("97116", 15) in _cpts(text)


def test_score_after_a_day_of_activity_is_the_complaint_not_post_treatment():
    text = ("Low back, he says it's an eight after he's been driving all day. "
            "Joint mobs lumbar 15 min. Left at a four.")
    result = _run(text)
    assert (result.pain_before.score, result.pain_after.score) == (8, 4)


def test_symptom_aside_between_commas_leaves_the_pain_score():
    text = "Low back pain, with the tingling and numbness, was a six at the start and a three at the end."
    result = _run(text)
    assert (result.pain_before.score, result.pain_after.score) == (6, 3)


def test_a_symptom_rated_on_its_own_is_still_not_pain():
    text = "Dizziness, with the room spinning, was a six. Vestibular rehab 20 minutes."
    assert _run(text).pain_before is None


def test_a_wish_for_next_month_is_a_plan():
    text = ("Hot pack low back 10 min. Ther ex on the mat 25 minutes. "
            "Next month I'd like to get her walking in the parallel bars with some weight shifting.")
    assert sorted(c for c, _ in _cpts(text)) == ["97010", "97110"]


def test_the_pta_doing_it_another_day_is_not_my_service():
    text = "Gait training with a cane, 23 min. PTA to do ther ex Friday."
    assert [c for c, _ in _cpts(text)] == ["97116"]


def test_tandem_walking_in_the_bars_is_balance_not_gait():
    text = "Neuro re-ed 12 minutes, balance on foam and tandem walking in the parallel bars."
    assert [c for c, _ in _cpts(text)] == ["97112"]
