"""A clinic's own words: lines in the mishearings.jsonl format, read through the same strict model.

A clinic teaches Scribe its shorthand ("TPR" is trigger point therapy, "the usual neck" is the
neck). Each taught line is a :class:`ClinicWord`, a :class:`~extraction.vocab.Mishearing` (the
shipped model, ``extra="forbid"``) with two more fields: the side an area phrase implies and
where the line came from. A taught line only adds words: it points at a shipped technique or
area, so its code, units and modifiers are the shipped rules'; a phrase that is already a
shipped term of another meaning is refused (:func:`conflict`), so teaching never makes a
shipped term ambiguous. "not_billable" lines name a phrase whose words bill nothing here.

Pure functions of text: the file itself is read and written by ``scribe/vocab.py``.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache, lru_cache
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from extraction import vocab
from extraction.vocab import Mishearing, PatternFileError, _Rule
from models import Laterality

KINDS = ("technique", "area", "not_billable")


class Origin(_Rule):
    """Where a taught line came from: the note it was taught on, when, and by whom."""

    note: str | None = Field(default=None, description="Session id the words were taught on; none from the command line")
    at: datetime
    by: str = Field(min_length=1)


class ClinicWord(Mishearing):
    """One taught line: the phrases ``heard`` mean the shipped ``target`` (or nothing billable)."""

    kind: Literal["technique", "area", "not_billable"]  # type: ignore[assignment]
    target: str = Field(default="", description="Shipped technique or area id; empty for not_billable")
    laterality: Laterality | None = Field(default=None, description="The side an area phrase implies ('L QL')")
    origin: Origin | None = None

    @field_validator("heard")
    @classmethod
    def _phrases(cls, heard: list[str]) -> list[str]:
        if any(not h.strip() or len(h.strip()) < 2 or len(h) > 60 for h in heard):
            raise ValueError("each phrase has 2 to 60 characters")
        return [" ".join(h.split()) for h in heard]

    @model_validator(mode="after")
    def _shipped_target(self) -> "ClinicWord":
        known = {"technique": vocab.technique_by_id(), "area": vocab.area_by_id()}.get(self.kind)
        if known is None:
            if self.target or self.laterality:
                raise ValueError("a not_billable line has neither target nor laterality")
        elif self.target not in known:
            raise ValueError(f"unknown {self.kind} {self.target!r}; a taught line points at a shipped {self.kind}")
        if self.laterality is not None and self.kind != "area":
            raise ValueError("only an area line has a laterality")
        return self

    def meaning(self) -> tuple[str, str]:
        return (self.kind, self.target)


def parse(text: str, source: str = "clinic.jsonl") -> tuple[ClinicWord, ...]:
    """Every line validated; an error names the file and the line, like the shipped files'."""
    words: list[ClinicWord] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            words.append(ClinicWord.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise PatternFileError(f"{source} line {lineno}: {_short(exc)}") from None
    ids = [w.id for w in words]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise PatternFileError(f"{source}: duplicate ids {dupes}")
    for i, word in enumerate(words):
        reason = conflict(word, words[:i])
        if reason:
            raise PatternFileError(f"{source} line {i + 1}: {reason}")
    return tuple(words)


def _short(exc: Exception) -> str:
    """The error without the input it quotes (an input may hold note text)."""
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'line'}: {e['msg']}" for e in exc.errors())
    return str(exc).split(":")[0]


@cache
def shipped_meanings() -> dict[str, frozenset[tuple[str, str]]]:
    """Every shipped technique, area and condition phrase (and known mishearing), lower-cased,
    with what it means there."""
    out: dict[str, set[tuple[str, str]]] = {}

    def add(term: str, meaning: tuple[str, str]) -> None:
        out.setdefault(" ".join(term.lower().split()), set()).add(meaning)

    for t in vocab.techniques():
        for term in t.terms:
            add(term, ("technique", t.id))
    for a in vocab.areas():
        for term in [*a.terms, *a.plural_terms]:
            add(term, ("area", a.reports))
    for c in vocab.load("conditions.jsonl"):
        for term in c.terms:  # type: ignore[attr-defined]
            add(term, ("condition", c.id))  # type: ignore[attr-defined]
    for m in vocab.load("mishearings.jsonl"):
        if m.kind == "homophone":  # type: ignore[attr-defined]
            continue  # a real word ("lumber") read only inside a shipped term, never a meaning of its own
        for term in m.heard:  # type: ignore[attr-defined]
            add(term, (m.kind, m.target))  # type: ignore[attr-defined]
    return {k: frozenset(v) for k, v in out.items()}


def conflict(word: ClinicWord, taught: tuple[ClinicWord, ...] | list[ClinicWord] = ()) -> str | None:
    """Why this line cannot be taught, or None. Teaching only adds words: a phrase that is
    already a shipped term keeps its shipped meaning, and a phrase is taught once."""
    shipped = shipped_meanings()
    for phrase in word.heard:
        key = phrase.lower()
        meanings = shipped.get(key)
        if meanings:
            kind, target = sorted(meanings)[0]
            if meanings == {word.meaning()}:
                return f"'{phrase}' is already a shipped {kind} term for {_label(kind, target)}; nothing to teach."
            return (f"'{phrase}' is a shipped {kind} term for {_label(kind, target)}; teaching it as "
                    f"{_describe(word)} would make it ambiguous, so the shipped meaning stays.")
        for other in taught:
            if other.id != word.id and key in {h.lower() for h in other.heard}:
                return f"'{phrase}' is already taught ({_describe(other)}); edit or remove that entry instead."
    return None


def _label(kind: str, target: str) -> str:
    entry = {"technique": vocab.technique_by_id(), "area": vocab.area_by_id()}.get(kind, {}).get(target)
    if entry is None and kind == "condition":
        entry = vocab.condition_by_id().get(target)
    if entry is None:
        return target
    return f"{entry.label} ({entry.cpt})" if kind == "technique" else entry.label


def _describe(word: ClinicWord) -> str:
    if word.kind == "not_billable":
        return "not billable"
    side = f", {word.laterality.value}" if word.laterality else ""
    return f"{word.kind} {_label(word.kind, word.target)}{side}"


def describe(word: ClinicWord) -> str:
    """'technique trigger point therapy (97140)', 'area quadratus lumborum, left', 'not billable'."""
    return _describe(word)


@lru_cache(maxsize=8)
def parsed(text: str) -> tuple[ClinicWord, ...]:
    """``parse`` cached by the text, for the pipeline component (built once per vocabulary)."""
    return parse(text)
