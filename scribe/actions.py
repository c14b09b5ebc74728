"""What a therapist can do to a session: edit, undo, override, confirm.

The review page and the CLI both call these, so the rules are one set. Every change is an
AuditEntry with the old and new value; editing anything that touches the claim re-bills at
once, and editing a confirmed or exported session sends it back to draft (it must be
confirmed again; an exported one then goes out as a replacement claim).

The Objective's treatment sentences are the treatments in words: an edit to a treatment rewrites
its sentence (or drops it when the treatment is removed), so the note says what the claim says.
Prose the therapist wrote stays as written; when it disagrees with the claim, NOTE_CLAIM_MISMATCH
blocks confirmation. Confirming freezes the claim as a new version (scribe.export.freeze).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Any

from models import MAX_SESSION_MINUTES, AreaRef, AuditAction, AuditEntry, FactKind, Override, RuleId, Session, SessionStatus
from scribe.dates import parse_day
from scribe.edit_targets import EditTarget, Scope
from scribe.errors import BadInput, Refused
from scribe.analysis import rebill

ICD10_SHAPE = re.compile(r"[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _get(session: Session, target: EditTarget) -> Any:
    name = target.name
    if target.scope == Scope.soap:
        return getattr(session.soap, name)
    if target.scope == Scope.treatment:
        if name == "removed":
            if any(t.id == target.treatment_id for t in session.extraction.removed):
                return True
            _treatment(session, target.treatment_id)  # an unknown id is refused
            return False
        value = getattr(_treatment(session, target.treatment_id), name)
        return [a.model_dump(mode="json") for a in value] if name == "areas" else value
    if name == "diagnoses":
        return session.extraction.diagnoses_entered
    value = getattr(session, name)
    return value.isoformat() if isinstance(value, date) else value


def _treatment(session: Session, treatment_id: str | None):
    for t in session.extraction.treatments:
        if t.id == treatment_id:
            return t
    raise no_treatment(treatment_id)


def no_treatment(treatment_id: str | None) -> BadInput:
    return BadInput(f"There is no treatment '{treatment_id}' in this session.")


def _set(session: Session, target: EditTarget, value: Any) -> Session:
    name = target.name
    if target.scope == Scope.soap:
        soap = session.soap.model_copy(update={name: str(value or "")})
        return session.model_copy(update={"soap": soap})
    if target.scope == Scope.treatment:
        if name == "removed":
            return _move_removed(session, target.treatment_id, bool(value))
        treatments = list(session.extraction.treatments)
        idx = next(i for i, t in enumerate(treatments) if t.id == target.treatment_id)
        update = {name: _coerce_treatment(name, value), "edited": True}
        if name == "cpt":
            update["within"] = None  # the therapist chose the code: billing/passive.py no longer decides it
        treatments[idx] = treatments[idx].model_copy(update=update)
        extraction = session.extraction.model_copy(update={"treatments": treatments})
        return session.model_copy(update={"extraction": extraction})
    if name == "diagnoses":
        codes = None if value is None else [str(c).strip().upper() for c in value if str(c).strip()]
        for code in codes or []:
            if not ICD10_SHAPE.fullmatch(code):  # well-formed but unknown codes become a finding instead
                shown = "".join(ch if ch.isprintable() else "?" for ch in code[:20])
                raise BadInput(f"'{shown}' is not an ICD-10-CM code; those look like M54.50 (a letter, "
                               "a digit, a character, then up to four more after a dot).")
        extraction = session.extraction.model_copy(update={"diagnoses_entered": codes})
        return session.model_copy(update={"extraction": extraction})
    if name == "payer":
        from scribe.analysis import get_profile

        get_profile(str(value))  # refuses an unknown profile with a plain sentence
        return session.model_copy(update={"payer": str(value)})
    if name == "client":
        from scribe.clients import check_client_id

        client = (str(value).strip() or None) if value else None
        return session.model_copy(update={"client": check_client_id(client) if client else None})
    return session.model_copy(update={"date_of_service": parse_day(value)})  # the registry's last session field


def _move_removed(session: Session, treatment_id: str, removed: bool) -> Session:
    """Take a treatment off the claim into 'done but not billed', or bring it back (Undo)."""
    ext = session.extraction
    source, target = (ext.treatments, ext.removed) if removed else (ext.removed, ext.treatments)
    found = next((t for t in source if t.id == treatment_id), None)
    if found is None:
        if any(t.id == treatment_id for t in target):
            return session  # already where it was asked to be
        raise no_treatment(treatment_id)
    kept = [t for t in source if t.id != treatment_id]
    moved = sorted([*target, found], key=lambda t: t.order)
    update = {"treatments": kept, "removed": moved} if removed else {"treatments": moved, "removed": kept}
    return session.model_copy(update={"extraction": ext.model_copy(update=update)})


def _coerce_treatment(attr: str, value: Any) -> Any:
    if attr == "minutes":
        if value in (None, ""):
            return None
        try:
            minutes = int(value)
        except (TypeError, ValueError):
            raise BadInput(f"'{value}' is not a number of minutes.") from None
        if not 0 <= minutes <= MAX_SESSION_MINUTES:
            raise BadInput(f"Minutes must be between 0 and {MAX_SESSION_MINUTES}.")
        return minutes
    if attr == "cpt":
        code = str(value).strip()
        from billing.catalog import get_code  # unknown codes are refused by the catalog

        get_code(code)
        return code
    if attr == "modifiers":
        mods = [m.strip().upper() for m in (value or []) if str(m).strip()]
        if any(not m.isalnum() or len(m) != 2 for m in mods):
            raise BadInput("Modifiers are two letters or digits, like 59, XS or GP.")
        return mods
    if attr == "areas":
        return [a if isinstance(a, AreaRef) else AreaRef.model_validate(a) for a in (value or [])]
    return value


def sync_objective(objective: str, before: list, after: list) -> str:
    """The Objective with each treatment's generated sentence rewritten from the treatment as it now is.

    A sentence is only replaced where it still reads exactly as generated; one the therapist rewrote
    is their prose and is left alone (check_note then says whether it still agrees with the claim).
    """
    from extraction.soap import _treatment_sentence  # the one wording of a treatment sentence

    now = {t.id: t for t in after}
    text = objective or ""
    for old in before:
        said = _treatment_sentence(old)
        if said not in text:
            continue
        new = now.get(old.id)
        text = text.replace(said, _treatment_sentence(new) if new is not None else "", 1)
    return " ".join(text.split())


def check_note(session: Session) -> Session:
    """The session's findings with NOTE_CLAIM_MISMATCH recomputed for its Objective as it now reads."""
    from billing.note_check import objective_findings

    ex = session.extraction
    kept = [f for f in session.rule_findings if f.id != RuleId.NOTE_CLAIM_MISMATCH]
    performed = [f.label for f in ex.facts_of(FactKind.technique) if getattr(f, "label", "")]
    found = objective_findings(session.soap.objective, ex.treatments, performed)
    return session.model_copy(update={"rule_findings": kept + found})


