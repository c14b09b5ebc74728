"""What the templates show, computed from a Session: no rules here, only arrangement.

Units, modifiers and findings all come from the billing package through scribe.actions;
this module only groups them for reading (treatments under the line they feed, regions
for the body map, transcript pieces with the facts they carry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models import Claim, ClaimLine, Evidence, Region, RuleId, Session, Treatment
from scribe.edit_targets import EditTarget, Scope
from scribe.render import fact_value
from scribe.web.labels import labels

KIND_PRIORITY = ("technique", "duration", "pain", "area", "condition", "cue")


def clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    total = int(seconds)
    return f"{total // 60}:{total % 60:02d}"


# transcript ------------------------------------------------------------------
@dataclass
class Piece:
    text: str
    start: int
    end: int
    kind: str | None = None
    context: str = "performed"
    title: str = ""
    audio_start: float | None = None
    marker: float | None = None  # a segment start: shows a small time button before the text
    heard_as: str | None = None  # a word a second listen changed: what the speech model wrote first


def fact_summary(fact) -> str:
    ctx = labels().contexts.get(fact.context.value, fact.context.value)
    return f"{fact.kind}: {fact_value(fact, regions=False)} ({ctx}; rule {fact.evidence.rule_id or '-'})"


def _primary(facts: list) -> object:
    def rank(f):
        return (f.context.value != "performed", KIND_PRIORITY.index(f.kind) if f.kind in KIND_PRIORITY else 99,
                f.evidence.char_end - f.evidence.char_start)

    return min(facts, key=rank)


def transcript_pieces(session: Session) -> list[Piece]:
    """Split the transcript at every fact and segment boundary; each piece knows its facts."""
    text = session.transcript.text
    n = len(text)
    spans = [
        (f.evidence.char_start, f.evidence.char_end, f)
        for f in session.extraction.facts
        if 0 <= f.evidence.char_start < f.evidence.char_end <= n
    ]
    seg_starts = {s.char_start: s.start for s in session.transcript.segments if s.char_start < n}
    changed = [(w.char_start, w.char_end, w.heard_as) for s in session.transcript.segments for w in s.words
               if w.heard_as and w.char_end <= n]
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans), *seg_starts,
                   *(s for s, _, _ in changed), *(e for _, e, _ in changed)})
    pieces: list[Piece] = []
    for a, b in zip(cuts, cuts[1:]):
        cover = [f for s, e, f in spans if s <= a and e >= b]
        piece = Piece(text=text[a:b], start=a, end=b, marker=seg_starts.get(a))
        if cover:
            main = _primary(cover)
            piece.kind = main.kind
            piece.context = main.context.value
            piece.title = "; ".join(fact_summary(f) for f in cover)
            piece.audio_start = main.evidence.audio_start
            if piece.audio_start is None:
                span = session.transcript.time_span(a, b)
                piece.audio_start = span[0] if span else None
        heard = next((h for s, e, h in changed if s <= a and e >= b), None)
        if heard:
            piece.heard_as = heard
            note = f'first heard as "{heard}", changed after a second listen'
            piece.title = f"{piece.title}; {note}" if piece.title else note
        pieces.append(piece)
    return pieces


# claim -----------------------------------------------------------------------
@dataclass
class LineView:
    index: int
    line: ClaimLine
    treatments: list[Treatment]
    audio_start: float | None
    char_start: int | None


@dataclass
class ClaimView:
    claim: Claim
    lines: list[LineView]
    pending: list[tuple[object, Treatment | None]]
    unbilled: list[Treatment]
    diagnoses_entered: bool
    diagnoses_text: str
    treatments: dict[str, Treatment] = field(default_factory=dict)


def first_audio(evidence: list[Evidence]) -> float | None:
    times = [e.audio_start for e in evidence if e.audio_start is not None]
    return min(times) if times else None


def first_char(evidence: list[Evidence]) -> int | None:
    return min((e.char_start for e in evidence), default=None)


def claim_view(session: Session) -> ClaimView:
    by_id = {t.id: t for t in session.extraction.treatments}
    claim = session.claim
    lines = []
    used: set[str] = set()
    for i, line in enumerate(claim.lines, 1):
        ts = [by_id[t] for t in line.treatment_ids if t in by_id]
        used.update(t.id for t in ts)
        lines.append(LineView(i, line, ts, first_audio(line.evidence), first_char(line.evidence)))
    pending = []
    for p in claim.pending:
        pending.append((p, by_id.get(p.treatment_id)))
        used.add(p.treatment_id)
    unbilled = [t for t in session.extraction.treatments if t.id not in used]
    entered = session.extraction.diagnoses_entered
    codes = entered if entered is not None else [d.code for d in claim.diagnoses]
    return ClaimView(claim, lines, pending, unbilled, entered is not None, ", ".join(codes), by_id)


# body map --------------------------------------------------------------------
@dataclass
class RegionView:
    name: str
    label: str
    codes: list[str]
    pending: bool
    conflict: bool

    @property
    def css(self) -> str:
        classes = []
        if len(self.codes) > 1:
            classes.append("billed-multi")
        elif self.codes:
            classes.append(f"billed c-{self.codes[0]}")
        elif self.pending:
            classes.append("pending")
        if self.conflict:
            classes.append("conflict")
        return " ".join(classes) or "untreated"


def _regions_of(line_or_pending) -> set[str]:
    found = {r.value for r in getattr(line_or_pending, "regions", [])}
    for area in line_or_pending.areas:
        found.update(r.value for r in area.regions)
    return found


def body_map(session: Session) -> dict[str, RegionView]:
    codes: dict[str, list[str]] = {r.value: [] for r in Region}
    pending: set[str] = set()
    for line in session.claim.lines:
        for region in _regions_of(line):
            if line.cpt not in codes[region]:
                codes[region].append(line.cpt)
    for p in session.claim.pending:
        pending.update(_regions_of(p))
    raised = any(f.id == RuleId.SAME_REGION_CONFLICT for f in session.rule_findings)
    conflict = {r for r, cs in codes.items() if raised and len(cs) > 1}
    return {
        r.value: RegionView(r.value, labels().region(r.value), codes[r.value], r.value in pending, r.value in conflict)
        for r in Region
    }


def code_legend(session: Session) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for line in session.claim.lines:
        seen.setdefault(line.cpt, line.description)
    return list(seen.items())


# proposal and audit ------------------------------------------------------------
def line_brief(line: ClaimLine) -> str:
    mods = "-".join(line.modifiers)
    return f"{line.cpt}{'-' + mods if mods else ''} x{line.units} ({line.minutes} min)"


def proposal_rows(session: Session) -> list[tuple[str, str, bool]]:
    """Proposed and current lines side by side, matched by code; changed rows flagged."""
    if session.proposal is None:
        return []
    before = {ln.cpt: line_brief(ln) for ln in session.proposal.claim.lines}
    now = {ln.cpt: line_brief(ln) for ln in session.claim.lines}
    codes = list(dict.fromkeys([*before, *now]))
    return [(before.get(c, "-"), now.get(c, "-"), before.get(c) != now.get(c)) for c in codes]


def show_value(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return ", ".join(str(v.get("label") or v.get("area")) for v in value) or "(none)"
        return ", ".join(str(v) for v in value) or "(none)"
    text = str(value)
    return text if len(text) <= 240 else text[:239] + "…"


def counts(session: Session) -> tuple[int, int]:
    """(warnings, unresolved blocking findings)."""
    warnings = sum(1 for f in session.rule_findings if not f.blocking)
    return warnings, len(session.unresolved_blocking())


# findings ----------------------------------------------------------------------
@dataclass
class FindingGroup:
    """All findings of one rule id: explained once, each occurrence listed with its evidence."""

    rule: str
    blocking: bool
    title: str
    why: str
    items: list = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    override: object = None


def finding_groups(session: Session) -> list[FindingGroup]:
    overrides = {o.rule_id.value: o for o in session.overrides}
    groups: dict[str, FindingGroup] = {}
    for f in session.rule_findings:
        rule = f.id.value
        if rule not in groups:
            help_ = labels().rule(rule)
            groups[rule] = FindingGroup(rule, f.blocking, help_.title, help_.why, override=overrides.get(rule))
        g = groups[rule]
        g.items.append(f)
        if f.fix and f.fix not in g.fixes:
            g.fixes.append(f.fix)
        g.missing.extend(m for m in f.missing if m not in g.missing)
    return sorted(groups.values(), key=lambda g: (not g.blocking, g.override is not None))


def rule_counts(findings) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    for f in findings:
        seen[f.id.value] = seen.get(f.id.value, 0) + 1
    return list(seen.items())


def field_label(session: Session, target: str) -> str:
    """Plain words for an audit field: 'soap.plan' -> 'SOAP plan', treatment ids -> technique names."""
    found = EditTarget.find(target)
    if found and found.scope == Scope.soap:
        return f"SOAP {found.name}"
    if found and found.scope == Scope.treatment:
        t = next((t for t in session.extraction.treatments if t.id == found.treatment_id), None)
        what = f"{t.label} ({t.cpt})" if t else "a removed treatment"
        return f"{what}: {found.name}"
    return target.replace("_", " ")


# what blocks, what was overridden, what the note still says -------------------------
def blockers(session: Session) -> list[str]:
    """Plain titles of the unresolved blocking findings: the reason Confirm is off."""
    seen: list[str] = []
    for f in session.unresolved_blocking():
        title = labels().rule(f.id.value).title
        if title not in seen:
            seen.append(title)
    return seen


def overridden(session: Session) -> dict[str, object]:
    """Rule id -> its override, for blocking findings raised on this session."""
    raised = {f.id for f in session.rule_findings if f.blocking}
    return {o.rule_id.value: o for o in session.overrides if o.rule_id in raised}


def note_flags(session: Session) -> list[str]:
    """Removed treatments the SOAP text still describes (it is never rewritten silently)."""
    text = " ".join(getattr(session.soap, name) or "" for name in ("subjective", "objective", "assessment", "plan"))
    low = text.lower()
    flags = []
    for t in session.extraction.removed:
        words = [t.label.lower(), *(e.text.lower() for e in t.evidence if len(e.text) > 3)]
        if any(w and w in low for w in words):
            flags.append(labels().say("note_mentions_removed", label=t.label))
    return flags


def code_year_outside(session: Session) -> bool:
    from billing.codeset import fiscal_year

    try:
        return not fiscal_year().covers(session.date_of_service)
    except RuntimeError:  # code set not installed: the claim says no year either
        return False


_SETTINGS_CMD = re.compile(r"^scribe settings set (\S+) ")
_CLIENT_CMD = re.compile(r"^scribe client set (\S+) (\S+) ")


def fill_in_link(command: str, session_id: str) -> str | None:
    """Where the page fills in what an export's ``scribe ... set`` command would set."""
    back = f"back=/s/{session_id}"
    m = _SETTINGS_CMD.match(command)
    if m:
        return f"/settings?need={m.group(1)}&{back}#{dom_id('set', m.group(1))}"
    m = _CLIENT_CMD.match(command)
    if m:
        return f"/clients/{m.group(1)}?{back}#{dom_id('client', m.group(2))}"
    if "client of this session" in command or command.startswith("choose the client"):
        return "#session-details"
    return None


def details_link(options: list[dict], session_id: str) -> str | None:
    """One settings-form link asking for every practice detail the exports still need."""
    keys: list[str] = []
    for opt in options:
        for m in opt["missing"]:
            found = _SETTINGS_CMD.match(m.get("command", ""))
            if found and found.group(1) not in keys:
                keys.append(found.group(1))
    if not keys:
        return None
    return "/settings?" + "&".join(f"need={k}" for k in keys) + f"&back=/s/{session_id}"


def client_details_link(options: list[dict], session) -> str | None:
    """The client form, when an export still needs something about this session's client.

    Offered on its own: once the practice details are filled in, the client's may still be missing.
    """
    if not session.client:
        return None
    for opt in options:
        for m in opt["missing"]:
            found = _CLIENT_CMD.match(m.get("command", ""))
            if found and found.group(1) == session.client:
                return f"/clients/{session.client}?back=/s/{session.id}"
    return None


def dom_id(prefix: str, key: str) -> str:
    """A form field's element id: 'practice.zip' -> 'set-practice-zip' (no dots to escape in selectors)."""
    return f"{prefix}-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)
