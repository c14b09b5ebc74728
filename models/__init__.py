"""The shared vocabulary: pydantic models every stage speaks. Imports no other package."""

from models.claim import MAX_MODIFIERS, Claim, ClaimLine, Diagnosis, PendingService
from models.codes import (
    AuditAction,
    DiagnosisSource,
    Context,
    CueKind,
    FactKind,
    Laterality,
    PainTiming,
    ProviderType,
    Region,
    RuleId,
    SessionStatus,
    Severity,
    UnitMethod,
    severity_of,
)
from models.evidence import Evidence
from models.findings import (
    AreaFact,
    AreaRef,
    ConditionFact,
    CueFact,
    DurationFact,
    Extraction,
    Fact,
    PainFact,
    TechniqueFact,
    Treatment,
)
from models.minutes import MAX_SESSION_MINUTES
from models.rules import Override, RuleFinding
from models.session import AuditEntry, ExportRecord, Proposal, Session
from models.snapshot import ClaimVersion
from models.soap import SoapNote
from models.transcript import AudioSource, Segment, Transcript, Word

__all__ = [
    "AuditAction", "DiagnosisSource",
    "MAX_MODIFIERS", "MAX_SESSION_MINUTES",
    "AreaFact", "AreaRef", "AudioSource", "AuditEntry", "Claim", "ClaimLine", "ClaimVersion", "ConditionFact", "Context",
    "CueFact", "CueKind", "Diagnosis", "DurationFact", "Evidence", "ExportRecord", "Extraction",
    "Fact", "FactKind", "Laterality", "Override", "PainFact", "PainTiming", "PendingService",
    "Proposal", "ProviderType", "Region", "RuleFinding", "RuleId", "Segment", "Session",
    "SessionStatus", "Severity", "SoapNote", "TechniqueFact", "Transcript", "Treatment",
    "UnitMethod", "Word", "severity_of",
]
