"""Ambient session recordings, round 10 (issue 13): the recogniser writes down the whole room and
the therapist closes with a short dictated wrap-up. Phrasings our own.

Classes: a wrap-up opened by a bare "Dictating." / "Note." / "For the record:" sentence is one;
a service said in the talk before it (with or without minutes, future tense included) is the
wrap-up's service, not a second one; a past-tense timed block after the work absorbs the untimed
mentions it names again; a score quoted from a relative is not the client's; a checklist
question answered "no, nothing" is no complaint.
"""

from __future__ import annotations

import pytest



from tests.reading import lines, pain, run


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Roll onto your side. Some myofascial release along the lateral calf now. Breathe. "
         "Dictating. Myofascial release left lateral calf, twenty minutes.",
         [("97140", 20)]),
        ("Lie back, I'll do the ultrasound over the wrist. Warm? Yes. "
         "Note. Ultrasound right wrist, eight minutes.",
         [("97035", 8)]),
        ("Okay, bridges and clamshells, ten each. Good. "
         "Okay, for the record: therapeutic exercise, hip strengthening, fifteen minutes.",
         [("97110", 15)]),
        ("Therapist: Swedish on the shoulders now.\nClient: Lovely.\n"
         "Therapist: Dictating, commercial. Swedish massage shoulders, thirty minutes.",
         [("97124", 30)]),
    ],
)
def test_a_bare_dictating_sentence_opens_the_wrap_up(text, expected):
    assert lines(text) == expected


def test_the_words_said_inside_a_sentence_open_no_wrap_up():
    # "just for the record." is talk: the untimed service before it still waits for its minutes
    text = ("Trigger point on the left glute. I told my boss, just for the record. "
            "Swedish to the back thirty minutes.")
    assert ("97140", None) in lines(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # future tense with minutes, restated with the same minutes in the wrap-up: one service
        ("I'm going to spend about twelve minutes on that calf with some soft tissue work. Okay. "
         "Dictation. Soft tissue mobilization left calf, twelve minutes.",
         [("97140", 12)]),
        # another technique of the same code, same minutes and region: restated, not added
        ("Joint mobs on the neck, about eight minutes. Good. Note: manual therapy cervical "
         "mobilization, eight minutes.",
         [("97140", 8)]),
    ],
)
def test_a_timed_mention_the_wrap_up_restates_is_not_added(text, expected):
    assert lines(text) == expected


def test_a_timed_service_on_another_region_stays_beside_the_wrap_up():
    text = ("Cupping on the right shoulder, ten minutes. Note: deep tissue low back twenty minutes, "
            "manual therapy lumbar mobilization twelve minutes.")
    assert ("97140", 10) in lines(text) and ("97140", 12) in lines(text)


def test_a_later_past_tense_block_absorbs_the_mentions_it_names_again():
    text = ("Okay, I'll start with soft tissue on the rhomboids and some mobilization of the thoracic spine. "
            "Breathe out. Good. So that was twenty minutes of soft tissue and mobilization on the mid back.")
    assert lines(text) == [("97140", 20)]


def test_a_mention_the_later_block_does_not_name_still_waits():
    text = ("Cupping to the calf first. Then, that was twenty minutes of Swedish on the back.")
    assert ("97140", None) in lines(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("How's the family? My son wrecked his ankle at soccer, he says it's an eight. "
         "And you? My neck is a four right now. Okay, face down. Swedish neck twenty minutes. "
         "How's the neck? A two.", (4, 2)),
        ("My wife's knee is acting up, she said it was a seven this morning. "
         "Your shoulder? About a five. Trigger point to the shoulder fifteen minutes. Now a three.", (5, 3)),
    ],
)
def test_a_score_quoted_from_a_relative_is_not_the_clients(text, expected):
    assert pain(text) == expected


def test_the_client_quoted_in_the_third_person_keeps_her_score():
    assert pain("Client reports neck pain, she says it's a six. Swedish neck thirty minutes.")[0] == 6


def test_im_going_to_put_a_hot_pack_on_is_done_now():
    text = ("Okay, I'm going to put a hot pack on your low back for ten minutes while we talk. "
            "Heat's off. Now some soft tissue on the low back, that was fifteen minutes.")
    assert ("97010", 10) in lines(text)


def test_a_checklist_question_answered_no_nothing_is_no_complaint():
    from billing.documentation import medical_necessity_findings
    text = ("Anything hurting, any injuries, surgeries, anything at all? No, nothing, I just want to unwind. "
            "Note. Full body Swedish relaxation massage, sixty minutes.")
    assert [f.id for f in medical_necessity_findings(run(text), billed=True)] == ["NOT_MEDICALLY_NECESSARY"]
