"""What the extraction tests read out of a typed note, in one place: the lines as (code, minutes)
and the session's pain before and after."""

from __future__ import annotations

from extraction import extract
from models import Extraction, Transcript


def run(text: str) -> Extraction:
    return extract(Transcript.from_text(text))


def lines(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in run(text).treatments)


def pain(text: str) -> tuple[int | None, int | None]:
    r = run(text)
    return (r.pain_before and r.pain_before.score, r.pain_after and r.pain_after.score)
