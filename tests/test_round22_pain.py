"""Round 22, pain retold in other voices (our own phrasings): a note that opens on how the client
left, leaving and arrival cues wherever they sit, improvement verbs, run-on recogniser text with
no punctuation, corrections that belong to the words before them, and numbers that are no score
(a range of motion, a numbered package visit, a duration said twice)."""

from __future__ import annotations

import pytest

from tests.reading import pain


@pytest.mark.parametrize("text, expected", [
    # the leaving score told first, the arrival one after it
    ("He left at 3 out of 10 and was moving easier. He had come in with low back pain, seven out of ten. "
     "Deep tissue to the lumbar paraspinals, 30 minutes.", (7, 3)),
    ("Walking out the door her neck pain was a two; it had been a five when she arrived. "
     "Swedish to the neck and shoulders, 40 minutes.", (5, 2)),
    ("Hip pain. She left today at a one, but coming in her hip was a four. Manual therapy 15 minutes.", (4, 1)),
    # "to" after an after score does not make the arrival score a later one
    ("By the end his knee was at 1/10. Stairs had taken it to five out of ten this morning. "
     "Therapeutic exercise 20 minutes for the knee.", (5, 1)),
    # an arrival cue a sentence after the treatment
    ("Forty minutes of Swedish to the upper back. Shoulder pain, and when she got here she put it at seven out of ten.",
     (7, None)),
])
def test_out_of_order_scores_take_their_cue_not_their_place(text, expected):
    assert pain(text) == expected


@pytest.mark.parametrize("verb", ["eased to", "settled to", "got down to", "was down to"])
def test_improvement_verbs_give_the_after_score(verb):
    text = f"Low back pain 6/10. Deep tissue to the low back, 30 minutes. Pain {verb} 3."
    assert pain(text) == (6, 3)


def test_leaving_clause_heads_a_score_across_commas():
    text = "On leaving, after the stretching work, he rated it a 1. Achilles pain, a five on stairs. Exercise 20 minutes."
    assert pain(text)[1] == 1


@pytest.mark.parametrize("text, expected", [
    # no punctuation at all: the timing phrase right after the score is its own
    ("neck pain seven out of ten today so I did swedish to the neck for thirty minutes and neck pain "
     "three out of ten at the end heart rate 72 before we started next visit in a week", (7, 3)),
    # "before" then at once the next score: a timed pair
    ("upper back ache six out of ten before 3 out of 10 after shoulder range better after the stretching "
     "swedish to the upper back thirty minutes", (6, 3)),
    # a clause word after the score ends its clause in a run-on
    ("low back pain six out of ten deep tissue to the low back for thirty minutes and when we were done "
     "she said she was at a three not as tight", (6, 3)),
    ("knee pain six out of ten ther ex 20 minutes for the knee knee 2 out of 10 after continue per plan", (6, 2)),
])
def test_run_on_recogniser_text_keeps_the_after_score(text, expected):
    assert pain(text) == expected


def test_regional_leaving_and_coming_phrases():
    text = "Gave Swedish to the back for 40 minutes. Back was paining, she was 6/10 when coming and 2 by the time of going."
    assert pain(text) == (6, 2)


def test_gave_it_an_overall_score():
    text = "At the end she gave it an overall 2. Widespread aching five out of ten today. Swedish 50 minutes full body."
    assert pain(text) == (5, 2)


def test_correction_of_a_side_in_the_next_sentence_leaves_the_score():
    text = ("Her left knee was a two by the end. Coming in the right, sorry, the left knee pain was a six out of ten. "
            "Therapeutic exercise, 20 minutes.")
    assert pain(text) == (6, 2)


def test_correction_opening_the_next_sentence_still_replaces_the_score():
    text = "Neck pain was a six. Sorry, a seven. Swedish to the neck 30 minutes. Neck pain 3/10 after."
    assert pain(text) == (7, 3)


@pytest.mark.parametrize("text", [
    # the range of a measured motion
    "Shoulder pain five out of ten when she came in. Flexion 0 to 110, abduction 0 to 90. "
    "Manual therapy 15 minutes. Three out of ten afterward.",
    # a numbered visit of a package
    "Package visit today #4/10. Shoulder pain five out of ten. Manual therapy 15 minutes. Three out of ten afterward.",
    # a duration restated after a hesitation
    "Shoulder pain five out of ten on arrival. Manual therapy, that was fifteen, yeah, fifteen minutes. "
    "Three out of ten at the end.",
])
def test_numbers_that_are_no_score(text):
    assert pain(text) == (5, 3)


def test_timing_phrase_inside_a_compound_is_no_timing():
    text = "Hamstring strain. Hamstring 4/10 at end-range straight leg raise. Manual therapy 12 min. Post 2/10."
    assert pain(text) == (4, 2)
