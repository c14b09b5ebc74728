"""Code sets shared by every stage, as ``str`` enums so they serialise as plain strings."""

from __future__ import annotations

from enum import Enum


class Region(str, Enum):
    """The ten anatomic regions CMS uses (domain.md section 6)."""

    head = "head"
    cervical = "cervical"
    thoracic = "thoracic"
    lumbar = "lumbar"
    sacral = "sacral"
    pelvic = "pelvic"
    upper_extremity = "upper_extremity"
    lower_extremity = "lower_extremity"
    rib_cage = "rib_cage"
    abdomen = "abdomen"


class Laterality(str, Enum):
    left = "left"
    right = "right"
    bilateral = "bilateral"
    unspecified = "unspecified"

    @property
    def prefix(self) -> str:
        """How the side reads before an area's name in a note ("left ", or nothing if unsaid)."""
        return "" if self is Laterality.unspecified else f"{self.value} "


class Context(str, Enum):
    """Whether a mention describes something done in this session (domain.md section 7)."""

    performed = "performed"
    negated = "negated"
    planned = "planned"
    historical = "historical"
    other_person = "other_person"


class DiagnosisSource(str, Enum):
    """Where a claim's diagnosis came from: suggested from the dictation, or entered by the therapist."""

    suggested = "suggested"
    entered = "entered"


class AuditAction(str, Enum):
    """What a session's history entry records."""

    create = "create"
    edit = "edit"
    undo = "undo"
    override = "override"
    confirm = "confirm"
    export = "export"
    note = "note"
    purge = "purge"
    reread = "reread"  # read again with the clinic's taught words


class PainTiming(str, Enum):
    before = "before"
    after = "after"
    unspecified = "unspecified"


class FactKind(str, Enum):
    technique = "technique"
    area = "area"
    duration = "duration"
    pain = "pain"
    condition = "condition"
    cue = "cue"


class CueKind(str, Enum):
    """Session cues that are not treatments but matter to billing and the SOAP note."""

    complaint = "complaint"
    reduced_session = "reduced_session"
    tolerance = "tolerance"
    response = "response"
    home_care = "home_care"
    next_visit = "next_visit"
    injection = "injection"
    relaxation_only = "relaxation_only"
    session_length = "session_length"
    history = "history"
    observation = "observation"  # what the therapist found: tenderness, hypertonicity, limited range of motion
    visit_type = "visit_type"  # what kind of visit today is ("follow-up visit", "re-eval"): not a plan


class Severity(str, Enum):
    blocking = "blocking"
    warning = "warning"


class RuleId(str, Enum):
    """Stable finding ids of domain.md section 11."""

    SAME_REGION_CONFLICT = "SAME_REGION_CONFLICT"
    MISSING_DURATION = "MISSING_DURATION"
    MISSING_DIAGNOSIS = "MISSING_DIAGNOSIS"
    EXCLUDES1_CONFLICT = "EXCLUDES1_CONFLICT"
    INJECTION_MENTIONED = "INJECTION_MENTIONED"
    OUT_OF_SCOPE = "OUT_OF_SCOPE"
    UNDER_8_MINUTES = "UNDER_8_MINUTES"
    MISSING_AREA = "MISSING_AREA"
    MISSING_OUTCOME = "MISSING_OUTCOME"
    DISTINCT_SERVICE = "DISTINCT_SERVICE"
    REDUCED_SERVICE = "REDUCED_SERVICE"
    BUNDLED_SERVICE = "BUNDLED_SERVICE"
    TIE_BROKEN = "TIE_BROKEN"
    DURATION_RANGE = "DURATION_RANGE"
    DURATION_IMPLAUSIBLE = "DURATION_IMPLAUSIBLE"
    NOT_MEDICALLY_NECESSARY = "NOT_MEDICALLY_NECESSARY"
    LOW_CONFIDENCE = "LOW_CONFIDENCE"
    CODE_SET_YEAR = "CODE_SET_YEAR"
    INVALID_DIAGNOSIS = "INVALID_DIAGNOSIS"
    INVALID_MODIFIER = "INVALID_MODIFIER"  # a therapist-entered modifier that was taken off (warning)
    NOTE_CLAIM_MISMATCH = "NOTE_CLAIM_MISMATCH"  # the hand-edited Objective disagrees with the claim
    FIELD_TOO_LONG = "FIELD_TOO_LONG"  # a value cut to fit a box of the paper claim form (warning)
    UNTIMED_MENTION = "UNTIMED_MENTION"  # a timed technique named with no minutes and no sign it was done (warning)


BLOCKING_RULES: frozenset[RuleId] = frozenset(
    {
        RuleId.SAME_REGION_CONFLICT,
        RuleId.MISSING_DURATION,
        RuleId.MISSING_DIAGNOSIS,
        RuleId.EXCLUDES1_CONFLICT,
        RuleId.INJECTION_MENTIONED,
        RuleId.OUT_OF_SCOPE,
        RuleId.INVALID_DIAGNOSIS,
        RuleId.NOTE_CLAIM_MISMATCH,
    }
)


def severity_of(rule: RuleId) -> Severity:
    """Severity is a property of the id, so no stage can disagree about it."""
    return Severity.blocking if rule in BLOCKING_RULES else Severity.warning


class SessionStatus(str, Enum):
    draft = "draft"
    confirmed = "confirmed"
    exported = "exported"


class UnitMethod(str, Enum):
    per_code = "per_code"
    total_time = "total_time"


class ProviderType(str, Enum):
    LMT = "LMT"
    PT = "PT"
    PTA = "PTA"
    DC = "DC"
