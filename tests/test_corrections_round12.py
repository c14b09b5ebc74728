"""Round 12: a supervisor's bracketed correction in a student's note replaces what it corrects.

A clinical instructor or supervising PT co-signs a trainee's note and writes corrections into it
("[CI: 18 min by the clock, not 20]"): the corrected figure, area or word is what was done and
billed, the comment is never a second service, and the corrected fact's evidence points at the
comment. Phrasings are our own, not the blind corpus's."""

from __future__ import annotations

import pytest

from extraction import supervisor
from extraction.dictation import Edited
from tests.reading import lines, pain, run


@pytest.mark.parametrize("comment", [
    "[CI: 18 min by the clock, not 20.]",
    "[CI note: it was 18 min.]",
    "[Supervising PT: ther ex was 18 minutes, not 20]",
    "(Clinical instructor - 18 min, not 20.)",
    "[CI comment: 18 min not 20 -- pt rested between sets.]",
])
def test_corrected_minutes_replace_the_students(comment):
    note = f"Ther ex 20 min: bridges, clamshells, SLR. {comment}\nGait training 10 min with SPC."
    assert lines(note) == [("97110", 18), ("97116", 10)]


def test_the_corrected_minutes_change_the_units():
    # 24 + 8 = 32 min; corrected to 22 + 8 = 30: ther ex falls from two units to one and manual keeps its one
    note = "TherEx x24 min: step-ups, mini squats. [CI: 22 min per the timer, not 24.] Manual therapy 8 min, patellar mobs."
    assert lines(note) == [("97110", 22), ("97140", 8)]


def test_the_correction_names_the_wrong_figure_among_several():
    note = ("Hot pack lumbar 10 min. Ther ex 25 min: pelvic tilts, bird dogs. "
            "Manual 12 min to lumbar paraspinals. [CI: 9 min, not 12.]")
    assert lines(note) == [("97010", 10), ("97110", 25), ("97140", 9)]


def test_minutes_only_correction_takes_the_minutes_just_before_it():
    note = "Ultrasound 1 MHz to R shoulder, 6 min. Ther ex 15 min: pendulums, wall walks. [CI: it was 12 min.]"
    assert lines(note) == [("97035", 6), ("97110", 12)]


def test_a_supervisors_added_service_is_no_correction():
    note = "STM to L upper trap 9 min. [CI: I also did 8 min of first rib mobs on this pt.]"
    got = lines(note)
    assert ("97140", 9) in got  # the student's minutes stand


def test_rest_minutes_inside_the_correction_make_no_service():
    note = "Balance training 14 min: tandem walking, foam stance. [CI: balance was 11 min, not 14 - he sat 3 min mid-session.]"
    assert lines(note) == [("97112", 11)]


def test_a_region_correction_moves_the_service():
    note = ("Swedish massage to neck x 25 min. Trigger point release to rhomboids x 10 min. "
            "[CI: the trigger point work was on the levator scapulae, not the rhomboids.]")
    regions = {r for t in run(note).treatments for a in t.areas for r in a.regions}
    assert "thoracic" not in regions and "cervical" in regions


def test_a_comment_that_corrects_nothing_is_left_alone():
    note = "Ther ex 23 min: heel slides, quad sets. [CI: agree, nice cueing.]"
    assert lines(note) == [("97110", 23)]


def test_a_correction_said_without_a_supervisor_is_not_applied_here():
    # no supervisor's name in the bracket: a student's own aside, read as written
    note = "Ther ex 23 min: heel slides, quad sets (not 20 as planned)."
    assert lines(note) == [("97110", 23)]


def test_evidence_of_the_corrected_minutes_points_at_the_comment():
    note = "Gait training 14 min with RW. [CI: 11 min, not 14.]"
    r = run(note)
    (tr,) = r.treatments
    assert tr.minutes == 11
    comment_at = note.index("[CI")
    ends = [e.char_end for e in tr.evidence]
    assert any(end > comment_at for end in ends)


def test_text_edit_keeps_the_rest_of_the_note():
    ed = supervisor.apply(Edited.same("Manual 10 min [CI: 7 min, not 10]. Pain 2/10 after."))
    assert ed.text == "Manual 7 min. Pain 2/10 after."
    assert supervisor.apply(Edited.same("Manual 10 min. CI: co-signed.")).changed is False


@pytest.mark.parametrize("title", ["Massage intern note -- client 40 M.", "PT student daily note", "LMT student session note"])
def test_a_trainees_note_title_is_no_service(title):
    note = f"{title}\nSwedish massage to back 30 min."
    assert [c for c, _ in lines(note)] == ["97124"]


def test_a_measured_angle_is_no_pain_score():
    note = "Knee pain 5/10 at start. Ther ex 30 min. Pain 3/10 after. Knee flexion 115 deg."
    assert pain(note) == (5, 3)


def test_the_clinicians_hand_placement_is_no_treated_hand():
    note = "CI performed cervical lateral glides 8 min to demo hand placement for me."
    regions = {r for t in run(note).treatments for a in t.areas for r in a.regions}
    assert "upper_extremity" not in regions
