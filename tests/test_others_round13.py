"""Other people's care, retractions, findings and package items, round 13 (issue 13). Phrasings our own.

Classes: what a nurse, aide, OT, athletic trainer, chiropractor or the last PT did is someone
else's service, though teaching or working alongside one of them is still ours; "no wait, that
was Monday" retracts what was said before it; a bare technique noun graded by a finding word
("poor balance") and a technique word followed by a finding participle ("trigger points
palpated") are findings; package items "none used today" are not today's; a number right after a
measured motion ("abd 110") is degrees, never Whisper's run-together score.
Each class has a counter-test where the service or score stands.
"""

from __future__ import annotations

import pytest

from tests.reading import lines, pain


@pytest.mark.parametrize(
    "text, expected",
    [
        # other people's care
        ("Home visit. The aide gave her a bed bath and then did range of motion to both arms. "
         "Therex 18 min, marching and heel raises.",
         [("97110", 18)]),
        ("Seen after lunch. The OT worked on tub transfers with him this morning. Gait training 25 min in the hall.",
         [("97116", 25)]),
        ("Knee still puffy. Her ATC taped the patella and iced it at practice. Therex 22 min, quad sets and step downs.",
         [("97110", 22)]),
        ("The wound care nurse changed the dressing and she wrapped the compression on the shin. "
         "Manual lymph drainage to the right leg 30 minutes.",
         [("97140", 30)]),
        # counter-tests: our own work with the team member present or taught
        ("Taught the home health aide safe transfers bed to chair 12 min. Gait training 15 min.",
         [("97116", 15), ("97530", 12)]),
        ("Gait training with the nurse present, 20 min, rolling walker.",
         [("97116", 20)]),
    ],
)
def test_other_peoples_care(text, expected):
    assert lines(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ultrasound to the left elbow first, no wait, that was on Thursday, not today. Therex 20 min for the wrist extensors.",
         [("97110", 20)]),
        ("Cold pack to the knee, sorry, that was last visit. Neuro re-ed 12 minutes, single leg stance.",
         [("97112", 12)]),
        # counter-test: a plain self-correction of minutes keeps the service
        ("Manual 10, no sorry, 14 minutes to the right hip. Therex 16 min.",
         [("97110", 16), ("97140", 14)]),
    ],
)
def test_retracted_to_a_past_visit(text, expected):
    assert lines(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Impaired balance on the foam, unsteady gait with turns. Therex 30 min for the hips.",
         [("97110", 30)]),
        ("TrPs palpable in the left upper trap. Massage 25 min to the neck and upper trap.",
         [("97124", 25)]),
        # counter-tests: the service named with its own words stands
        ("Balance training 12 min on the foam pad, gait training 15 min with a cane.",
         [("97112", 12), ("97116", 15)]),
        ("Trigger point release to the left upper trap 10 min, then therex 20 min.",
         [("97110", 20), ("97140", 10)]),
    ],
)
def test_findings_are_no_service(text, expected):
    assert lines(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Her plan comes with two cupping add-ons, none used today. Swedish 50 min, full body.",
         [("97124", 50)]),
        # counter-test: an add-on used today is a service
        ("Cupping add-on used today, 10 min to the upper back. Massage 30 min.",
         [("97124", 30), ("97140", 10)]),
    ],
)
def test_package_items_unused(text, expected):
    assert lines(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Shoulder 6/10 reaching up. Mobs 15 min. After: 3/10, abd 110 -> 125.", (6, 3)),
        ("Knee a 5 on stairs. Therex 20 min. After session 4/10, flexion 110 deg.", (5, 4)),
        # counter-test: Whisper's run-together score after a pain word still reads
        ("Pain 710 at the start. Massage 30 min. Pain now 310 after.", (7, 3)),
    ],
)
def test_measured_motion_number_is_no_score(text, expected):
    assert pain(text) == expected
