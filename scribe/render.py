"""Plain-text rendering of a session for the terminal: what was understood and why."""

from __future__ import annotations

import textwrap

from models import Session


def _quote(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text if len(text) <= width else text[: width - 1] + "…"}"'


def _at(ev) -> str:
    return f" @{ev.audio_start:.1f}s" if ev.audio_start is not None else ""


def session_summary(session: Session) -> str:
    out: list[str] = []
    claim = session.claim
    out.append(f"Session {session.id}  [{session.status.value}]  date of service {session.date_of_service}"
               f"  payer {session.payer}" + (f"  client {session.client}" if session.client else ""))
    out.append("")
    out.append("SOAP note")
    for name in ("subjective", "objective", "assessment", "plan"):
        value = getattr(session.soap, name) or "(nothing dictated)"
        out.append(textwrap.fill(value, width=96, initial_indent=f"  {name[0].upper()}: ",
                                 subsequent_indent="     "))
    out.append("")
    out.append("Claim lines" + (f" ({claim.unit_method.value.replace('_', '-')} units)" if claim.lines else ""))
    if not claim.lines:
        out.append("  (nothing billable)")
    for line in claim.lines:
        mods = ",".join(line.modifiers) or "-"
        ptr = ",".join(str(p) for p in line.diagnosis_pointers) or "-"
        charge = f"  ${line.charge}" if line.charge is not None else ""
        out.append(f"  {line.cpt}  units {line.units}  {line.minutes} min  modifiers {mods}  dx {ptr}{charge}"
                   f"  {line.description}")
        for ev in line.evidence[:4]:
            out.append(f"      because {_quote(ev.text)}{_at(ev)}")
    for pend in claim.pending:
        out.append(f"  pending {pend.cpt} {pend.label}: {pend.reason}")
    if claim.diagnoses:
        out.append("")
        out.append("Diagnoses")
        for i, dx in enumerate(claim.diagnoses, 1):
            out.append(f"  {i}. {dx.code}  {dx.description}")
    facts = session.extraction.facts
    if facts:
        out.append("")
        out.append("Extracted facts")
        for f in facts:
            ctx = "" if f.context.value == "performed" else f" [{f.context.value}]"
            out.append(f"  {f.kind:<9} {fact_value(f):<34}{ctx} {_quote(f.evidence.text, 50)}{_at(f.evidence)}")
    if session.rule_findings:
        out.append("")
        out.append("Findings")
        overrides = {o.rule_id: o for o in session.overrides}
        for rf in session.rule_findings:
            done = overrides.get(rf.id) if rf.blocking else None
            mark = "OVERRIDDEN" if done else ("BLOCKING" if rf.blocking else "warning")
            out.append(f"  {mark:<10} {rf.id.value}: {rf.message}")
            if done:
                out.append(f"             by {done.by}: {_quote(done.reason, 80)}")
            elif rf.fix:
                out.append(f"             fix: {rf.fix}")
    return "\n".join(out)


def fact_value(f, *, regions: bool = True) -> str:
    """One fact in a few words; the terminal and the review page's tooltips both use this."""
    kind = f.kind
    if kind == "technique":
        return f"{f.label} ({f.cpt})"
    if kind == "area":
        lat = "" if f.laterality.value == "unspecified" else f"{f.laterality.value} "
        where = f" -> {','.join(r.value for r in f.regions)}" if regions else ""
        return f"{lat}{f.label}{where}"
    if kind == "duration":
        rng = f"-{f.minutes_max}" if f.minutes_max else ""
        return f"{f.minutes}{rng} min" + (" (session length)" if f.session_length else "")
    if kind == "pain":
        loc = f" {f.location}" if f.location else ""
        return f"{f.score}/10 {f.timing.value}{loc}"
    if kind == "condition":
        lat = "" if f.laterality.value == "unspecified" else f"{f.laterality.value} "
        return f"{lat}{f.label}"
    return f.label or f.cue.value.replace("_", " ")


def sessions_table(sessions: list[Session]) -> str:
    if not sessions:
        return "No sessions yet. Process a dictation with 'scribe process FILE'."
    rows = [f"{'id':<18} {'date':<10} {'client':<14} {'payer':<15} {'status':<9} findings"]
    for s in sessions:
        blocking, overridden = finding_counts(s)
        detail = f"{blocking} blocking" + (f", {overridden} overridden" if overridden else "")
        rows.append(f"{s.id:<18} {s.date_of_service!s:<10} {(s.client or '-'):<14} {s.payer:<15} "
                    f"{s.status.value:<9} {len(s.rule_findings)} ({detail})")
    return "\n".join(rows)


def finding_counts(session: Session) -> tuple[int, int]:
    """(blocking findings still unresolved, blocking findings overridden with a reason)."""
    unresolved = len(session.unresolved_blocking())
    return unresolved, sum(1 for f in session.rule_findings if f.blocking) - unresolved
