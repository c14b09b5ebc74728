"""Transcription-service output, round 11 (issue 13): a dictation that comes back from a
transcription app with timestamps, speaker labels, bracketed markers, lines cut mid-sentence and an
app-written summary above it. Phrasings our own.

Classes: a timestamp in any style is a position in the recording, never minutes nor a clock range
of the session; speaker labels and bracketed markers are no words of the note; a line the service
split mid-sentence is one sentence; the app's summary never adds a service, minutes or a complaint
beside the dictation; a typed note with one clock time or a clock-range flowsheet is no transcript;
how far into a session something happened is no service's time; a range of motion said like a
clock range is degrees.
"""

from __future__ import annotations

import pytest

from extraction import service_format


from tests.reading import lines, run


@pytest.mark.parametrize(
    "text",
    [
        "[00:00:04] Speaker 1: Neck pain, a six today.\n[00:00:19] Speaker 1: Swedish to the neck, twenty minutes.\n"
        "[00:00:31] Speaker 1: Neck a three after.",
        "00:04 - LMT: Neck pain, a six today.\n00:19 - LMT: Swedish to the neck, twenty minutes.\n"
        "00:31 - LMT: Neck a three after.",
        "THERAPIST: (00:04) Neck pain, a six today.\nTHERAPIST: (00:19) Swedish to the neck, twenty minutes.\n"
        "THERAPIST: (00:31) Neck a three after.",
        "Speaker 2: [01:04] Neck pain, a six today.\nSpeaker 2: [01:19] Swedish to the neck, twenty minutes.\n"
        "Speaker 2: [01:31] Neck a three after.",
    ],
)
def test_timestamps_in_any_style_are_no_minutes(text):
    assert lines(text) == [("97124", 20)]


def test_a_timestamp_range_between_lines_is_no_session_length():
    text = ("00:10 - PT: Knee, therapeutic exercise, twelve minutes.\n"
            "00:25 - PT: Gait training in the hallway, ten minutes.\n00:40 - PT: Pain two after.")
    assert lines(text) == [("97110", 12), ("97116", 10)]
    assert run(text).session_minutes in (None, 22)


def test_speaker_labels_and_markers_are_no_words_of_the_note():
    edited = service_format.read(
        "[00:00:02] Client: [laughs] It's a five, honestly.\n[00:00:09] THERAPIST: Okay. [crosstalk] "
        "Deep tissue to the low back (unintelligible) eighteen minutes.\n")
    assert edited is not None
    text = edited.text
    for gone in ("Client", "THERAPIST", "laughs", "crosstalk", "unintelligible", "00:00"):
        assert gone not in text
    assert "It's a five, honestly." in text and "Deep tissue to the low back" in text


def test_evidence_still_points_into_the_transcript_as_received():
    text = ("[00:00:01] Speaker 1: Upper back tight.\n[00:00:08] Speaker 1: Trigger point work to the rhomboids, "
            "twelve\n[00:00:14] Speaker 1: minutes.")
    result = run(text)
    (line,) = result.treatments
    assert line.minutes == 12
    durations = [f for f in result.facts if f.kind == "duration"]
    ev = durations[0].evidence
    ev = ev[0] if isinstance(ev, list) else ev
    assert text[ev.char_start:ev.char_end] == ev.text
    assert ev.text.startswith("twelve")


@pytest.mark.parametrize("cut", ["fourteen\n00:21 - PT: minutes", "fourteen\n[00:00:21] PT: minutes"])
def test_a_line_split_mid_sentence_keeps_its_duration(cut):
    text = f"00:02 - PT: Right ankle sprain.\n00:09 - PT: Balance training on foam, {cut}. Pain a two after."
    text = text.replace("00:02 - PT:", "[00:00:02] PT:") if "[" in cut else text
    assert lines(text) == [("97112", 14)]


def test_the_apps_summary_adds_no_minutes():
    text = ("Summary: 45-minute deep tissue session for the hips.\n\n"
            "[00:00:00] LMT: Hip tightness, a five.\n[00:00:07] LMT: Deep tissue to both hips, twenty-five minutes.\n"
            "[00:00:15] LMT: Down to a two.")
    assert lines(text) == [("97124", 25)]


def test_the_apps_summary_adds_no_service():
    text = ("Summary: Massage and hot stone for back pain.\n\n"
            "00:00 - Speaker 1: Back pain, four out of ten.\n00:06 - Speaker 1: Swedish to the back, thirty minutes.\n"
            "00:13 - Speaker 1: Two after.")
    assert lines(text) == [("97124", 30)]


def test_the_apps_summary_invents_no_complaint():
    text = ("Summary: Relaxation massage for shoulder pain.\n\n"
            "[00:00:00] Speaker 1: Birthday gift session. Nothing hurts, she just wanted to unwind.\n"
            "[00:00:09] Speaker 1: Full body relaxation massage, fifty minutes.\n"
            "[00:00:16] Speaker 1: Very relaxed at the end.")
    result = run(text)
    assert not [f for f in result.facts if f.kind == "condition" and f.area == "shoulder"]
    assert not [f for f in result.facts if f.kind == "pain"]


@pytest.mark.parametrize(
    "text",
    [
        "Seen at 10:15 for low back pain. Deep tissue lumbar 20 min.",
        "10:02 to 10:20 therapeutic exercise, hip strengthening.\n10:20 to 10:35 gait training with a cane.",
        "09:00-09:15 hot pack lumbar\n09:15-09:40 manual therapy lumbar",
        "Therapist: how is the neck?\nClient: a four.\nTherapist: Swedish neck twenty minutes.",
    ],
)
def test_notes_that_are_no_service_transcript_are_left_alone(text):
    assert service_format.read(text) is None


def test_a_clock_range_flowsheet_still_counts_its_minutes():
    text = "10:02 to 10:20 therapeutic exercise, hip strengthening.\n10:20 to 10:35 gait training with a cane."
    assert lines(text) == [("97110", 18), ("97116", 15)]


@pytest.mark.parametrize(
    "text",
    [
        "Swedish full body, fifty minutes. He was snoring about fifteen minutes in.",
        "Swedish full body, fifty minutes. About fifteen minutes into the massage he dozed off.",
    ],
)
def test_how_far_into_a_session_is_no_service_time(text):
    assert lines(text) == [("97124", 50)]


def test_minutes_got_in_before_leaving_are_the_time_done():
    text = "Her ride came early. Swedish to the neck, and we only got about twenty minutes in."
    assert lines(text) == [("97124", 20)]


@pytest.mark.parametrize(
    "said",
    ["Abduction went from one-ten to one-forty.", "Knee flexion improved from ninety-five to one-oh-five degrees."],
)
def test_range_of_motion_said_like_a_clock_range_is_no_minutes(said):
    text = f"Therapeutic exercise eighteen minutes, then joint mobs to the shoulder, ten minutes. {said}"
    assert lines(text) == [("97110", 18), ("97140", 10)]
