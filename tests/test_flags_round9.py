"""Issue 13, round 9: claim flags raised or missed because a fact upstream was read wrongly.

Classes: a complaint that belongs to a relative the note introduced ("her son ... his migraines");
a pain heading in markdown that only labels a zero; "nothing hurts anywhere" said as the reason
for a relaxation visit; a device or an anatomical name that carries a technique word ("massage
gun", "IT band"); a rehab phase named by its exercise; a service the client asked about and the
therapist does not offer; minutes after a bracketed aside. Phrasings are written here, none from
any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Context, FactKind, Transcript
from scribe.analysis import analyse


def ex(text: str):
    return extract(Transcript.from_text(text))


def treatments(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in ex(text).treatments]


def flags(text: str, payer: str = "commercial") -> set[str]:
    _, _, _, found = analyse(Transcript.from_text(text), payer=payer, date_of_service=None, use_data_dir=False)
    return {f.id.value for f in found}


def condition_contexts(text: str) -> dict[str, Context]:
    return {c.evidence.text.lower(): c.context for c in ex(text).facts_of(FactKind.condition, context=None)}


# --- whose complaint ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, condition",
    [
        ("Her son drove her over; he's off work with his sciatica again. Swedish full back, 50 min.", "sciatica"),
        ("His wife booked this for him because her migraines keep her up at night. Relaxation massage, 60 minutes.",
         "migraines"),
        ("Her boyfriend came along, his low back pain is acting up. She just wanted to relax.", "low back pain"),
    ],
)
def test_a_complaint_the_other_gendered_relatives_pronoun_owns_is_theirs(text, condition):
    assert condition_contexts(text)[condition] == Context.other_person


@pytest.mark.parametrize(
    "text, condition",
    [
        # the relative has the client's own gender: "her" cannot tell them apart, so the client keeps it
        ("Her mother came with her today. Her low back pain is 5/10. Swedish to the back, 40 min.", "low back pain"),
        # a possessive of the client's gender after a relative of the other gender is the client's
        ("Her husband waited outside. Her neck pain is 6/10. STM to the neck 20 min.", "neck pain"),
        # no relative introduced at all
        ("He has had his sciatica for a year. Myofascial release to the glute 20 min.", "sciatica"),
    ],
)
def test_the_clients_own_complaint_stays_performed(text, condition):
    assert condition_contexts(text)[condition] == Context.performed


def test_a_relaxation_visit_with_only_the_relatives_complaint_is_not_medically_necessary():
    text = ("Relaxation booking, a present from her husband, who has his sciatica flaring. She has no complaints, "
            "just wanted to unwind. Swedish massage to back and legs 60 minutes. She said she felt lovely after.")
    assert "NOT_MEDICALLY_NECESSARY" in flags(text)


# --- no complaint said in other ways -----------------------------------------------------------

@pytest.mark.parametrize("heading", ["**Pain:** 0/10", "__Pain__: 0/10", "Pain: 0/10"])
def test_a_markdown_pain_heading_that_labels_zero_is_no_complaint(heading):
    text = f"Reason: gift voucher, stress relief.\n{heading}\nSwedish massage full body, 60 min. Client felt relaxed."
    assert "NOT_MEDICALLY_NECESSARY" in flags(text)


def test_a_markdown_pain_heading_with_a_real_score_still_counts():
    text = "Reason: gift voucher, stress relief.\n**Pain:** 5/10\nSwedish massage full body, 60 min. Felt relaxed."
    assert "NOT_MEDICALLY_NECESSARY" not in flags(text)


@pytest.mark.parametrize(
    "said",
    ["she told me she doesn't hurt anywhere", "he says there's no pain anywhere", "not hurting anywhere, just tired"],
)
def test_nothing_hurting_anywhere_is_a_visit_without_complaint(said):
    text = f"New client, {said}. Swedish massage 45 minutes, slow and light. Felt calmer after."
    assert "NOT_MEDICALLY_NECESSARY" in flags(text)


# --- a technique word inside a device or an anatomical name ------------------------------------

@pytest.mark.parametrize(
    "text, kept",
    [
        ("He uses a percussion gun at home on his quads. STM to the quads 15 min.", [("97140", 15)]),
        ("Her percussion massager broke last week. Deep tissue to the calves 30 minutes.", [("97124", 30)]),
        ("Myofascial release along the left IT band work and lateral hip, 20 minutes.", [("97140", 20)]),
    ],
)
def test_a_device_or_anatomy_named_with_a_technique_word_is_no_service(text, kept):
    assert treatments(text) == kept


def test_percussion_as_a_massage_stroke_still_counts():
    assert treatments("Percussion and effleurage to the upper back 20 min.") == [("97124", 20)]


def test_resistance_band_work_still_counts_as_exercise():
    assert treatments("Band work for the rotator cuff 15 min.") == [("97110", 15)]


def test_a_rehab_phase_named_by_its_exercise_is_no_service():
    text = ("Week 3 after the ACL reconstruction, still in the AAROM phase of the protocol. "
            "Heel slides and quad sets 18 minutes. Patellar mobs 10 min.")
    assert "MISSING_DURATION" not in flags(text)


# --- asked about and not offered --------------------------------------------------------------

@pytest.mark.parametrize(
    "answer", ["told her I don't do it", "told her we don't offer it", "told her it's not something I offer"]
)
def test_a_service_asked_about_and_not_offered_is_not_billed(answer):
    text = f"Deep tissue to the low back 40 minutes, pain 6 to 3. She asked about cupping, {answer}."
    assert "MISSING_DURATION" not in flags(text)
    assert treatments(text) == [("97124", 40)]


# --- minutes after an aside in brackets ---------------------------------------------------------

@pytest.mark.parametrize(
    "text, kept",
    [
        ("IASTM (Graston tools) to the L Achilles 7m, then stopped.", [("97140", 7)]),
        ("Cross-friction (transverse) over the R lateral epicondyle 9, skin reddened quickly so we stopped.",
         [("97140", 9)]),
    ],
)
def test_minutes_after_a_bracketed_aside_belong_to_the_technique(text, kept):
    assert treatments(text) == kept
