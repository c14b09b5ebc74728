"""Round 13: everyday senses of technique words are no service; the clinical senses still are.

A technique word is a service in a clinical frame (heat *to* the low back, *manual therapy* to the
hip, balance *training*). Said as the modifier of another noun ("heat wave", "manual transmission",
"stretch goal", "balance transfer"), in an idiom ("gaining traction", "the icing on the cake", "at a
stretch") or as another thing held or driven ("cupping her mug", "drives a manual", "in the US"), it
is another sense, kept as data (not_services.jsonl, kind word_sense, with the SENSE_ token sets).
Phrasings are our own, not the blind corpus's. Each test pairs the trap with a real service whose
minutes are said, so a trap read as a service shows up as an extra line."""

from __future__ import annotations

import pytest

from billing import bill, load_profiles
from models import RuleId
from tests.reading import lines, run

def _flags(text: str) -> set[RuleId]:
    return {f.id for f in bill(run(text), load_profiles().get("commercial")).rule_findings}


MASSAGE = " Swedish massage to the neck and upper back, 30 minutes."


@pytest.mark.parametrize("trap", [
    # heat: the weather, a device, a race round
    "She says the heatwave, sorry the heat wave, kept her indoors all week.",
    "He nearly had heat stroke at the tournament last month.",
    "The heat index was over a hundred at his outdoor job.",
    "Her new heat pump broke so the house is freezing.",
    "It was a dead heat at the finish line and she still pulled her calf.",
    "She said the summer heat wrecks her sleep.",
    "He snapped at his boss in the heat of the moment and now feels tense.",
    "She watched her heat from the stands after she scratched.",
    "He got through his heat fine but cramped in the final.",
    # ice and icing: weather, sport, food, cakes
    "She slipped during the ice storm but did not fall.",
    "He plays ice hockey twice a week.",
    "She brought her daughter to the ice rink on Sunday.",
    "We talked about ice cream the whole time.",
    "She drinks an iced coffee every afternoon.",
    "She was piping the icing for a birthday order all morning.",
    "The buttercream icing on her shop's cakes takes hours.",
    "She said a new grandchild was the icing on the cake this year.",
    "He runs a bakery and spent Friday doing icing on about sixty cupcakes.",
    # manual: a car, a job, a book
    "He drives a manual and his clutch leg gets tired.",
    "She switched to a manual transmission last spring.",
    "He has done manual labor his whole life.",
    "She was reading the owner's manual for her new car.",
    # traction, stretch, balance: idioms, compounds, money
    "Her side business is finally gaining traction.",
    "His truck lost traction on the gravel and he jolted his neck.",
    "They set a stretch goal at work and she is stressed.",
    "She worked nine days at a stretch without a break.",
    "He drove a long stretch of highway yesterday.",
    "She called about the balance on her account.",
    "He paid off the balance last week.",
    "She is trying to find a better work-life balance.",
    # cupping a drink; the country
    "She sat cupping her tea the whole time she talked.",
    "He just moved back from living in the US.",
    "She was watching the US Open all weekend.",
])
def test_an_everyday_sense_is_no_service(trap):
    assert lines(trap + MASSAGE) == [("97124", 30)]


@pytest.mark.parametrize("note, expected", [
    ("Moist heat to the low back 10 minutes, then Swedish massage 30 minutes.", [("97010", 10), ("97124", 30)]),
    ("Heat for ten minutes to the neck before the massage. Massage 30 min.", [("97010", 10), ("97124", 30)]),
    ("Ice pack to the knee 10 min after ther ex 25 min.", [("97010", 10), ("97110", 25)]),
    ("Manual therapy to the hip 15 minutes.", [("97140", 15)]),
    ("Manual cervical traction 12 minutes.", [("97140", 12)]),
    ("Balance training on foam 15 minutes.", [("97112", 15)]),
    ("Hamstring stretching 10 minutes and ther ex 15 minutes.", [("97110", 10), ("97110", 15)]),
    ("Cupping to the upper back 10 minutes.", [("97140", 10)]),
    ("US 1 MHz to the right shoulder 8 minutes.", [("97035", 8)]),
])
def test_the_clinical_sense_is_still_a_service(note, expected):
    assert lines(note) == expected


def test_a_word_sense_next_to_a_real_modality_keeps_the_modality():
    # the heat wave is the weather; the heat pack later in the note is the service
    note = "Despite the heat wave she asked for heat. Hot pack to the lumbar spine 10 min, then massage 20 min."
    assert lines(note) == [("97010", 10), ("97124", 20)]


def test_a_coloured_band_is_an_exercise_whose_minutes_may_be_missing():
    note = "Massage to the calves 25 minutes. Then ankle eversion with the red band, didn't time it."
    assert sorted(t.cpt for t in run(note).treatments) == ["97110", "97124"]
    assert RuleId.MISSING_DURATION in _flags(note)


def test_a_wedding_band_is_no_exercise():
    assert lines("She wears a gold band and her ring finger is swollen." + MASSAGE) == [("97124", 30)]


def test_a_question_answered_no_negates_what_was_asked():
    note = "I asked about pain and she said no, nothing hurts, just stressed. Relaxation massage 60 minutes."
    assert [t.cpt for t in run(note).treatments] == ["97124"]
    assert RuleId.NOT_MEDICALLY_NECESSARY in _flags(note)


def test_a_stretch_sent_home_is_a_plan_not_a_service():
    note = "Deep tissue to the neck 25 min. Sent her home with the doorway pec stretch."
    assert lines(note) == [("97124", 25)]


def test_the_clients_own_home_routines_are_not_billed():
    note = ("She ices at night and her husband massages her shoulders on weekends. He foam rolls after runs. "
            "Today deep tissue to the shoulders 30 minutes.")
    assert lines(note) == [("97124", 30)]