def edit(session: Session, target: str | EditTarget, value: Any, *, by: str = "therapist",
         action: AuditAction = AuditAction.edit) -> Session:
    """Change one thing, record it, and re-bill. Returns the new session (not yet saved)."""
    target = target if isinstance(target, EditTarget) else EditTarget.parse(target)
    old = _get(session, target)
    changed = _set(session, target, value)
    new_value = bool(value) if target.name == "removed" else _get(changed, target)
    result = rebill(changed) if target.field.rebills else changed
    if target.scope == Scope.treatment:
        objective = sync_objective(session.soap.objective, session.extraction.treatments, result.extraction.treatments)
        result = result.model_copy(update={"soap": result.soap.model_copy(update={"objective": objective})})
    result = check_note(result)
    status = session.status
    note = ""
    if status != SessionStatus.draft:
        note = f"was {status.value}; needs confirming again"
        status = SessionStatus.draft
    entry = AuditEntry(at=_now(), by=by, action=action, field=str(target), old=old, new=new_value, note=note)
    return result.model_copy(
        update={"status": status, "audit": [*session.audit, entry], "confirmed_at": None if note else session.confirmed_at}
    )


def undo(session: Session, *, by: str = "therapist") -> Session:
    """Undo the most recent edit that has not itself been undone."""
    undone = 0
    for entry in reversed(session.audit):
        if entry.action == AuditAction.undo:
            undone += 1
        elif entry.action == AuditAction.edit:
            if undone:
                undone -= 1
                continue
            return edit(session, entry.field, entry.old, by=by, action=AuditAction.undo)
        elif entry.action == AuditAction.override and entry.field:
            if undone:
                undone -= 1
                continue
            return withdraw_override(session, entry.field, by=by)
        elif entry.action in {AuditAction.confirm, AuditAction.export}:
            break
    raise Refused("There is nothing to undo since the last confirmation.")


