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
