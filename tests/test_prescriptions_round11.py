"""Prescriptions, orders and authorisations, round 11 (issue 13): medical-massage notes open with the
physician's order. Phrasings our own.

Classes: an order, prescription, referral or authorisation of a service ("Rx from Dr. X: ...",
"Dr. X Rx: ...", "referral from ...", "authorized for ...", "... 2x/wk x 6 wks") is the plan of care,
not the service done today, so it gives no untimed line; the conditions it names stay the client's;
a service done "per Rx" or "as prescribed" is still done; a bare "Rx:" heading is the treatment given
(physio charting). A number before "x" ("2 x per week") is no pain score, a spelled score over ten
("six/10") is one, and "after session" without an article says the score is the after one.
"""

from __future__ import annotations

import pytest

from models import Context


from tests.reading import lines, pain, run


@pytest.mark.parametrize(
    "text, expected",
    [
        # the order is worded many ways; only today's timed work is a line
        ("Rx from Dr. Amari: myofascial release twice weekly for 5 weeks, thoracic outlet. "
         "Today Swedish to upper back and pecs 40 minutes. Tightness 5/10 before, 3/10 after.",
         [("97124", 40)]),
        ("Dr. Okafor Rx: myofascial release 3x/wk x 4 wks for plantar fasciitis. Visit 2 of 12. "
         "Deep tissue to calves 25 min. 6/10 before, 3/10 after.",
         [("97124", 25)]),
        ("Rx Dr. Benn: massage therapy, neck pain, 1x/week x 8 weeks. Visit 3. "
         "STM to cervical paraspinals 20 min. Neck 5/10 pre, 2/10 post.",
         [("97140", 20)]),
        ("Referral from Dr. Sato for medical massage of the low back. Authorized for 10 visits. "
         "Trigger point release to bilateral QL, 30 min. 7/10 going in, 4/10 after.",
         [("97140", 30)]),
        ("Myofascial release 2 x per week x 6 weeks ordered by Dr. Lund for sciatica. "
         "Swedish massage to lumbar paraspinals and glutes 45 minutes. Back 6/10 before, 3/10 after.",
         [("97124", 45)]),
    ],
)
def test_an_order_is_not_the_service_done(text, expected):
    assert lines(text) == expected


def test_the_ordered_service_raises_no_missing_duration():
    text = ("Rx from Dr. Moreau: medical massage 2x/wk x 6 wks for low back pain. "
            "Deep tissue to lumbar paraspinals 30 min. LBP 6/10 before, 3/10 after.")
    r = run(text)
    assert all(t.minutes is not None for t in r.treatments)


def test_the_conditions_of_the_order_stay_the_clients():
    r = run("Rx from Dr. Moreau: medical massage 2x/wk x 6 wks for low back pain. "
            "Swedish to low back 30 min. 6/10 before, 3/10 after.")
    conditions = [f for f in r.facts if f.kind == "condition"]
    assert conditions and all(f.context == Context.performed for f in conditions)


@pytest.mark.parametrize(
    "text, expected",
    [
        # done according to the order: performed today
        ("Per Rx, myofascial release to R forearm extensors 15 minutes. 5/10 before, 2/10 after.",
         [("97140", 15)]),
        ("STM to upper traps 20 min as prescribed by Dr. Ruiz. 4/10 before, 2/10 after.",
         [("97140", 20)]),
        # physio charting: "Rx:" heads the treatment given
        ("Rx: STM L glute and piriformis 12 min. Post: 3/10. Pre 6/10.", [("97140", 12)]),
    ],
)
def test_work_done_per_the_order_is_still_done(text, expected):
    assert lines(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a frequency after a pain word is no score
        ("Dr. Ito Rx: massage, hip pain, 3 x per week x 4 weeks. Hip rated 6/10 on arrival. "
         "Swedish to hip 30 min. Post 2/10.", (6, 2)),
        # the score spelled out, the scale in digits
        ("Client rates neck six/10 on arrival. Swedish to neck 30 min. 2/10 at end.", (6, 2)),
        ("STM to shoulder 20 min. After session shoulder 1/10 on reaching overhead. Shoulder four/10 on arrival.",
         (4, 1)),
    ],
)
def test_scores_around_orders(text, expected):
    assert pain(text) == expected
