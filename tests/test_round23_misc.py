"""Round 23 (paraphrases), assorted mechanisms: the same fact read in a shorthand, a phone
transcript or a spoken retelling as in the plain wording."""

from extraction import extract
from extraction.dictation import apply
from models import Transcript


def _treatments(text: str):
    return extract(Transcript.from_text(text)).treatments


def _by_technique(text: str) -> dict[str, object]:
    return {t.technique: t for t in _treatments(text)}


def test_heat_named_as_what_worsens_a_symptom_is_no_service_without_a_determiner():
    for said in ("Ankles puffier w/ heat lately.", "Knees achy with heat this week."):
        text = said + " Swedish massage to both legs 40 min."
        assert "hot_cold_pack" not in _by_technique(text), said
    # heat given stays a service
    assert "hot_cold_pack" in _by_technique("Moist heat to the low back 10 min, then Swedish massage 30 min.")


def test_a_stretch_the_client_was_told_to_do_is_not_folded_into_the_massage():
    text = ("Deep tissue to the upper back and rhomboids, forty minutes. "
            "Then I had her do doorway pec stretches, and then wall angels.")
    techniques = _by_technique(text)
    assert "stretching" in techniques
    massage = techniques["deep_tissue_massage"]
    assert "chest" not in {a.area for a in massage.areas}
    assert {r.value for a in massage.areas for r in a.regions} == {"thoracic"}


def test_a_part_named_only_for_the_clients_position_is_not_the_area_exercised():
    text = ("Low back pain 5/10. Lumbar stabilization exercise, fifteen minutes, lying on her back with knees bent: "
            "bracing and marching.")
    (ex,) = [t for t in _treatments(text) if t.cpt == "97110"]
    assert ex.minutes == 15
    assert {r.value for a in ex.areas for r in a.regions} == {"lumbar"}


def test_head_and_neck_alignment_said_aloud_is_a_posture_like_head_slash_neck():
    for said in ("head and neck alignment", "head/neck alignment"):
        text = f"Neck pain 4/10. Neuromuscular re-ed ten minutes: {said} at the desk with mirror feedback."
        nmr = _by_technique(text)["neuromuscular_reeducation"]
        assert "head" not in {a.area for a in nmr.areas}, said


def test_a_clock_span_glossing_minutes_with_no_punctuation_is_one_block():
    text = ("gait training 1:00 to 1:20 then 7 minutes 1:20 to 1:27 of step ups on the stairs "
            "she needed the rail")
    step = [t for t in _treatments(text) if t.cpt != "97116"]
    assert len(step) == 1 and step[0].minutes == 7


def test_new_paragraph_alone_shows_dictation_software():
    said = "right knee pain four new paragraph quad sets twelve minutes new paragraph knee a two after"
    assert "\n\n" in apply(said).text
    # ordinary spoken words are not enough alone
    assert apply("she had a long period of rest and a comma shaped scar").text.count(",") == 0


def test_a_retraction_denied_in_a_clause_of_its_own_takes_the_minutes_back():
    text = ("Iontophoresis to the left elbow, 10 minutes, no, scratch that, we didn't do ionto today, "
            "the patches ran out. Soft tissue mobilization to the forearm 12 minutes.")
    techniques = _by_technique(text)
    assert "iontophoresis" not in techniques
    assert any(t.minutes == 12 for t in techniques.values())