def confirm(
    session: Session, overrides: list[tuple[str, str]] | None = None, *, by: str = "therapist", store=None
) -> Session:
    """Confirm the note and claim; refused while a blocking finding has no override with a reason.

    The confirmed claim is frozen (charges, practice, provider and client details as they are now)
    as the session's next version when it differs from the last one; exports render that version.
    """
    from scribe.export.freeze import freeze

    now = _now()
    session = check_note(session)
    new_overrides = list(session.overrides)
    audit = list(session.audit)
    raised = {f.id for f in session.rule_findings}
    for rule, reason in overrides or []:
        rule_id = _overridable(rule, reason, raised)
        new_overrides.append(Override(rule_id=rule_id, reason=reason.strip(), by=by, at=now))
        audit.append(AuditEntry(at=now, by=by, action=AuditAction.override, field=rule_id.value, note=reason.strip()))
    candidate = session.model_copy(update={"overrides": new_overrides})
    blocking = candidate.unresolved_blocking()
    if blocking:
        listed = "; ".join(f"{f.id.value}: {f.message}" for f in blocking)
        raise Refused(
            f"Cannot confirm while blocking findings remain ({listed}).",
            "Fix them, or override each with a reason.",
        )
    if not candidate.claim.lines:
        audit.append(AuditEntry(at=now, by="scribe", action=AuditAction.note, note="confirmed with no billable lines"))
    confirmed = candidate.model_copy(update={"status": SessionStatus.confirmed, "confirmed_at": now})
    versions = freeze(confirmed, store=store)
    version = versions[-1].version
    note = f"claim version {version}" + ("" if len(versions) > len(session.versions) else " (unchanged)")
    audit.append(AuditEntry(at=now, by=by, action=AuditAction.confirm, new=SessionStatus.confirmed.value, note=note))
    return confirmed.model_copy(update={"versions": versions, "audit": audit})


def _overridable(rule: str, reason: str | None, raised: set[RuleId]) -> RuleId:
    """The rule id an override names, refused unless it is raised here and has a reason."""
    try:
        rule_id = RuleId(rule)
    except ValueError:
        raise BadInput(f"'{rule}' is not a rule id; see the findings of this session.") from None
    if rule_id not in raised:
        raise BadInput(f"{rule_id.value} is not raised on this session, so there is nothing to override.")
    if not reason or len(reason.strip()) < 3:
        raise BadInput(f"Overriding {rule_id.value} needs a reason.")
    return rule_id


