"""Round 20: end-of-day dictation whose minutes the biller works out.

A clinician talks through the day from memory: minutes come as clock times said one by one, as
"the first N ... the rest", as halves of a session, with a spoken correction, or as a times-sign
count closing a sentence; a block that belonged to another patient is taken back; PNF technique
names are neuromuscular re-education. Phrasings are our own, not the blind corpus's."""

from __future__ import annotations

import pytest

from tests.reading import lines, pain, run


# --- corrections with a comma after their opening word -----------------------------------------

@pytest.mark.parametrize("said, meant", [
    ("twelve minutes, no, make that sixteen", 16),
    ("twenty minutes, no, make it twenty-four", 24),
    ("ten minutes, sorry, make that fourteen", 14),
])
def test_a_correction_with_a_comma_after_no_replaces_the_minutes(said, meant):
    note = f"Neck pain six. Soft tissue mobilization to the upper traps, {said}. Pain three after."
    assert lines(note) == [("97140", meant)]


def test_a_corrected_count_after_a_technique_clause():
    note = ("Knee pain five. Ther ex for the knee, twenty minutes. Patellar mobs on the left knee, "
            "ten, no, make it thirteen. Pain two after.")
    assert lines(note) == [("97110", 20), ("97140", 13)]


# --- PNF technique names -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["rhythmic stabilization", "alternating isometrics", "rhythmic initiation"])
def test_pnf_technique_names_are_neuromuscular_reeducation(name):
    note = f"Shoulder pain four. {name.capitalize()} at the left shoulder, twelve minutes. Pain two after."
    assert lines(note) == [("97112", 12)]


# --- pain after said with getting up off the table ------------------------------------------------

def test_getting_up_off_the_table_is_an_after_score_even_said_first():
    note = ("Hip pain, she called it an eight. She was a five when she got up off the table, so good result. "
            "Deep tissue to the hip, twenty-five minutes.")
    assert pain(note) == (8, 5)


# --- clock times ------------------------------------------------------------------------------------

def test_hyphenated_spoken_clock_ranges():
    note = ("Knee pain four. Manual from nine o'clock to nine-twelve, patellar mobs. "
            "Then ther ex from nine-twelve to nine thirty-eight, step ups and wall sits. Pain two after.")
    assert lines(note) == [("97110", 26), ("97140", 12)]


def test_a_finish_time_said_right_at_the_hour():
    note = ("Upper back tension, pain five. Swedish to the upper back. "
            "We started at twenty past four and finished right at five. Pain two after.")
    assert lines(note) == [("97124", 40)]


def test_a_timeline_of_clock_times_gives_each_block_its_minutes():
    note = ("Neck pain six. Started at 9:10 with manual, cervical mobs and STM, moved on to deep neck flexor "
            "exercises at 9:22, chin tucks and rows, and finished at 9:45. Pain three after.")
    assert lines(note) == [("97110", 23), ("97140", 12)]


def test_two_clock_times_alone_make_no_timeline():
    note = "Neck pain six. Arrived at 9:10. Manual to the neck, fifteen minutes. Left at 9:40. Pain three after."
    assert lines(note) == [("97140", 15)]


# --- first part and the rest; halves ----------------------------------------------------------------

def test_first_part_then_the_rest_of_a_one_on_one_session():
    note = ("Low back pain five. Thirty-five minutes one-on-one. First twelve was manual, lumbar mobs. "
            "The rest of it was ther ex, bridges and bird dogs. Pain two after.")
    assert lines(note) == [("97110", 23), ("97140", 12)]


def test_half_and_half_splits_the_session():
    note = ("Thirty minutes today, half balance training and half therapeutic exercise. "
            "Balance was tandem stance on foam; exercise was step-ups.")
    assert lines(note) == [("97110", 15), ("97112", 15)]


def test_half_kneeling_is_no_half_of_the_session():
    note = "Hip pain four. Ther ex twenty minutes, half kneeling hip flexor stretch and clamshells. Pain two after."
    assert lines(note) == [("97110", 20)]


# --- a block that was someone else's -----------------------------------------------------------------

def test_a_block_taken_back_as_another_patients_is_not_billed():
    note = ("Shoulder pain five. Manual to the right shoulder, fifteen minutes. Then ultrasound for eight "
            "minutes... no, scratch that, that was Mr. Patel, no ultrasound for her. Pain two after.")
    assert lines(note) == [("97140", 15)]


def test_wrong_patient_takes_the_sentence_back():
    note = ("Neck pain six. Trigger point to the upper traps, twelve minutes. Gait training ten minutes, "
            "sorry, wrong patient. Pain three after.")
    assert lines(note) == [("97140", 12)]


def test_a_named_person_without_a_correction_takes_nothing_back():
    note = ("Knee pain five. Gait training with the walker, ten minutes, that was Mrs. Park's suggestion. "
            "Ther ex fifteen minutes. Pain two after.")
    assert lines(note) == [("97110", 15), ("97116", 10)]


# --- a times-sign count closing a sentence -------------------------------------------------------------

def test_a_times_sign_count_closing_a_technique_sentence_is_its_minutes():
    note = ("Neck pain five. Manual to the neck, twenty minutes. Then massage to the left forearm, "
            "effleurage and kneading, x12. Pain two after.")
    assert lines(note) == [("97124", 12), ("97140", 20)]


def test_flowsheet_reps_stay_reps():
    note = "Knee pain four. Ther ex 20 min: bridges x15, clams x15, SLR x10. Pain two after."
    assert lines(note) == [("97110", 20)]


def test_the_last_part_is_read_once_when_both_edge_rules_match():
    note = ("Upper back pain five. Forty-five minutes on the table. The last ten were trigger point on the "
            "levator, everything before that was Swedish to the upper back. Pain two after.")
    assert lines(note) == [("97124", 35), ("97140", 10)]
