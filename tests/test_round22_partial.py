"""Round 22: a service that was planned (or booked) and then partly done.

A plan's technique is planned and bills nothing on its own. A later sentence that says how much was
actually done ("we got twenty minutes in", "only managed fifteen", "ended up doing twenty-five
minutes") and names no technique of its own makes the plan's technique today's service, with the
minutes and the areas that sentence names; areas the plan named but "never got to" stay out, and a
score said after the change still rates the session's end (extraction/components/realized.py,
extraction/patterns/realized.jsonl).

Phrasings are our own; counter-tests keep plans that were never started, and plans for a later
visit, billing nothing."""

from __future__ import annotations

from billing import bill, load_profiles
from models import RuleId
from tests.reading import lines, pain, run


def _areas(text: str) -> list[list[str]]:
    return [sorted(a.area for a in t.areas) for t in run(text).treatments]


def _flags(text: str, payer: str = "commercial") -> set[RuleId]:
    return {f.id for f in bill(run(text), load_profiles().get(payer)).rule_findings}


CUT_SHORT = ("Marcus, tight hamstrings, came in at a six. The plan was an hour of deep tissue on the hamstrings "
             "and calves. We only got through fifteen minutes on the hamstrings, then his ride showed up early. "
             "Never made it to the calves. He said it eased off a bit, probably a four.")


def test_only_got_through_bills_the_plans_technique_with_the_minutes_done():
    assert lines(CUT_SHORT) == [("97124", 15)]


def test_areas_are_those_reached_not_those_never_got_to():
    assert _areas(CUT_SHORT) == [["hamstrings"]]


def test_score_after_the_cut_short_work_is_the_after_score():
    assert pain(CUT_SHORT) == (6, 4)


def test_cut_short_session_is_flagged_reduced():
    flags = _flags(CUT_SHORT)
    assert RuleId.REDUCED_SERVICE in flags
    assert RuleId.MISSING_DURATION not in flags


def test_minutes_said_after_got_in():
    text = ("Plan was forty-five of myofascial release to the left shoulder. We got maybe, uh, twelve minutes in "
            "on the left shoulder before she felt dizzy and we stopped.")
    assert lines(text) == [("97140", 12)]


def test_ended_up_doing():
    text = ("Planned sixty minutes of Swedish for the neck and upper back. Ended up doing twenty-five minutes "
            "on the upper back, he had a work call he couldn't miss. Pain four before, three after.")
    assert lines(text) == [("97124", 25)]
    assert _areas(text) == [["upper_back"]]


def test_were_able_to_get_in():
    text = ("Plan was thirty minutes of trigger point work for the upper traps. We were able to get in about "
            "eight minutes on the right upper trap before the fire alarm went off.")
    assert lines(text) == [("97140", 8)]


def test_only_managed():
    text = ("The plan was deep tissue on the low back, fifty minutes. Only managed twenty minutes on the low back, "
            "she was called back to the office.")
    assert lines(text) == [("97124", 20)]


# counter-tests: no work done, or a plan for another day -----------------------------------------

def test_plan_never_started_bills_nothing():
    text = ("Plan was forty-five minutes of myofascial release to the right shoulder. She cancelled at the door "
            "with a migraine, no treatment given.")
    assert lines(text) == []


def test_next_time_well_get_minutes_in_bills_nothing():
    text = ("Plan was thirty minutes of deep tissue to the low back. She called in sick this morning. "
            "Next time we'll get thirty minutes in on the low back.")
    assert lines(text) == []


def test_a_plan_for_the_next_visit_is_not_realized_today():
    text = "Next visit: deep tissue to the calves. Today we got twenty minutes in on the neck."
    assert ("97124", 20) not in lines(text)


def test_never_got_to_words_alone_bill_nothing():
    text = "Plan was trigger point work on the glutes. Never got to the glutes, she had to leave."
    assert lines(text) == []


def test_a_technique_done_after_the_plan_keeps_its_own_minutes():
    # the sentence names what was done itself: the plan is not what those minutes were
    text = ("Plan was fifty minutes of deep tissue. We got twenty minutes of Swedish in on the neck, "
            "she was too sore for deep work.")
    assert lines(text) == [("97124", 20)]
    assert [t.technique for t in run(text).treatments] == ["swedish_massage"]


# a service told by reference to the usual ---------------------------------------------------------

def test_went_n_today_instead_of_the_usual_gives_the_minutes_today():
    text = ("Usual routine: twenty-five minutes of Swedish on the shoulders, then trigger point to the right "
            "levator. The levator went fifteen today instead of the usual five, he had been gardening all weekend.")
    assert lines(text) == [("97124", 25), ("97140", 15)]


def test_pain_went_n_today_is_no_minutes():
    text = "Deep tissue on the low back, thirty minutes. Pain went six today, down to three after."
    assert lines(text) == [("97124", 30)]
