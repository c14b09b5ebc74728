"""draft_soap(): plain S/O/A/P sentences built from the facts, for the therapist to edit and sign.

Only facts go in: complaints, scores, techniques, areas and minutes as extracted; advice and
next-visit plans are the dictated sentence itself (cleaned up), since rewording them could
change what the therapist said.
"""

from __future__ import annotations

import re

from models import (
    AreaRef,
    ConditionFact,
    Context,
    CueFact,
    CueKind,
    Extraction,
    FactKind,
    PainFact,
    PainTiming,
    SoapNote,
    TechniqueFact,
    Transcript,
    Treatment,
)

_SENTENCE_END_CHARS = ".!?;\n"
_SENTENCE_END = re.compile(f"[{re.escape(_SENTENCE_END_CHARS)}]")
# Where a dictated sentence may be cut into clauses. A clause joins its neighbours again unless
# they carry another fact, so "and" splits "a 2 at the end and will come back next week" only.
_CLAUSE_CUT = re.compile(r",|\b(?:then|and|but)\b", re.IGNORECASE)
MAX_CLAUSE_WORDS = 25  # a cue's clause, at most: never the whole run-on dictation
_FILLERS = re.compile(r"\b(?:um+|uh+|erm|er|you know|so|okay|ok|like)\b[,]?\s*", re.IGNORECASE)


def draft_soap(transcript: Transcript, extraction: Extraction) -> SoapNote:
    text = transcript.text
    return SoapNote(
        subjective=" ".join(_subjective(text, extraction)),
        objective=" ".join(_objective(text, extraction)),
        assessment=" ".join(_assessment(text, extraction)),
        plan=" ".join(_plan(text, extraction)),
    )


def _area_text(areas: list[AreaRef]) -> str:
    return _join([f"{a.laterality.prefix}{a.label}" for a in areas])


def _join(items: list[str]) -> str:
    items = list(dict.fromkeys(i for i in items if i))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sentence_of(text: str, start: int, end: int, busy: list[tuple[int, int]] = ()) -> str:
    """The dictated clause around a span, fillers removed, capitalised and ending in a period.

    A typed sentence is usually one statement; a speech transcript may be the whole note joined
    by commas. So the sentence is cut into pieces at commas and "then", and the cue's piece
    grows into its neighbours only while they carry no other performed fact (``busy``: a
    technique, minutes or a score) and stay under ``MAX_CLAUSE_WORDS``.
    """
    lo = max(text.rfind(c, 0, start) for c in _SENTENCE_END_CHARS) + 1  # 0 when none
    m = _SENTENCE_END.search(text, end)
    hi = m.start() if m else len(text)
    cuts = [lo] + [c for m in _CLAUSE_CUT.finditer(text, lo, hi) for c in (m.start(), m.end())] + [hi]
    pieces = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if text[a:b].strip()]
    k = next((i for i, (a, b) in enumerate(pieces) if a <= start < b or start < a), len(pieces) - 1)
    i = j = k
    free = lambda a, b: not any(a < e and s < b for s, e in busy)  # noqa: E731
    words = lambda a, b: len(text[a:b].split())  # noqa: E731
    while i > 0 and free(*pieces[i - 1]) and words(pieces[i - 1][0], pieces[j][1]) <= MAX_CLAUSE_WORDS:
        i -= 1
    while j + 1 < len(pieces) and free(*pieces[j + 1]) and words(pieces[i][0], pieces[j + 1][1]) <= MAX_CLAUSE_WORDS:
        j += 1
    a, b = (pieces[i][0], pieces[j][1]) if pieces else (lo, hi)
    clause = " ".join(text[a:b].split()[:MAX_CLAUSE_WORDS])
    sentence = _FILLERS.sub("", clause).strip(" ,")
    return (sentence[:1].upper() + sentence[1:] + ".") if sentence else ""


def _busy(ex: Extraction) -> list[tuple[int, int]]:
    """Where performed techniques, minutes and scores were said: not part of a cue's clause."""
    return [(f.evidence.char_start, f.evidence.char_end) for f in ex.facts
            if f.kind in ("technique", "duration", "pain") and f.context == Context.performed]


def _pain_text(p: PainFact) -> str:
    where = f" ({p.location})" if p.location else ""
    return f"{p.score}/10{where}"


def _scores(ex: Extraction, timing: PainTiming) -> list[PainFact]:
    """Performed scores of one timing, one per place said (the first before, the last after)."""
    by_place: dict[str | None, PainFact] = {}
    for p in ex.facts:
        if isinstance(p, PainFact) and p.context == Context.performed and p.timing == timing:
            if timing == PainTiming.after or p.location not in by_place:
                by_place[p.location] = p
    return list(by_place.values())


def _before_scores(ex: Extraction) -> list[PainFact]:
    """Every place's score before treatment, the headline one first: "neck 6/10 and low back 4/10"."""
    first = ex.pain_before
    rest = [p for p in _scores(ex, PainTiming.before) if first is None or p.location != first.location]
    return ([first] if first else []) + rest


