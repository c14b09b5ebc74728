"""Issue 13, round 3: MISSING_DURATION where a careful biller would not raise it, and the
documentation flags (domain.md sections 7, 10, 11) raised or missed wrongly.

Classes: a service weighed and not given ("I considered ...", "thought about ..."); another
provider's work in a clinic template ("not my service"); a garment named with a technique word
("compression stockings"); the appointment or time in the home said as the session's length;
a session stopped before its planned length; a relaxation-only booking said in other words.
Phrasings are written here, none from any corpus.
"""

from __future__ import annotations

import pytest

from extraction import extract
from models import Transcript
from scribe.analysis import analyse


def ex(text: str):
    return extract(Transcript.from_text(text))


def billed(text: str) -> list[tuple[str, int | None]]:
    return [(t.cpt, t.minutes) for t in ex(text).treatments]


def flags(text: str, payer: str = "commercial") -> set[str]:
    _, _, _, found = analyse(Transcript.from_text(text), payer=payer, date_of_service=None, use_data_dir=False)
    return {f.id.value for f in found}


# --- services weighed and not given -----------------------------------------------------------

@pytest.mark.parametrize(
    "text, kept",
    [
        ("Joint mobs to the R knee 12 minutes. I considered iontophoresis-free ultrasound to the patellar tendon"
         " but the evidence is thin.", [("97140", 12)]),
        ("Swedish to the back 40 min. Thought about doing cupping on the traps, but her skin is fragile.",
         [("97124", 40)]),
        ("Therex 20 min for the hip. We also considered a cold pack afterwards; he said no thanks.", [("97110", 20)]),
        ("STM to the calf 10 minutes, and I'd contemplated deep tissue there too but she bruises easily.",
         [("97140", 10)]),
        ("Gait training 15 minutes. Mechanical traction was weighed and I decided against it.", [("97116", 15)]),
    ],
)
def test_a_service_considered_and_not_given_is_no_treatment(text, kept):
    assert billed(text) == kept


def test_considered_part_of_a_service_is_not_a_plan():
    """"considered part of the massage" says how a piece was counted, not that it was weighed."""
    text = "Deep tissue to the hamstrings 30 minutes; the passive stretch is considered part of the massage."
    assert billed(text) == [("97124", 30)]


# --- another provider's work listed in a clinic template --------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Spinal decompression 15 min, done before massage - not my service.\nMFR lumbar 20 min.",
        "Mechanical traction 12 min by the DC.\nMFR lumbar 20 min.",
    ],
)
def test_other_providers_services_in_a_template_are_not_billed(text):
    assert billed(text) == [("97140", 20)]


# --- a garment named with a technique word ----------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Manual lymphatic drainage to the R arm 30 minutes. She wears her compression sleeve at night.",
        "MLD left leg 25 min. Fitter is measuring him for compression stockings next week.",
        "MLD left leg 25 min, then reapplied the compression garment.",
    ],
)
def test_compression_garments_are_not_massage_strokes(text):
    assert billed(text) == [("97140", min(int(w) for w in text.split() if w.isdigit()))]


def test_compression_strokes_are_still_massage():
    assert ("97124", 20) in billed("Compressions and effleurage to the quads 20 minutes.")


# --- session length said as the appointment or the time in the home ---------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Appt length: 30 min\nSwedish back 25 min, MFR neck 20 min. Pain 5/10 to 2/10.",
        "I was in the home about thirty minutes. Therex 20 minutes, gait training 20 minutes. Knee 4/10, after 2/10.",
        "Appointment length 40 minutes. Deep tissue to the back 30 min and trigger point work to the glutes 25 min."
        " Back 6/10 before, 3/10 after.",
    ],
)
def test_billed_minutes_over_the_stated_appointment_are_implausible(text):
    assert "DURATION_IMPLAUSIBLE" in flags(text)


def test_hands_on_total_equal_to_the_lines_is_not_implausible():
    text = ("60 minute appointment. Swedish to the back 25 minutes, then MFR to the IT band 20 minutes."
            " Total hands-on time was 45 minutes. Hip 4/10 before, 2/10 after.")
    assert billed(text) == [("97124", 25), ("97140", 20)]
    assert "DURATION_IMPLAUSIBLE" not in flags(text)


# --- a session stopped before its planned length ----------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "We had planned an hour but he felt dizzy, so I stopped after twenty minutes of Swedish to the back."
        " Back 5/10 before, 4/10 after.",
        "Deep tissue to the neck 15 min; she got a migraine aura so we stopped after that. Neck 6/10, then 5/10.",
    ],
)
def test_a_session_stopped_short_raises_reduced_service(text):
    assert "REDUCED_SERVICE" in flags(text)


# --- relaxation only, said in other words ----------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Booked a relaxation massage, no specific pain, she just needed to de-stress. Swedish full body 60 minutes."
        " Felt very relaxed after.",
        "Client has no pain or injury and came in to destress before her wedding. Full body Swedish 50 minutes."
        " Felt relaxed.",
    ],
)
def test_relaxation_only_in_other_words_is_not_medically_necessary(text):
    assert "NOT_MEDICALLY_NECESSARY" in flags(text)


def test_a_relaxation_booking_with_a_complaint_is_medically_necessary():
    text = "Booked a relaxation massage but her low back is 6/10 today. Swedish to the low back 30 minutes. 3/10 after."
    assert "NOT_MEDICALLY_NECESSARY" not in flags(text)


# --- a timed service named again without minutes ---------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        # a heading with minutes and no area, its exercise list in the next sentence
        ("Next, eighteen minutes of therapeutic exercise. Scapular squeezes, thoracic extensions over the roll.",
         [("97110", 18)]),
        ("Ther ex 22 min today. Calf raises, lumbar rotations, hip hikes.", [("97110", 22)]),
        # an area said inside the exercise's own name is no area of its own
        ("Balance training on foam 12 min. Pt 4/10 knee after. Single leg stance held 15 seconds now, was 9.",
         [("97112", 12)]),
        # the block referred to as one already said
        ("Swedish to the back 30 min and MFR to the rhomboids 12 min. I realise the MFR overlapped the same"
         " area as the Swedish.", [("97124", 30), ("97140", 12)]),
    ],
)
def test_a_timed_service_named_again_is_not_a_second_service(text, expected):
    assert billed(text) == expected


def test_a_new_area_in_a_later_sentence_still_waits_for_its_minutes():
    """Not a list under a heading nor a reference back: a second block of the family, minutes unsaid."""
    assert billed("MFR to the neck 15 minutes. Shoulder pain 4/10. Trigger point to the glutes.") == [
        ("97140", 15), ("97140", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Deep tissue to both calves 30 minutes, with some passive calf stretching at the end which I count as"
        " part of the massage, she wasn't actively doing anything.",
        "Swedish to the legs 40 min; hamstrings stretched passively during it, not an active exercise.",
    ],
)
def test_stretching_said_passive_is_part_of_the_massage(text):
    assert [cpt for cpt, _ in billed(text)] == ["97124"]
