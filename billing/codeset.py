"""The official ICD-10-CM code set, from simple-icd-10-cm, as a compact index.

simple-icd-10-cm parses its whole tabular XML on import (about 1.3 s), and the helpers it
offers walk that tree; Scribe needs five facts per code (description, billable leaf, parent,
Excludes1 notes, chapter or block). ``CodeIndex`` holds just those for all 98,505 items,
serialises to about 1 MB and loads in about 50 ms, so the application keeps a copy in its data
folder (scribe/caches.py) and hands it over with ``install_index``; without one (a
library user, a test) the index is built from the package on first use. Nothing here touches
the code set at import time, so ``scribe --help`` starts fast.
"""

from __future__ import annotations

import marshal
import re
import zlib
from datetime import date
from functools import cache
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

from pydantic import BaseModel, ConfigDict

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_TABULAR = re.compile(r"icd10c?-tabular-([A-Za-z]+)-(?:\d+-)?(\d{4})\.xml$")
_PAREN = re.compile(r"\(([^()]*)\)")
_CODE = re.compile(r"^([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)\.?-?$")
_RANGE = re.compile(r"^([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)-([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)$")
_FORMAT = 1  # bump when the entry layout changes: older cached copies are then rebuilt


class CodeIndex:
    """code -> (description, billable leaf, parent, Excludes1 notes, chapter or block)."""

    def __init__(self, entries: dict[str, tuple[str, bool, str, tuple[str, ...], bool]]) -> None:
        self.entries = entries
        self._children: dict[str, list[str]] | None = None

    @classmethod
    def from_package(cls) -> "CodeIndex":
        import simple_icd_10_cm as cm  # slow: parses the whole tabular list

        entries = {}
        for code in cm.get_all_codes(True):
            # a one-category block shares its category's name ("B10"): skip the name itself
            parent = next((a for a in cm.get_ancestors(code) if a != code), "")
            entries[code] = (cm.get_description(code), cm.is_leaf(code), parent,
                             tuple(cm.get_excludes1(code)), cm.is_chapter_or_block(code))
        return cls(entries)

    def dumps(self) -> bytes:
        return zlib.compress(marshal.dumps((_FORMAT, self.entries)), 6)

    @classmethod
    def loads(cls, blob: bytes) -> "CodeIndex":
        """Raises ValueError for anything but a current-format index."""
        try:
            version, entries = marshal.loads(zlib.decompress(blob))
        except (EOFError, TypeError, ValueError, zlib.error) as exc:
            raise ValueError(f"not a code set index: {exc}") from None
        if version != _FORMAT or not isinstance(entries, dict):
            raise ValueError("a code set index of another format")
        return cls(entries)

    def ancestors(self, code: str) -> list[str]:
        out, parent = [], self.entries[code][2]
        while parent:
            out.append(parent)
            parent = self.entries[parent][2]
        return out

    def leaf_descendants(self, code: str) -> list[str]:
        if self._children is None:
            self._children = {}
            for child, entry in self.entries.items():
                if entry[2]:
                    self._children.setdefault(entry[2], []).append(child)
        out, stack = [], list(reversed(self._children.get(code, [])))
        while stack:
            node = stack.pop()
            if self.entries[node][1]:
                out.append(node)
            stack.extend(reversed(self._children.get(node, [])))
        return out


_installed: CodeIndex | None = None


def index_key() -> str:
    """Names the shipped code set and this index format: a cached copy under another key is stale."""
    return f"{fiscal_year().release.removesuffix('.xml')}-{metadata.version('simple-icd-10-cm')}-v{_FORMAT}"


def install_index(index: CodeIndex) -> None:
    """Use ``index`` (loaded from the application's cached copy) instead of building one."""
    global _installed
    _installed = index
    _index.cache_clear()


@cache
def _index() -> CodeIndex:
    return _installed or CodeIndex.from_package()


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
    index = _index()
    norm = normalize(code)
    entry = index.entries.get(norm) if _CODE.match(norm) else None
    if entry is None or entry[4]:
        return CodeCheck(code=norm, exists=False, billable=False)
    description, leaf = entry[0], entry[1]
    examples = [] if leaf else index.leaf_descendants(norm)[:3]
    return CodeCheck(code=norm, exists=True, billable=leaf, description=description, examples=examples)


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
    index = _index()
    if code not in index.entries:
        return ()
    notes = []
    for node in [code, *index.ancestors(code)]:
        for note in index.entries[node][3]:
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
