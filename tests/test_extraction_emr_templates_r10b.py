"""Issue 13, round 7 (r10b): notes pasted out of an EMR template.

Phrasings written here, none from any corpus. Classes: an unchecked box negates its item (the
service it offers and its blank minute field), a checked one keeps it; text copied forward from
an earlier note is history; the note form's title names a discipline, not a service; free text
that names a checked service's code again tells that service, it starts no second one; a blank
or indented line break ends a sentence, so a header line's trigger stays in its line; bony
landmarks called "head" (radial head) are limb areas, not the head.
"""

from __future__ import annotations

import pytest

from extraction import extract
from extraction.components.templates import box_items, copied_blocks
from models import Region, Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


def billed(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in ex(text).treatments)


# --- checkbox state -------------------------------------------------------------------------------

@pytest.mark.parametrize("unchecked", ["[ ]", "[]", "☐", "( )"])
def test_an_unchecked_box_offers_a_service_that_was_not_given(unchecked):
    text = (f"Knee OA.\n[x] Therapeutic exercise 97110  25 min  quad sets, SAQ\n"
            f"{unchecked} Cold pack 97010  ___ min\n{unchecked} Gait training 97116 __")
    assert billed(text) == [("97110", 25)]


@pytest.mark.parametrize("checked", ["[x]", "[X]", "☑", "[✓]"])
def test_a_checked_box_keeps_its_service(checked):
    text = f"Neck strain.\n{checked} Manual therapy 97140: 12 min, suboccipital release\n[ ] Ultrasound: __"
    assert billed(text) == [("97140", 12)]


def test_boxes_on_one_line_each_govern_their_own_item():
    text = "Modalities: [ ] moist heat  [x] ice pack 10 min to the R knee  [ ] e-stim\nTher ex 20 min, SLR."
    assert billed(text) == [("97010", 10), ("97110", 20)]


def test_an_unchecked_blank_field_raises_no_missing_minutes_but_a_checked_one_does():
    text = ("Ankle sprain.\n[x] Balance training 97112: 14 min\n[x] Ther ex 97110: ____ min\n"
            "    calf raises, towel scrunches\n[ ] Manual 97140: ____ min")
    treatments = ex(text).treatments
    assert sorted((t.cpt, t.minutes) for t in treatments) == [("97110", None), ("97112", 14)]


def test_an_item_runs_over_its_indented_lines_only():
    text = "[ ] Manual therapy: __\n    joint mobs\nHot pack 8 min"
    items = box_items(text)
    assert [(text[s:e].strip(), checked) for s, e, checked in items] == [("Manual therapy: __\n    joint mobs", False)]


def test_a_bracketed_word_in_prose_is_no_box():
    assert box_items("Swedish [light pressure] 30 min to the back") == []


# --- copied-forward text ----------------------------------------------------------------------------

def test_a_copied_forward_banner_block_is_history_up_to_its_closing_line():
    text = ("LBP 5/10.\n== Carried forward from 3/14 ==\nTx: gait training 12 min with SPC\n== end copied text ==\n"
            "[x] Ther ex 97110: 22 min, bird dogs\n[x] Manual 97140: 9 min, lumbar PA glides")
    assert billed(text) == [("97110", 22), ("97140", 9)]


def test_an_inline_copy_is_history_to_the_end_of_its_quotation():
    text = ('Shoulder pain 4/10.\nPrior visit copy (6/2, not repeated): "ultrasound 8 min R supraspinatus"\n'
            "Manual therapy 15 minutes to the right shoulder.")
    assert billed(text) == [("97140", 15)]


def test_a_banner_block_without_a_closer_ends_at_a_blank_line():
    text = "-- copied forward from last visit --\nNMR 10 min on foam\n\nTodays tx: NMR 16 min, tandem walking"
    blocks = copied_blocks(text)
    assert len(blocks) == 1 and "16 min" not in text[blocks[0][0] : blocks[0][1]]
    assert billed(text) == [("97112", 16)]


def test_without_a_copy_phrase_earlier_treatment_words_still_count():
    assert billed("Tx: joint mobs to the L ankle 14 min, then ther ex 10 min.") == [("97110", 10), ("97140", 14)]


# --- the form's title --------------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["MASSAGE THERAPY DAILY NOTE", "Massage Therapy Intake and Session Form",
                                   "MASSAGE SOAP NOTE"])
def test_a_form_title_names_the_discipline_not_a_service(title):
    assert billed(f"{title}\nTrigger point work 20 min to the L upper trap.") == [("97140", 20)]


def test_a_massage_therapy_session_said_in_prose_is_still_a_service():
    assert billed("We did a thirty minute massage therapy session on her back.") == [("97124", 30)]


# --- free text telling a checked service again -----------------------------------------------------------

def test_free_text_under_the_boxes_tells_the_checked_service_again():
    text = ("[x] Swedish massage 97124   45 min   back, legs\n[ ] Deep tissue __\n\n"
            "Comments: gentle Swedish throughout, long strokes over the hamstrings, client relaxed.")
    treatments = ex(text).treatments
    assert [(t.cpt, t.minutes) for t in treatments] == [("97124", 45)]


def test_free_text_naming_a_service_with_no_box_still_starts_it():
    text = "[x] Ther ex 97110: 20 min, step-ups\n\nNarrative: also manual therapy 10 min to the knee."
    assert billed(text) == [("97110", 20), ("97140", 10)]


# --- line breaks end a sentence ----------------------------------------------------------------------------

def test_a_header_triggers_scope_ends_at_a_blank_line():
    text = "Order: massage per her physician\n\nS: neck 6/10 on arrival. Myofascial release 20 min to the neck. Neck 2/10 after."
    extraction = ex(text)
    assert extraction.pain_before is not None and extraction.pain_before.score == 6


# --- bony landmarks called "head" -----------------------------------------------------------------------------

@pytest.mark.parametrize("landmark", ["radial head", "humeral head", "fibular head", "metatarsal heads"])
def test_a_bone_head_is_a_limb_area(landmark):
    treatments = ex(f"Joint mobs to the {landmark} 12 min.").treatments
    regions = {r for t in treatments for a in t.areas for r in a.regions}
    assert Region.head not in regions and regions <= {Region.upper_extremity, Region.lower_extremity} and regions
