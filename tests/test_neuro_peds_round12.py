"""Concussion, vestibular, TMJ and pediatric school notes, round 12 (issue 13). Phrasings our own.

Classes: a 0-10 score said of a symptom that is not pain (dizziness, nausea, fogginess, a PCSS or
DHI score) is no pain score, whichever is said first, while the pain said beside it still is;
cervical and jaw exercise (deep neck flexor training, cervical isometrics, Rocabado) is 97110, and
cervical proprioception, joint position error, laser tracking, saccades and pursuits are 97112, a
head moved in such a drill being cervical work; a test of the same muscles is no service; a clock
range heading a visit whose services carry their own minutes is the session's length; minutes said
before the clause that labels their activity ("..., that's for balance") are that technique's.
"""

from __future__ import annotations

import pytest

from scribe.analysis import analyse
from models import Transcript
from tests.reading import lines, pain, run


def flags(text: str, payer: str = "commercial") -> set[str]:
    _, _, _, found = analyse(Transcript.from_text(text), payer=payer, date_of_service=None, use_data_dir=False)
    return {f.id.value for f in found}


def regions(text: str) -> set[str]:
    return {r.value for t in run(text).treatments for a in t.areas for r in a.regions}


# --- scores of symptoms that are not pain ---------------------------------------------------

@pytest.mark.parametrize(
    "text, want",
    [
        # the non-pain symptom said first, the pain second, before and after
        ("Vertigo 7/10 and neck pain 5/10 on arrival. STM to the suboccipitals, 15 minutes. "
         "Vertigo down to 2, neck pain 3/10 after.", (5, 3)),
        # nausea rated in words, headache in words
        ("She rated her nausea a six and her headache three out of ten today. Gaze stabilization "
         "VOR x1, 12 minutes. Headache one out of ten at the end, nausea gone.", (3, 1)),
        # a symptom that rises during the work is no after pain score
        ("Headache 4/10 coming in. Neuro re-ed, saccades and smooth pursuits, 14 minutes. "
         "Fogginess went up to a five during the pursuits. Headache 2/10 at the end.", (4, 2)),
        # a symptom scale's total is not pain either
        ("DHI 8 today. Neck pain six out of ten. Cervical mobs 10 min. Neck pain three after.", (6, 3)),
    ],
)
def test_a_score_said_of_a_symptom_that_is_not_pain_is_no_pain_score(text, want):
    assert pain(text) == want


def test_pain_said_after_the_symptom_word_keeps_its_score():
    # the nearest subject before the number is the pain word, not the earlier symptom
    text = ("Lightheaded at times but pain 6/10 in the neck before we started. Manual therapy to "
            "the cervical spine 15 minutes. Pain 2/10 afterwards.")
    assert pain(text) == (6, 2)


def test_a_score_followed_by_its_own_pain_word_is_pain_even_after_a_symptom():
    text = ("Dizzy this morning, 5/10 neck pain at the start. STM to the upper traps 12 minutes. "
            "Neck 2/10 at the end.")
    assert pain(text) == (5, 2)


def test_a_note_without_symptom_words_reads_scores_as_before():
    assert pain("Low back 7/10 at the start. Ther ex 15 min. Low back 4/10 at the end.") == (7, 4)


# --- cervical, jaw and oculomotor vocabulary -------------------------------------------------

@pytest.mark.parametrize(
    "text, want",
    [
        ("Neck pain 5/10. Deep cervical flexor training in supine, 11 minutes.", [("97110", 11)]),
        ("Neck pain 5/10. DNF activation with a pressure cuff, 9 min.", [("97110", 9)]),
        ("Jaw pain 4/10. Rocabado exercises and controlled mandibular opening, 10 minutes.", [("97110", 10)]),
        ("Neck pain 3/10. Joint position sense training to targets on the wall, 13 minutes.", [("97112", 13)]),
        ("Neck ache 4/10. Laser tracking of a figure-eight, 10 min.", [("97112", 10)]),
        ("Headache 3/10. Saccades and smooth pursuits seated, 12 minutes.", [("97112", 12)]),
    ],
)
def test_cervical_jaw_and_oculomotor_work_names_its_code(text, want):
    assert lines(text) == want


def test_a_test_of_the_same_work_is_no_service():
    # a screen of smooth pursuits is an examination, not oculomotor training
    text = "Headache 3/10. Smooth pursuit testing provoked symptoms. Cervical mobs 10 minutes."
    assert [cpt for cpt, _ in lines(text)] == ["97140"]


def test_a_head_moved_in_a_proprioception_drill_is_cervical_work():
    text = "Neck pain 6/10. Head relocation drills with a laser, eyes closed, 10 min."
    assert regions(text) == {"cervical"}


def test_a_head_worked_on_by_hand_stays_the_head():
    assert regions("Headache 5/10. Myofascial release to the scalp and head, 15 minutes.") == {"head"}


# --- a visit's clock range, and minutes before their label -----------------------------------

def test_a_clock_range_heading_a_visit_is_its_length():
    text = ("Home visit 1:15-1:40 with mom present. Gait training with the walker, 15 min. "
            "Balance on the foam, 15 min. Therex, squats to the bench, 10 min.")
    assert run(text).session_minutes == 25
    assert "DURATION_IMPLAUSIBLE" in flags(text)


def test_a_clock_range_naming_its_service_stays_that_service():
    text = "Neck pain 5/10. 2:10-2:35 soft tissue mobilization to the upper traps. Neck 2/10 after."
    assert lines(text) == [("97140", 25)]
    assert run(text).session_minutes is None


def test_minutes_before_the_label_of_their_activity_are_that_technique():
    text = ("Hip weakness after the fracture. Hopscotch maybe 5 min, both feet then one, that is for "
            "balance, neuro re-ed. Therex 20 min: step-ups, bridges.")
    assert lines(text) == [("97110", 20), ("97112", 5)]
    assert "MISSING_DURATION" not in flags(text)
    assert "UNDER_8_MINUTES" in flags(text)


def test_minutes_then_an_unlabelled_next_step_stay_unclaimed_by_it():
    # "then" starts a new step: without a label the minutes are not the next technique's
    text = "Knee pain 4/10. Warm-up on the bike 8 min then stretching to the hamstrings."
    assert ("97110", 8) in lines(text)
