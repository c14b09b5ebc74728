"""Extraction: the shipped vocabularies, the pipeline, and robustness on any text."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction import draft_soap, extract, load_pipeline, vocab
from models import Context, Region, Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


# --- vocabularies -------------------------------------------------------------------------

@pytest.mark.parametrize("name", vocab.shipped_files())
def test_every_shipped_pattern_file_loads_strictly(name):
    rules = vocab.load(name)
    assert rules, f"{name} is empty"


def test_every_pattern_file_has_a_schema():
    assert set(vocab.shipped_files()) == set(vocab.SCHEMAS)


def test_unknown_key_in_a_rule_is_rejected():
    with pytest.raises(Exception, match="extra"):
        vocab.TechniqueEntry.model_validate(
            {"id": "x", "label": "x", "cpt": "97124", "terms": ["x"], "synonyms": ["y"]}
        )


def test_cross_references_between_files_resolve():
    techniques, areas = vocab.technique_by_id(), vocab.area_by_id()
    conditions = vocab.condition_by_id()
    for m in vocab.load("mishearings.jsonl"):
        if m.kind in ("number", "homophone"):  # a score digit, checked by the schema; a word of terms
            continue
        table = {"technique": techniques, "area": areas, "condition": conditions}[m.kind]
        assert m.target in table, f"mishearing {m.id} points at unknown {m.kind} {m.target}"
    for c in conditions.values():
        assert c.area is None or c.area in areas
    for rule in vocab.load("durations.jsonl") + vocab.load("pain.jsonl") + vocab.load("clauses.jsonl"):
        vocab.expand_pattern(rule.pattern)  # every $TOKEN_SET exists


def test_domain_abbreviations_are_in_the_vocabulary():
    doc_terms = {t for e in vocab.techniques() for t in e.terms + e.case_sensitive}
    for abbrev in ["STM", "MFR", "TrP", "MLD", "IASTM", "PNF"]:
        assert abbrev in doc_terms
    assert "HEP" in {t for c in vocab.load("cues.jsonl") for t in c.terms}


def test_pattern_files_are_package_data():
    folder = resources.files("extraction") / "patterns"
    for name in vocab.shipped_files():
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                json.loads(line)


# --- pipeline -----------------------------------------------------------------------------

def test_pipeline_is_built_once_with_scribe_components():
    nlp = load_pipeline()
    assert load_pipeline() is nlp
    scribe = [n for n in nlp.pipe_names if n.startswith("scribe_")]
    assert {"scribe_techniques", "scribe_areas", "scribe_durations", "scribe_pain", "scribe_context"} <= set(scribe)


def test_empty_and_blank_text_give_an_empty_extraction():
    for text in ["", "   ", "\n\n"]:
        result = ex(text)
        assert result.facts == [] and result.treatments == []
        assert result.pain_before is None and result.pain_after is None


def test_typed_text_has_no_audio_times():
    result = ex("Thirty minutes of Swedish massage to the back.")
    assert all(f.evidence.audio_start is None and f.evidence.audio_end is None for f in result.facts)


def test_fact_ids_are_unique_and_treatments_point_at_existing_facts():
    result = ex(
        "Low back pain 7/10. Thirty minutes of Swedish massage to the back, then MFR to the right upper trap "
        "x 15 min. Pain 3/10 after. Recommend heat at home."
    )
    ids = [f.id for f in result.facts]
    assert len(ids) == len(set(ids))
    for tr in result.treatments:
        assert set(tr.fact_ids) <= set(ids)
        assert tr.evidence and all(result_text_matches(ev) for ev in tr.evidence)


def result_text_matches(ev) -> bool:
    return ev.char_end > ev.char_start and ev.text.strip() != ""


def test_soap_note_reads_like_a_note():
    text = (
        "Client complains of right shoulder pain, six out of ten. History of rotator cuff surgery. "
        "Twenty minutes of myofascial release to the right shoulder and upper trapezius. Tolerated well. "
        "Pain down to two at the end, felt looser. Recommend ice at home. Next visit in one week."
    )
    t = Transcript.from_text(text)
    soap = draft_soap(t, extract(t))
    assert "right shoulder pain" in soap.subjective and "6/10" in soap.subjective
    assert "History" in soap.subjective
    assert "Myofascial release to the right shoulder and right upper trapezius, 20 minutes." in soap.objective
    assert "Tolerated well." in soap.objective
    assert "from 6/10 to 2/10" in soap.assessment and "looser" in soap.assessment
    assert "Recommend ice at home." in soap.plan and "Next visit in one week." in soap.plan


def test_soap_note_says_when_minutes_are_missing():
    t = Transcript.from_text("Did some cupping on the back.")
    soap = draft_soap(t, extract(t))
    assert "minutes not stated" in soap.objective


# --- robustness ---------------------------------------------------------------------------

_WORDS = st.sampled_from(
    "pain 7/10 710 2510 seven out of ten minutes min x 15 ' half an hour quarter from 2:10 to 2:40 the left "
    "right L R bilateral no not recommend next visit history husband MFR STM TrP Swedish massage myofascial "
    "release trigger point traps back neck QL shoulder then and while , . ; - : 4t5 twenty-five 0 10 100 "
    "down to rated it a four over sixty in the room session ice heat stretching effleurage my facial".split()
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=60).map(" ".join)))
def test_random_text_never_crashes_and_evidence_points_into_the_text(text):
    result = extract(Transcript.from_text(text))
    evidence = [f.evidence for f in result.facts] + [e for tr in result.treatments for e in tr.evidence]
    evidence += [e for f in result.rule_findings for e in f.evidence]
    for ev in evidence:
        assert 0 <= ev.char_start <= ev.char_end <= len(text)
        assert text[ev.char_start : ev.char_end] == ev.text
    for tr in result.treatments:
        assert tr.minutes is None or tr.minutes > 0
        assert all(a.regions for a in tr.areas)
    performed = {f.id for f in result.facts if f.context == Context.performed}
    assert all(fid in performed for tr in result.treatments for fid in tr.fact_ids if fid.startswith("t"))


def test_full_body_touches_every_region():
    result = ex("Sixty minutes of relaxation massage, full body.")
    (tr,) = result.treatments
    assert {r for a in tr.areas for r in a.regions} == set(Region)


def test_code_reads_word_lists_through_the_one_token_set_lookup():
    """Word sets live in token_sets.jsonl; one a rule reads as words must be a word list."""
    from extraction import vocab
    assert "both" in vocab.words("LIST_JOINER")
    assert vocab.words("MINUTE", "HOUR") >= {"min", "hrs"}
    with pytest.raises(vocab.PatternFileError):
        vocab.words("NO_SUCH_SET")
