"""The official ICD-10-CM code set, through simple-icd-10-cm, loaded lazily (it takes seconds).

``scribe --help`` must start fast, so nothing here touches the code set at import time.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType

from pydantic import BaseModel, ConfigDict

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_TABULAR = re.compile(r"icd10c?-tabular-([A-Za-z]+)-(?:\d+-)?(\d{4})\.xml$")
_PAREN = re.compile(r"\(([^()]*)\)")
_CODE = re.compile(r"^([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)\.?-?$")
_RANGE = re.compile(r"^([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)-([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)$")


@cache
def _cm() -> ModuleType:
    import simple_icd_10_cm as cm  # slow: parses the whole tabular list

    return cm


class FiscalYear(BaseModel):
    """The US fiscal year of the shipped code set: October 1 to September 30."""

    model_config = ConfigDict(frozen=True)

    year: int
    release: str

    @property
    def label(self) -> str:
        return f"FY{self.year}"

    @property
    def start(self) -> date:
        return date(self.year - 1, 10, 1)

    @property
    def end(self) -> date:
        return date(self.year, 9, 30)

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@cache
def fiscal_year() -> FiscalYear:
    """Read from the name of the tabular file simple-icd-10-cm ships (without importing it)."""
    spec = find_spec("simple_icd_10_cm")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("simple-icd-10-cm is not installed")
    for folder in spec.submodule_search_locations:
        for path in sorted(Path(folder, "data").glob("*.xml")):
            m = _TABULAR.search(path.name)
            if m and m.group(1).lower() in _MONTHS:
                month, year = _MONTHS.index(m.group(1).lower()) + 1, int(m.group(2))
                return FiscalYear(year=year + 1 if month >= 10 else year, release=path.name)
    raise RuntimeError("the simple-icd-10-cm data files do not name their release")


def code_set_notice(day: date) -> str | None:
    """The one notice when ``day`` (usually today) is outside the shipped code set's year, else None.

    Shown once, in settings and ``scribe models``, rather than as a warning on every session.
    """
    from billing.messages import messages

    year = fiscal_year()
    if year.covers(day):
        return None
    entry = messages()["CODE_SET_YEAR"]
    fill = {"dos": day.isoformat(), "fy": year.label, "start": year.start.isoformat(), "end": year.end.isoformat()}
    return f"{entry.message.format(**fill)} {entry.fix.format(**fill)}"


def normalize(code: str) -> str:
    """'m5450 ' -> 'M54.50': upper case, the dot after the category."""
    code = str(code).strip().upper().replace(" ", "")
    if "." not in code and len(code) > 3:
        code = f"{code[:3]}.{code[3:]}"
    return code


class CodeCheck(BaseModel):
    """What the code set says about one code."""

    model_config = ConfigDict(frozen=True)

    code: str
    exists: bool
    billable: bool
    description: str = ""
    examples: list[str] = []

    @property
    def problem(self) -> str | None:
        """The message variant for an unusable code, or None when it can go on a claim."""
        if not self.exists:
            return "INVALID_DIAGNOSIS"
        return None if self.billable else "INVALID_DIAGNOSIS.parent"


def validate_code(code: str) -> CodeCheck:
    """Is ``code`` a billable leaf of the shipped ICD-10-CM code set? (M54.5 no, M54.50 yes)."""
    cm = _cm()
    norm = normalize(code)
    if not _CODE.match(norm) or not cm.is_valid_item(norm) or cm.is_chapter_or_block(norm):
        return CodeCheck(code=norm, exists=False, billable=False)
    leaf = cm.is_leaf(norm)
    examples = [] if leaf else [d for d in cm.get_descendants(norm) if cm.is_leaf(d)][:3]
    return CodeCheck(code=norm, exists=True, billable=leaf, description=cm.get_description(norm),
                     examples=examples)


def describe(code: str) -> str:
    check = validate_code(code)
    return check.description


def _targets(note: str) -> list[tuple[str, str]]:
    """Code ranges named in an Excludes1 note, as (low, high) prefixes without dots."""
    found: list[tuple[str, str]] = []
    for inner in _PAREN.findall(note):
        for token in re.split(r",\s*|\s+and\s+", inner.strip()):
            token = token.strip().upper()
            if m := _RANGE.match(token):
                found.append((m.group(1).replace(".", ""), m.group(2).replace(".", "")))
            elif m := _CODE.match(token):
                bare = m.group(1).replace(".", "")
                found.append((bare, bare))
    return found


@cache
def _excludes1(code: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    cm = _cm()
    notes = []
    for node in [code, *cm.get_ancestors(code)]:
        for note in cm.get_excludes1(node):
            targets = _targets(note)
            if targets:
                notes.append((note, tuple(targets)))
    return tuple(notes)


def _in_range(code: str, low: str, high: str) -> bool:
    bare = code.replace(".", "")
    return bare[: len(low)] >= low and bare[: len(high)] <= high


def excludes1_note(a: str, b: str) -> str | None:
    """The Excludes1 note that forbids coding ``a`` with ``b`` (either way), or None."""
    for first, second in ((a, b), (b, a)):
        for note, targets in _excludes1(first):
            if any(_in_range(second, low, high) for low, high in targets):
                return note
    return None
