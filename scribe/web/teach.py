"""Teach Scribe the clinic's words from the page, and the page listing what it has learnt.

On a session page the therapist selects words in the transcript and says what they are; the
entry goes into the clinic's vocabulary (scribe/vocab.py, the CLI's functions), this note is
read again at once and every later note uses it. When the therapist changes a line's code and
the words that line came from were not recognised, the page offers to remember them: it never
teaches on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from extraction import clinic
from models import Laterality, Session
from scribe import actions, vocab
from scribe.errors import BadInput
from scribe.web.pages import load, render

pages = APIRouter()
changes = APIRouter()

_CPT_EDIT = re.compile(r"^treatment\.(\w+)\.cpt$")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'/&-]*")
_LEAD = {"of", "with", "some", "doing", "did", "then", "and"}
_TRAIL = {"to", "the", "on", "for", "at", "in", "of", "her", "his", "their", "and", "over", "along", "a"}


@dataclass(frozen=True)
class Offer:
    """'Remember "TPR" as 97140?' for a line whose code the therapist corrected."""

    phrase: str
    cpt: str
    what: str
    means: str


def choices() -> dict:
    """What the Teach control offers: techniques by code family, areas, sides."""
    from billing import catalog
    from extraction import vocab as shipped

    families: dict[str, list] = {}
    for t in shipped.techniques():
        families.setdefault(t.cpt, []).append(t)
    default = vocab.FAMILY_DEFAULT
    groups = [(cpt, catalog.describe(cpt), sorted(ts, key=lambda t: (t.id != default.get(cpt), t.label)))
              for cpt, ts in sorted(families.items())]
    return {
        "teach_groups": groups,
        "teach_areas": sorted(shipped.areas(), key=lambda a: a.label.lower()),
        "teach_sides": [s.value for s in (Laterality.left, Laterality.right, Laterality.bilateral)],
    }


def offers(session: Session) -> list[Offer]:
    """Words behind a line whose code the therapist changed, when no technique was read from them."""
    edited = {m.group(1) for a in session.audit if a.action == "edit" and (m := _CPT_EDIT.match(a.field or ""))}
    if not edited:
        return []
    text = session.transcript.text
    facts = session.extraction.facts
    starts = sorted(f.evidence.char_start for f in facts)
    taught = vocab.load()
    out: list[Offer] = []
    for tr in session.extraction.treatments:
        if tr.id not in edited or tr.cpt not in vocab.FAMILY_DEFAULT:
            continue
        for d in (f for f in facts if f.id in tr.fact_ids and f.kind == "duration"):
            end = d.evidence.char_end
            stop = min([s for s in starts if s >= end] + [len(text)])
            phrase = _unrecognised(text[end:stop])
            if not phrase or any(o.phrase == phrase for o in out):
                continue
            word = clinic.ClinicWord(id="clinic.offer", kind="technique", target=vocab.FAMILY_DEFAULT[tr.cpt],
                                     heard=[phrase])
            if clinic.conflict(word, taught):
                continue
            out.append(Offer(phrase=phrase, cpt=tr.cpt, what=f"technique:{word.target}", means=clinic.describe(word)))
    return out


def _unrecognised(gap: str) -> str:
    """The words between minutes and the next thing read ('of TPR to the' -> 'TPR'), or ''."""
    gap = re.split(r"[.;:!?\n]", gap, maxsplit=1)[0]
    words = _WORD.findall(gap)
    while words and words[0].lower() in _LEAD:
        words.pop(0)
    while words and words[-1].lower() in _TRAIL:
        words.pop()
    return " ".join(words) if 1 <= len(words) <= 4 else ""


def teach_context(session: Session) -> dict:
    return {**choices(), "offers": offers(session)}


def _word_from(form: FormData, *, note: str | None, by: str, words) -> clinic.ClinicWord:
    phrase = " ".join(str(form.get("phrase") or "").split())
    what = str(form.get("what") or "")
    if not phrase:
        raise BadInput("Select the words in the transcript first (or type them).")
    if what.startswith("technique:"):
        return vocab.make("technique", phrase, target=what.split(":", 1)[1], note=note, by=by, words=words)
    if what == "area":
        side = str(form.get("side") or "") or None
        return vocab.make("area", phrase, target=str(form.get("area") or ""), side=side, note=note, by=by, words=words)
    if what == "not_billable":
        return vocab.make("not_billable", phrase, note=note, by=by, words=words)
    raise BadInput("Say what the words are: a technique, an area, or not billable here.")


def _refresh(request: Request, text: str) -> Response:
    message = {"text": text, "hint": "", "kind": "ok", "reload": False}
    response = render(request, "_messages.html", oob=True, message=message)
    response.headers["HX-Refresh"] = "true"
    return response


@changes.post("/s/{session_id}/teach")
async def teach(request: Request, session_id: str) -> Response:
    """Add the words to the clinic's vocabulary, then read this note again with them."""
    form = await request.form()
    session = load(request, session_id)
    by = request.app.state.by
    word = vocab.add(_word_from(form, note=session.id, by=by, words=vocab.load()))
    said = f"Taught '{word.heard[0]}' as {clinic.describe(word)}."
    if session.status.value == "draft":
        request.app.state.store.save(actions.reread(session, by=by))
        said += " This note was read again; later notes use it too."
    else:
        said += " Later notes use it; this confirmed note keeps its claim."
    return _refresh(request, said)


@pages.get("/vocab")
def vocab_page(request: Request) -> Response:
    words = vocab.load()
    counts = vocab.changed_counts(request.app.state.store) if words else {}
    rows = [{"word": w, "means": clinic.describe(w), "count": counts.get(w.id, 0)} for w in words]
    return render(request, "vocab.html", rows=rows, **choices())


@changes.post("/vocab/remove")
async def remove(request: Request) -> Response:
    form = await request.form()
    gone = vocab.remove(str(form.get("id") or ""))
    return _refresh(request, f"Forgot '{', '.join(gone.heard)}'; later notes read without it.")


@changes.post("/vocab/edit")
async def edit(request: Request) -> Response:
    form = await request.form()
    old = vocab.find(str(form.get("id") or ""))
    others = tuple(w for w in vocab.load() if w.id != old.id)
    new = _word_from(form, note=None, by=request.app.state.by, words=others)
    saved = vocab.replace(old.id, new.model_copy(update={"heard": old.heard}))
    return _refresh(request, f"'{', '.join(saved.heard)}' now means {clinic.describe(saved)}.")


def install(app, csrf) -> None:
    """Add the routes (changes CSRF-checked) and the template helper the session page uses."""
    app.include_router(pages)
    app.include_router(changes, dependencies=[csrf])
    app.state.templates.env.globals["teach"] = teach_context