# fixes the review page offers as buttons (the CLI reaches the same ones through edit/confirm) ------
def override(session: Session, rule: str, reason: str, *, by: str = "therapist") -> Session:
    """Accept a raised blocking finding with a reason, before confirming; Undo withdraws it."""
    rule_id = _overridable(rule, reason, {f.id for f in session.rule_findings})
    now = _now()
    kept = [o for o in session.overrides if o.rule_id != rule_id]
    entry = AuditEntry(at=now, by=by, action=AuditAction.override, field=rule_id.value, note=reason.strip())
    return session.model_copy(update={
        "overrides": [*kept, Override(rule_id=rule_id, reason=reason.strip(), by=by, at=now)],
        "audit": [*session.audit, entry],
    })


def withdraw_override(session: Session, rule: str, *, by: str = "therapist") -> Session:
    """Take an override back (Undo of an override): the finding blocks again."""
    if not any(o.rule_id.value == rule for o in session.overrides):
        raise Refused(f"{rule} is not overridden on this session.")
    entry = AuditEntry(at=_now(), by=by, action=AuditAction.undo, field=rule, note="override withdrawn")
    return session.model_copy(update={
        "overrides": [o for o in session.overrides if o.rule_id.value != rule],
        "audit": [*session.audit, entry],
    })


def conflicting_pairs(session: Session) -> list[tuple[str, str]]:
    """(column 1, column 2) of each same-region conflict raised, read from the lines' pair reasons."""
    from billing.pairs import PairEdit, PairTest

    on_claim = {ln.cpt for ln in session.claim.lines}
    pairs: list[tuple[str, str]] = []
    for f in session.rule_findings:
        if f.id != RuleId.SAME_REGION_CONFLICT:
            continue
        for line in session.claim.lines:
            for rid in line.rule_ids:
                parsed = PairEdit.parse_rule_id(rid)
                if (parsed and parsed[2] == PairTest.distinct_regions and f.cpt in parsed[:2]
                        and set(parsed[:2]) <= on_claim and parsed[:2] not in pairs):
                    pairs.append(parsed[:2])
    return pairs


def bill_as_one(session: Session, keep: str, drop: str, *, by: str = "therapist") -> Session:
    """Bill the time of ``drop`` as ``keep`` (one code for the region): each of its treatments is re-coded."""
    moved = [t for t in session.extraction.treatments if t.cpt == drop]
    if not moved or not any(t.cpt == keep for t in session.extraction.treatments):
        raise BadInput(f"This session does not have both {keep} and {drop} to bill as one code.")
    for t in moved:
        session = edit(session, f"treatment.{t.id}.cpt", keep, by=by)
    return session


def one_code_choices(session: Session, pair: tuple[str, str]) -> list[tuple[str, int, int]]:
    """For each code of a conflicting pair: (code, units, minutes) if all the pair's time were billed as it."""
    choices = []
    for keep, drop in (pair, pair[::-1]):
        trial = bill_as_one(session, keep, drop)
        line = next((ln for ln in trial.claim.lines if ln.cpt == keep), None)
        choices.append((keep, line.units if line else 0, line.minutes if line else 0))
    return choices


def reread(session: Session, *, by: str = "therapist") -> Session:
    """Read a draft note again with the clinic's words as they are now (not yet saved).

    A confirmed note keeps the claim it was confirmed with; only later notes use new words.
    The SOAP note is drafted again only if the therapist has not changed it."""
    from scribe.analysis import analyse

    if session.status != SessionStatus.draft:
        raise Refused("This note is confirmed, so it keeps its claim; the words apply to later notes.",
                      "Edit the claim to change this note.")
    extraction, soap, claim, findings = analyse(session.transcript, payer=session.payer,
                                                date_of_service=session.date_of_service)
    edited = session.proposal is not None and session.soap != session.proposal.soap
    now = datetime.now(timezone.utc)
    entry = AuditEntry(at=now, by=by, action=AuditAction.reread, note="read again with the clinic's vocabulary")
    return session.model_copy(update={
        "extraction": extraction,
        "soap": session.soap if edited else soap,
        "claim": claim.model_copy(update={"client_ref": session.client}),
        "rule_findings": findings,
        "audit": [*session.audit, entry],
    })
