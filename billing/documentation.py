"""Documentation checks (domain.md sections 7, 9 and 10): what the note says or lacks, as findings."""

from __future__ import annotations

from billing.diagnoses import diagnosis_map
from billing.messages import finding
from models import Context, CueKind, Extraction, FactKind, RuleFinding


def injection_findings(extraction: Extraction) -> list[RuleFinding]:
    """Any injection or dry needling mentioned (done by anyone), unless it was negated."""
    cues = [
        f for f in extraction.facts_of(FactKind.cue, context=None)
        if f.cue == CueKind.injection and f.context != Context.negated
    ]
    return [finding("INJECTION_MENTIONED", text=c.evidence.text, evidence=[c.evidence]) for c in cues[:1]] + [
        finding("INJECTION_MENTIONED", text=c.evidence.text, evidence=[c.evidence])
        for c in cues[1:] if c.evidence.text.lower() != cues[0].evidence.text.lower()
    ]


def reduced_session_findings(extraction: Extraction) -> list[RuleFinding]:
    cues = extraction.cues(CueKind.reduced_session)
    if not cues:
        return []
    return [finding("REDUCED_SERVICE", text=cues[0].evidence.text, evidence=[c.evidence for c in cues])]


def medical_necessity_findings(extraction: Extraction, billed: bool) -> list[RuleFinding]:
    """Relaxation or stress only (said as a reason, a non-medical condition, or a technique named for
    relaxation), with no medical complaint and no pain score above 0."""
    if not billed:
        return []
    dx_map = diagnosis_map()
    non_medical = set(dx_map.non_medical_conditions)
    conditions = extraction.facts_of(FactKind.condition)
    relaxation = extraction.cues(CueKind.relaxation_only) + [c for c in conditions if c.condition in non_medical]
    relaxation += [t for t in extraction.facts_of(FactKind.technique) if t.technique in dx_map.non_medical_techniques]
    medical = [c for c in conditions if c.condition not in non_medical]
    pain = [p for p in extraction.facts_of(FactKind.pain) if p.is_complaint]
    if not relaxation or medical or pain:
        return []
    return [finding("NOT_MEDICALLY_NECESSARY", evidence=[f.evidence for f in relaxation])]


def has_outcome(extraction: Extraction) -> bool:
    return extraction.pain_after is not None or bool(extraction.cues(CueKind.response))
