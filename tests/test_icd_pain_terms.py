"""ICD-10-CM's own words for spinal pain, written in a chief complaint, are the complaint (issue 13).

A charted note often heads with the diagnosis word rather than "neck pain": "CC: cervicalgia",
"Dx lumbago", "dorsalgia". They are the code set's descriptors (M54.2 Cervicalgia; lumbago is an
inclusion term of M54.5-, low back pain; M54.9 Dorsalgia, unspecified), so they are pain of their
area (conditions.jsonl). Phrasings written here, none from any corpus.
"""

from __future__ import annotations

from datetime import date

import pytest

from extraction import extract
from models import ConditionFact, Transcript
from scribe.analysis import analyse


def diagnoses(text: str) -> list[str]:
    _, _, claim, _ = analyse(Transcript.from_text(text), payer="commercial", date_of_service=date(2026, 3, 2),
                             use_data_dir=False)
    return [d.code for d in claim.diagnoses]


@pytest.mark.parametrize(
    "text, area",
    [
        ("CC: cervicalgia after a long drive. Swedish to the neck 30 min.", "neck"),
        ("Dx lumbago per PCP. Deep tissue lumbar paraspinals 25 min.", "low_back"),
        ("Chronic lumbalgia, worse mornings. MFR to the low back for 20 minutes.", "low_back"),
    ],
)
def test_icd_pain_word_is_pain_of_its_area(text, area):
    conditions = [f for f in extract(Transcript.from_text(text)).facts if isinstance(f, ConditionFact)]
    assert any(c.condition == "pain" and c.area == area for c in conditions)


def test_cervicalgia_with_tightness_is_coded_as_neck_pain():
    text = "CC: cervicalgia, traps tight from screen work. 5/10. Swedish to the neck and upper traps 30 min. Post 2/10."
    assert "M54.2" in diagnoses(text)
