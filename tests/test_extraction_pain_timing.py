"""Pain scores the way they are really charted and spoken (issue 13, round 2), in phrasings of
our own: run-on "pain six to three", postfix pairs, non-native and chatty wording, a score about a
previous visit, a score tied to an activity, "no pain"/"gone" at the end read as 0, and numbers
that are counts rather than scores.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Context, PainFact, Transcript


def pain(text: str) -> tuple[int | None, int | None]:
    result = extract(Transcript.from_text(text))
    return (result.pain_before and result.pain_before.score, result.pain_after and result.pain_after.score)


def scores(text: str) -> list[tuple[int, str]]:
    return [(f.score, f.context.value) for f in extract(Transcript.from_text(text)).facts if isinstance(f, PainFact)]


# --- scores missed entirely -------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        # lowercase run-on dictation: a falling pair after the pain word is before -> after
        ("swedish upper back twenty five minutes. back pain eight to four moving better", (8, 4)),
        ("heat to the neck ten minutes then stretching fifteen. pain nine - five after", (9, 5)),
        ("te twenty minutes knee. knee pain six down to two", (6, 2)),
        # a rising pair is a range, never an improvement: only its first value is a score
        ("knee pain three to four today. te twenty minutes.", (3, None)),
        # the timing said after each number
        ("ice to the ankle ten minutes. pain six before two after", (6, 2)),
        ("nmr fifteen minutes balance. pain 7 pre, 3 post.", (7, 3)),
        # start and end verbs
        ("hamstrings tight, pain began at a six and ended at a two. sports massage 40 min.", (6, 2)),
        ("sore shoulder, pain started out a four then finished a one, massage 30 minutes", (4, 1)),
        # a score with "today" as its clause
        ("right elbow pain, eight today. friction fifteen minutes.", (8, None)),
        # a score at the end of the session
        ("Neck pain 6/10. Swedish 40 min. Two by the end of the session.", (6, 2)),
    ],
)
def test_scores_said_without_the_usual_cues(text, expected):
    assert pain(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # non-native: "she say N", "pain before he say N", "after also N"
        ("Patient have pain in the knee, she say five. Massage knee twenty minute. After she say two.", (5, 2)),
        ("Pain before he say eight. Stretching hip twenty minute. Pain after is four.", (8, 4)),
        ("Mrs. Ito no pain today, zero. Exercise thirty minute. After also zero.", (0, 0)),
        # chatty: "said it was a N" needs no pain word; a body part as the subject carries it
        ("Sam, calves. He said it was a seven running hills. Sports massage 45 minutes.", (7, None)),
        ("Ana, the hip was an eight yesterday climbing stairs. Swedish 50 minutes. She was a three at the end.",
         (8, 3)),
        ("Her wrist came in at like a six. Friction ten minutes. Down to a two when she left.", (6, 2)),
    ],
)
def test_non_native_and_chatty_scores(text, expected):
    assert pain(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Low back pain 5/10. Deep tissue 40 minutes. Pain was completely gone when he got up.", (5, 0)),
        ("Neck pain, she's a four. Swedish 30 min. By the end she had no pain turning, like zero.", (4, 0)),
        ("Shoulder pain 6/10. MFR 20 minutes. Said the pain's basically resolved, zero.", (6, 0)),
    ],
)
def test_no_pain_or_gone_at_the_end_is_zero_after(text, expected):
    assert pain(text) == expected


def test_an_appositive_number_needs_a_pain_word_in_its_sentence():
    assert pain("Swedish to the back 30 minutes, legs, two.") == (None, None)


# --- before and after swapped -----------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        # "now" said first is the present complaint, said after an earlier score the result
        ("Pain now is six when he turns his head. Massage neck 25 minutes. Pain after two.", (6, 2)),
        ("Neck pain was a 6. Massage 25 minutes. Now 3.", (6, 3)),
        # an opening score with no cue, ahead of a score placed after by position
        ("Runner, hamstrings heavy, 4/10. Sports massage 30 minutes. Felt great, 1/10.", (4, 1)),
        ("Hip, achy, 5/10. Walked on the treadmill 10 min. Deep tissue 30 minutes to glutes. Left at 2/10.", (5, 2)),
    ],
)
def test_before_and_after_are_not_swapped(text, expected):
    assert pain(text) == expected


# --- whose score, and of what ------------------------------------------------------------------

def test_a_score_of_a_previous_visit_is_historical():
    text = ("So at her last visit, back in March, she was a nine in the neck and we did cupping. "
            "Today she came in at a four. Swedish neck 30 minutes. A one at the end.")
    assert pain(text) == (4, 1)
    assert (9, Context.historical.value) in scores(text)


def test_a_previous_visit_named_mid_sentence_does_not_swallow_today():
    # only a frame that opens its sentence reaches over commas
    assert pain("Same routine as last time, neck pain 5/10, Swedish 30 min, 2/10 after.") == (5, 2)


@pytest.mark.parametrize(
    "text, expected",
    [
        # "after <activity>" names when it hurts, not the end of the session
        ("S: R knee 6/10 after squatting at work. TE 25 min. A: R knee 3/10 post.", (6, 3)),
        ("Back pain 5/10 after lifting boxes. Massage 30 min. Back 2/10 after.", (5, 2)),
        # but "after" a treatment is the after score
        ("Back pain 7/10. Hot pack 10 min. Reported 5/10 following the hot pack.", (7, 5)),
    ],
)
def test_a_score_tied_to_an_activity_is_the_complaint(text, expected):
    assert pain(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a count's label ("week six", "day 3", "grade 3") is no score
        ("ACL reconstruction week six after surgery, knee pain 3/10 at the start. TE 30 min. 1/10 after.", (3, 1)),
        ("Post-op day 4 after the knee scope. Pain 6/10. Ice 10 min.", (6, None)),
        # "N of 10": the 10 is the scale, whatever follows
        ("Neck pain 5 of 10 by the end of the workday. Swedish 30 min. 2 of 10 after.", (5, 2)),
        # "came in with one" is a headache, not a score of 1
        ("She came in with one, a migraine, said it was a seven. Craniosacral 30 min. Down to a three.", (7, 3)),
    ],
)
def test_numbers_that_are_not_this_clients_scores(text, expected):
    assert pain(text) == expected
