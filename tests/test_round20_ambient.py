"""Round 20, room recordings of whole sessions (w93's voice, our own phrasings): the therapist's
closing line restates the session without a cue, a service named in the room and timed again in
that line is one service, a service the closing line says was not done is not billed, a question
answered no in the next speaker's turn, and "back" in phrases that name no body area."""

from __future__ import annotations

import pytest

from billing.documentation import medical_necessity_findings
from extraction.components.recap import closing_turn, room_recording
from models import FactKind
from tests.reading import lines, run

_ROOM_TIMED_TWICE = [
    # labelled turns, the room times each service, the closing line times them again
    ("Therapist: Face down. Deep tissue through the low back now.\n"
     "Client: Ooh, right there.\n"
     "Therapist: That was fifteen minutes on the low back. Now the hot pack, ten minutes.\n"
     "Client: Lovely.\n"
     "Therapist: Commercial. Deep tissue massage, lumbar, fifteen minutes. Hot pack lumbar, ten minutes.",
     [("97010", 10), ("97124", 15)]),
    # numbered speakers, gaps
    ("Speaker 1: Okay, balance on the foam, feet together.\n[...]\n"
     "Speaker 1: Twelve minutes of balance. Now the bike.\n[...]\n"
     "Speaker 1: Ten minutes on the bike, good.\n"
     "Speaker 1: Medicare. Neuromuscular re-ed, static balance on foam, twelve minutes. "
     "Therapeutic exercise, recumbent bike, ten minutes.",
     [("97110", 10), ("97112", 12)]),
]


@pytest.mark.parametrize("text, expected", _ROOM_TIMED_TWICE)
def test_a_closing_line_that_times_the_room_services_again_counts_them_once(text, expected):
    assert lines(text) == expected


def test_an_untimed_room_mention_is_the_service_the_closing_line_times():
    text = ("Let the arm go heavy, I'm going to do some soft tissue on the front of the shoulder.\n"
            "[...]\n"
            "Okay, band rows now, then pull-aparts.\n"
            "[...]\n"
            "[dictating] Left shoulder pain. Manual therapy, soft tissue left anterior shoulder, "
            "fourteen minutes. Therapeutic exercise, rows and pull-aparts, sixteen minutes.")
    assert lines(text) == [("97110", 16), ("97140", 14)]


def test_a_service_the_closing_line_says_was_not_done_is_not_billed_from_the_plan():
    text = ("Therapist: Today we'll do ten minutes of the hip work and maybe some e-stim at the end.\n"
            "[...]\n"
            "Therapist: Clamshells and bridges.\n"
            "[...]\n"
            "Therapist: Right hip. Therapeutic exercise, clamshells and bridges, twenty minutes. "
            "Manual therapy, hip mobs, ten minutes. E-stim not performed.")
    assert all(cpt not in {"97014", "97032", "G0283"} for cpt, _ in lines(text))
    assert ("97110", 20) in lines(text)


def test_one_service_in_the_last_line_is_no_closing_wrap_up():
    """A single late service in a room recording is just the last thing done, not a restatement."""
    text = ("Therapist: Hot pack on the neck, ten minutes.\n[...]\n"
            "Therapist: Now ten more minutes of hot pack on the low back.")
    assert lines(text) == [("97010", 10), ("97010", 10)]


def test_a_dictated_note_of_several_paragraphs_is_no_room_recording():
    text = ("S: Neck pain 5/10.\n"
            "O: Therapeutic exercise 10 min, chin tucks.\n"
            "Therapeutic exercise 15 min, rows, manual therapy 10 min to the neck.")
    assert not room_recording(text)
    assert closing_turn(text) is None


@pytest.mark.parametrize("text", [
    "Speaker 1: Any pain or injuries today?\nSpeaker 2: No, I'm just wiped out.\n"
    "Speaker 1: Note. Swedish relaxation massage, full body, fifty minutes. Here for stress relief.",
    "Therapist: Anything bothering you?\nClient: Nope, just need to relax.\n"
    "Therapist: Note. Relaxation massage, sixty minutes. Stress relief only.",
])
def test_a_question_answered_no_in_the_next_turn_is_no_complaint(text):
    assert [f.id for f in medical_necessity_findings(run(text), billed=True)] == ["NOT_MEDICALLY_NECESSARY"]


@pytest.mark.parametrize("text", [
    "Hi, come on back. Which room today? Note: trigger point release, fifteen minutes, same spot.",
    "I'll be right back with the towels. Note: trigger point release, fifteen minutes.",
    "Getting into the back seat hurts, a five. Note: trigger point release, fifteen minutes.",
    "We left by the back door. Note: trigger point release, fifteen minutes.",
])
def test_back_in_a_phrase_of_movement_or_of_a_thing_is_no_body_area(text):
    assert not [f for f in run(text).facts_of(FactKind.area) if f.area == "back"]


def test_the_back_is_still_the_back():
    text = "Her back was tight. Note: deep tissue to the back, fifteen minutes."
    assert [f for f in run(text).facts_of(FactKind.area) if f.area == "back"]


def test_a_note_line_that_corrects_a_code_drops_no_service():
    """A "Note:" line that times nothing and says a row "was massage, not manual therapy" corrects a
    code; it is no wrap-up denying that the manual therapy rows were done."""
    text = ("Joint mobs to the lumbar spine, 20 min. Massage to the upper traps, 9 min.\n"
            "Note: the second row was massage, not manual therapy.")
    assert ("97140", 20) in lines(text)