def _pain_change(before: PainFact | None, after: PainFact) -> str:
    """One place's change, named by the place the score was said of (or the before score's place)."""
    where = after.location or (before.location if before else None)
    subject = f"{where[:1].upper()}{where[1:]} pain" if where else "Pain"
    if before is None:
        return f"{subject} {after.score}/10 after treatment."
    change = "decreased" if after.score < before.score else "increased" if after.score > before.score else "unchanged"
    return f"{subject} {change} from {before.score}/10 to {after.score}/10 after treatment."


def _subjective(text: str, ex: Extraction) -> list[str]:
    out = []
    busy = _busy(ex)
    conditions = [c for c in ex.facts_of(FactKind.condition) if isinstance(c, ConditionFact)]
    placed = {c.condition for c in conditions if c.area}
    area_label = {f.area: f.label for f in ex.facts if f.kind == "area"}
    # A diagnosis said with a hedge ("frozen shoulder picture", "r/o") stays uncertain in the note,
    # as the claim codes its symptom instead (ICD-10-CM IV.H): the note and the codes agree.
    labels = [
        ("possible " if c.hedge else "")
        + f"{c.laterality.prefix}{area_label.get(c.area, '') + ' ' if c.area else ''}{c.label}".strip()
        for c in conditions
        if c.area or c.condition not in placed
    ]
    if labels:
        out.append(f"Client presents with {_join(labels)}.")
    for v in ex.cues(CueKind.visit_type):
        if v.context != Context.planned:
            out.insert(0, _sentence_of(text, v.evidence.char_start, v.evidence.char_end, busy))
    before = _before_scores(ex)
    if before:
        out.append(f"Pain before treatment {_join([_pain_text(p) for p in before])}.")
    history = [f for f in ex.facts if f.kind == "cue" and f.cue == CueKind.history]
    for h in history:
        out.append(f"History: {_sentence_of(text, h.evidence.char_start, h.evidence.char_end, busy)}")
    if ex.cues(CueKind.relaxation_only):
        out.append("Client came for relaxation or stress relief.")
    return _dedupe(out)


def _objective(text: str, ex: Extraction) -> list[str]:
    out = []
    busy = _busy(ex)
    for tr in ex.treatments:
        if tr.minutes is None and tr.named_only:
            continue  # named without any sign it was done today: the Objective records what was done
        out.append(_treatment_sentence(tr))
    if ex.session_minutes:
        out.append(f"Session length {ex.session_minutes} minutes.")
    for cue in (CueKind.observation, CueKind.tolerance, CueKind.reduced_session, CueKind.injection):
        for f in ex.cues(cue):
            out.append(_sentence_of(text, f.evidence.char_start, f.evidence.char_end, busy))
    return _dedupe(out)


def _treatment_sentence(tr: Treatment) -> str:
    label = tr.label[:1].upper() + tr.label[1:]
    where = f" to the {_area_text(tr.areas)}" if tr.areas else ""
    if tr.minutes is None:
        minutes = ", minutes not stated"
    elif tr.minutes_max:
        minutes = f", {tr.minutes}-{tr.minutes_max} minutes"
    else:
        minutes = f", {tr.minutes} minutes"
    together = " (at the same time as another technique)" if tr.concurrent else ""
    return f"{label}{where}{minutes}{together}."


def _assessment(text: str, ex: Extraction) -> list[str]:
    out = []
    busy = _busy(ex)
    befores = _before_scores(ex)
    for after in _scores(ex, PainTiming.after):
        # The before score of the same place; a score said of no place compares with the headline one.
        same = [b for b in befores if b.location == after.location]
        before = same[0] if same else (ex.pain_before if after.location is None or ex.pain_before and ex.pain_before.location is None else None)
        out.append(_pain_change(before, after))
    for f in ex.cues(CueKind.response):
        out.append(_sentence_of(text, f.evidence.char_start, f.evidence.char_end, busy))
    return _dedupe(out)


def _plan(text: str, ex: Extraction) -> list[str]:
    out = []
    busy = _busy(ex)
    for cue in (CueKind.home_care, CueKind.next_visit, CueKind.visit_type):
        for f in ex.facts:
            if isinstance(f, CueFact) and f.cue == cue and f.context not in (Context.negated, Context.other_person):
                if cue == CueKind.visit_type and f.context != Context.planned:
                    continue  # "follow-up visit for John" is today's visit, not what comes next
                out.append(_sentence_of(text, f.evidence.char_start, f.evidence.char_end, busy))
    planned = [f.label for f in ex.facts_of(FactKind.technique, Context.planned) if isinstance(f, TechniqueFact)]
    if planned:
        out.append(f"Planned: {_join(planned)}.")
    return _dedupe(out)


def _dedupe(sentences: list[str]) -> list[str]:
    return list(dict.fromkeys(s for s in sentences if s))
