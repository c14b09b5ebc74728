"""Round 26, house-call dictation:
- a rating said of a body area after a comma ("she wanted to give it a go, hip a six") is a new
  statement: a wish or plan before the comma does not reach it (context.jsonl term.comma_area_score);
- minutes said as "also N" after a comma closing a list of exercises repeat the unit said before;
- "no wait, that's the other lady" takes back what was just dictated as another person's."""

from extraction import extract
from models import Transcript


def _ex(text: str):
    return extract(Transcript.from_text(text))


def test_area_rating_after_a_wish_is_todays_score():
    ex = _ex("Hip replacement in May. She wanted to give it a go anyway, hip a six. Swedish 20 min.")
    assert ex.pain_before is not None and ex.pain_before.score == 6


def test_plan_still_reaches_what_it_plans():
    ex = _ex("Will try cupping next time, the shoulders. Swedish to the back 30 min, back 4/10 before.")
    techs = {f.technique: f.context.value for f in ex.facts if f.kind == "technique"}
    assert techs["cupping"] == "planned"


def test_also_n_after_exercise_list_is_minutes():
    ex = _ex("Gait with the walker, around twenty minutes. Then ther ex, bridges, clamshells, also fifteen.")
    assert sorted(f.minutes for f in ex.facts if f.kind == "duration" and f.context.value == "performed") == [15, 20]


def test_also_reps_is_not_minutes():
    ex = _ex("Ther ex 20 minutes: bridges, also 10 reps.")
    assert [f.minutes for f in ex.facts if f.kind == "duration"] == [20]


def test_that_is_the_other_lady_takes_back_the_service():
    ex = _ex("Ultrasound to the elbow, no wait, that's the other lady. Here it was manual therapy to the elbow, ten minutes.")
    techs = {f.technique: f.context.value for f in ex.facts if f.kind == "technique"}
    assert techs["ultrasound"] == "negated"
    assert techs["manual_therapy"] == "performed"


def test_care_someone_had_been_giving_before_the_visit_is_not_todays():
    ex = _ex("Friction massage to the left Achilles, twelve minutes. His daughter had been icing it, "
             "so she'd been doing heat as well, I said fine.")
    assert not [f for f in ex.facts if f.kind == "technique" and f.cpt == "97010" and f.context.value == "performed"]


def test_complaint_said_in_past_perfect_stays_the_complaint():
    ex = _ex("She'd been having neck pain since Monday, 5/10. Swedish to the neck 25 minutes.")
    assert any(f.kind == "condition" and f.context.value == "performed" for f in ex.facts)
    assert ex.pain_before is not None and ex.pain_before.score == 5


def test_past_perfect_state_leaves_the_next_service_alone():
    ex = _ex("massage to the neck ten minutes she'd been stiff there too hot pack on the low back fifteen minutes")
    assert any(f.kind == "technique" and f.cpt == "97010" and f.context.value == "performed" for f in ex.facts)
