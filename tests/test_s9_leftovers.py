"""Three leftovers of session 9 (issue 13), each a mechanism with its words kept as data.

- EMR field lists: a line "Area: ..." / "Areas: ..." / "Body part: ..." among "Technique:" and
  "Duration:" lines is the service's own field, like "Areas treated:": its areas belong to the
  service and the minutes on a later field line still reach it (linking.py ``_area_field``; the
  labels are the area column names of templates.jsonl, ``table_area``).
- EMR total lines without units: "TTM 37", "TTT: 45", "Total timed min: 37" are the timed total
  or the session length, never a service's minutes.
- Someone else's pain, named by first name: "Rob's knee is bothering him, a six" in a note about
  another client is not the client's complaint or score.
Phrasings written here, none from any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def _treatments(text: str):
    return extract(Transcript.from_text(text)).treatments


def _one(text: str):
    trs = _treatments(text)
    assert len(trs) == 1, trs
    return trs[0]


# --- 1. area field lines -------------------------------------------------------------------------

@pytest.mark.parametrize("label", ["Area", "Areas", "Region", "Body part", "Location", "Site"])
def test_area_field_line_gives_its_areas_and_keeps_the_minutes_below(label):
    tr = _one(f"Client: R. Okafor\nTechnique: Swedish\n{label}: mid back, shoulders\n"
              "Duration: 45 min\nPressure: light to moderate")
    assert tr.minutes == 45
    assert {a.area for a in tr.areas} == {"upper_back", "shoulder"}


def test_area_field_before_the_technique_line_is_that_techniques():
    tr = _one("Area: lower back\nTechnique: deep tissue\nDuration: 35 min\nPressure: firm")
    assert tr.minutes == 35
    assert [a.area for a in tr.areas] == ["low_back"]


def test_area_fields_of_two_service_blocks_stay_with_their_own_block():
    trs = _treatments("Technique: MFR\nRegion: left shoulder\nDuration: 12 min\n\n"
                      "Technique: Swedish\nAreas: neck, calves\nDuration: 28 min")
    assert [(t.technique, t.minutes, sorted(a.area for a in t.areas)) for t in trs] == [
        ("myofascial_release", 12, ["shoulder"]), ("swedish_massage", 28, ["calf", "neck"])]


@pytest.mark.parametrize("text", [
    "**Technique:** Swedish\n**Area:** low back\n**Duration:** 50 min",
    "- Technique: Swedish\n- Area: low back\n- Pressure: medium\n- Duration: 50 min",
])
def test_area_field_in_bold_or_bulleted_exports(text):
    tr = _one(text)
    assert (tr.minutes, [a.area for a in tr.areas]) == (50, ["low_back"])


# --- 2. EMR totals without units -----------------------------------------------------------------

def _durations(text: str):
    ex = extract(Transcript.from_text(text))
    return ex, [(f.minutes, f.session_length, f.timed_total) for f in ex.facts if f.kind == "duration"]


def test_ttm_and_ttt_on_one_line_are_the_timed_total_and_the_session_length():
    ex, durs = _durations("Ther ex 25 min\nNMR 16 min\nGame ready 10 min\nTTM 41 / TTT 52")
    assert (41, True, True) in durs and (52, True, False) in durs
    assert ex.session_minutes == 52
    assert [t.minutes for t in ex.treatments] == [25, 16, 10]


def test_ttt_with_a_colon_alone_is_the_session_length():
    ex, durs = _durations("Ther ex 8 min, pt educated on posture.\nTTT: 35")
    assert durs[-1] == (35, True, False)
    assert ex.session_minutes == 35
    assert [t.minutes for t in ex.treatments] == [8]


def test_ttt_before_ttm_on_one_line():
    ex, durs = _durations("Gait trng 14 min, ther act 19 min. TTT 40, TTM 33")
    assert (40, True, False) in durs and (33, True, True) in durs
    assert ex.session_minutes == 40
    assert [t.minutes for t in ex.treatments] == [14, 19]


@pytest.mark.parametrize("line", ["Tot timed min: 33", "Total tx min 40", "TTM: 33"])
def test_abbreviated_total_lines_are_no_service_minutes(line):
    ex, durs = _durations(f"Ther ex 21 min\nManual 12 min\n{line}")
    assert [t.minutes for t in ex.treatments] == [21, 12]
    assert durs[-1][1] is True  # a total, never a third block of the manual therapy


# --- 3. someone else's pain, named by first name ---------------------------------------------------

def _said_of(text: str):
    ex = extract(Transcript.from_text(text))
    return ex, {(f.kind, f.evidence.text): f.context.value for f in ex.facts if f.kind in ("area", "pain", "condition")}


def test_another_named_persons_knee_and_score_are_not_the_clients():
    ex, ctx = _said_of("Priya in today. Dev's left knee is sore again, he says a six, he's booked next week. "
                       "She just wanted to unwind, Swedish 50 min.")
    assert {c for (kind, _), c in ctx.items() if kind in ("area", "pain")} == {"other_person"}
    assert ex.pain_before is None


def test_a_woman_named_in_a_mans_visit_is_told_apart_too():
    ex, ctx = _said_of("Marcus came in for his usual. Anna's neck is killing her, she rates it an eight. "
                       "He had low back pain 4/10, Swedish 60 min, his back felt looser.")
    assert ctx[("area", "neck")] == "other_person"
    assert ctx[("condition", "low back pain")] == "performed"
    assert ex.pain_before is not None and ex.pain_before.score == 4


def test_the_clients_own_name_in_the_possessive_stays_the_clients():
    ex, ctx = _said_of("Priya in today. Priya's left knee is a six, she says. Swedish 50 min.")
    assert ctx[("pain", "is a six")] == "performed"
    assert ex.pain_before.score == 6


def test_a_named_possessive_without_a_pronoun_of_the_other_gender_is_left_to_the_client():
    # one pronoun for everyone: nothing tells the name from the client, so the score stays hers
    ex, ctx = _said_of("Seen at Lakeside today. Nora's low back was a five, she says. Swedish 60 min, she relaxed.")
    assert ctx[("pain", "was a five")] == "performed"


def test_an_eponym_before_a_finding_is_no_person():
    ex, ctx = _said_of("Client: Maria Lopez. Tinel's sign positive at the wrist, he said it tingles; "
                       "she says her wrist is a five. MFR 20 min.")
    assert all(c == "performed" for (kind, _), c in ctx.items() if kind == "area")


def test_relaxation_visit_with_a_relatives_named_complaint_is_not_medically_necessary():
    from datetime import date

    from scribe.analysis import analyse
    _, _, _, findings = analyse(Transcript.from_text(
        "House call for the Okafors. Just Grace today. Emeka's neck is acting up, he says a six, "
        "but he isn't booked till next week. Grace is here purely to relax, no pain. "
        "Full body Swedish 60 minutes. She fell asleep."), payer="commercial",
        date_of_service=date(2026, 3, 2), use_data_dir=False)
    assert "NOT_MEDICALLY_NECESSARY" in {f.id for f in findings}
