"""extract(): a transcript in, an Extraction out."""

from __future__ import annotations

from extraction.components.recap import recap_chars
from extraction.facts import FactBuilder
from extraction.linking import link
from extraction.outcome import findings, pain_before_after, place_unspecified, session_minutes
from extraction.pipeline import load_pipeline
from models import Extraction, Transcript


def extract(transcript: Transcript, clinic: str = "") -> Extraction:
    """The facts of a dictation, the treatments built from them and extraction's own findings.

    ``clinic``: a clinic's taught words as text (extraction/clinic.py), empty for none."""
    doc = load_pipeline(clinic)(transcript.text)
    builder = FactBuilder(doc, transcript)
    facts = builder.build()
    treatments = link(doc, builder.mentions, builder.complaint_of)
    facts = place_unspecified(facts)
    before, after = pain_before_after(facts, recap_chars(doc))
    return Extraction(
        facts=facts,
        treatments=treatments,
        pain_before=before,
        pain_after=after,
        session_minutes=session_minutes(facts),
        rule_findings=findings(transcript, facts, treatments),
    )
