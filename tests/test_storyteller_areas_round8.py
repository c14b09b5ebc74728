"""Issue 13, round 8 (w38's voice): long first-person story notes where areas are named that
were not worked.

Classes: the therapist's own hands, thumbs, fingers, forearms and elbows as the tools of the
work; how the tissue answered ("her shoulders settled back"); 'back' as an adverb after
'nothing' or a body part moved; a landmark bounding a stroke ("to the top of the pelvis"); a
copy-forward phrase used as an ordinary verb inside a sentence. Phrasings are written here,
none from any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript


def areas_of(text: str) -> list[set[str]]:
    return [{a.area for a in t.areas} for t in extract(Transcript.from_text(text)).treatments]


@pytest.mark.parametrize("text, tool", [
    ("Twenty minutes of deep tissue to the glutes, leaning in with my elbow until the knot gave.", "elbow"),
    ("Fifteen minutes of myofascial release to the calf, my forearm gliding slowly.", "forearm"),
    ("Deep tissue for 30 minutes, forearms along the thoracic paraspinals.", "forearm"),
    ("Ten minutes of trigger point work on the levator, plain thumb pressure, held and released.", "hand"),
    ("Trigger point therapy to the suboccipitals for 12 minutes until they eased under my fingers.", "hand"),
    ("Twenty minutes of Swedish to the hamstrings with palm compressions throughout.", "hand"),
    ("Myofascial release, 15 minutes, to the plantar fascia, thumbs spreading it from the heel.", "hand"),
    ("Thirty minutes of deep tissue, thumbs and forearms working the lumbar erectors.", "forearm"),
])
def test_the_therapists_own_body_is_a_tool_not_an_area_treated(text, tool):
    found = areas_of(text)
    assert found and found[0], "the area worked is still found"
    assert tool not in found[0]


def test_a_clients_hand_or_forearm_worked_on_is_still_an_area():
    assert "forearm" in areas_of("Eight minutes of pin and stretch on her right forearm extensors.")[0]
    assert "hand" in areas_of("Ten minutes of myofascial release to her left hand and palm.")[0]


def test_an_area_that_answers_the_work_is_an_outcome_not_an_area_worked():
    found = areas_of("Fifteen minutes of myofascial release over both pecs, and her shoulders settled back onto the table.")
    assert found == [{"pectorals"}]


def test_back_as_an_adverb_is_no_back():
    assert areas_of("Forty minutes of Swedish massage, slow, the kind of touch that asks nothing back.") == [set()]
    found = areas_of("Eight minutes of pin and stretch on the forearm flexors, taking the wrist back each time.")
    assert "back" not in found[0]


def test_the_top_of_the_pelvis_bounds_a_back_stroke():
    found = areas_of("Swedish for 40 minutes over the whole back, from the shoulder blades to the top of the pelvis.")
    assert "pelvis" not in found[0] and "back" in found[0]


def test_pulled_forward_inside_a_sentence_opens_no_copied_block():
    text = ("Fifty minutes of prenatal massage to the low back and glutes, where everything is being pulled "
            "forward. She said the back was a two afterwards.")
    ex = extract(Transcript.from_text(text))
    assert [t.minutes for t in ex.treatments] == [50]


def test_a_copy_forward_banner_still_marks_its_block_historical():
    text = "-- Carried forward from last visit --\nSwedish 30 min to the neck\n\nToday: trigger point 10 min to the QL."
    ex = extract(Transcript.from_text(text))
    assert [t.minutes for t in ex.treatments] == [10]
