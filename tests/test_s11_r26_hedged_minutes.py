"""Round 26: minutes said whole, then hedged with a second count ("about twenty minutes, maybe
twenty-two"; "fifteen minutes in, more like eighteen"), are one block restated, not two blocks.
A hedge whose number opens a new service ("..., maybe ten minutes of stretching") stays a block."""

from extraction import extract
from models import Context, Transcript


def _minutes(text: str) -> list[tuple[int, str]]:
    facts = extract(Transcript.from_text(text)).facts
    return [(f.minutes, f.context.value) for f in facts if f.kind == "duration"]


def test_maybe_after_whole_minutes_restates_them():
    got = _minutes("Deep tissue to the upper back, roughly fifteen minutes, maybe eighteen.")
    assert got == [(15, Context.negated.value), (18, Context.performed.value)]


def test_hedge_after_minutes_in_restates_them():
    got = _minutes("We only managed about 25 minutes in, maybe 27, then she had to leave.")
    assert (25, "negated") in got and (27, "performed") in got


def test_more_like_after_whole_minutes_restates_them():
    got = _minutes("Myofascial release on the calf, ten minutes, more like twelve.")
    assert got == [(10, "negated"), (12, "performed")]


def test_hedged_count_with_its_own_service_is_a_second_block():
    got = _minutes("Swedish to the legs 30 minutes, maybe 10 minutes of stretching at the end.")
    assert got == [(30, "performed"), (10, "performed")]


def test_hedge_between_services_of_a_list_retracts_nothing():
    got = _minutes("Heat 10 min, ultrasound 8 min, maybe 6 min of manual work after.")
    assert all(c == "performed" for _, c in got)


def test_restated_minutes_bill_once():
    ex = extract(Transcript.from_text("Swedish massage to the low back, about twenty minutes, maybe twenty-two. "
                                      "Pain 6/10 before, 3/10 after."))
    minutes = sorted(t.minutes for t in ex.treatments if t.minutes)
    assert minutes == [22]
