"""The codes this tool bills, as data (billing/data/codes.json), with lookups for the review page.

Descriptions are our own words: CPT descriptors are copyrighted by the AMA.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from billing._data import load_package_json
from billing.errors import unknown_code

CPT_PATTERN = r"^\d{5}$"


class CodeEntry(BaseModel):
    """One billable code: what it covers, whether it is counted in 15-minute units, its family."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=CPT_PATTERN)
    description: str = Field(min_length=3)
    timed: bool
    family: str
    therapy: bool = Field(default=True, description="A therapy service (gets GP when the profile says)")
    includes_passive_work: bool = Field(
        default=False,
        description="Passive stretching done within this service is billed as this code (domain.md section 2)",
    )


class NeverBillable(BaseModel):
    """A code that must never be proposed from a massage or manual therapy note."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=CPT_PATTERN)
    description: str
    reason: str


class ModifierEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[0-9A-Z]{2}$")
    description: str


class Catalog(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    codes: list[CodeEntry]
    never_billable: list[NeverBillable]
    modifiers: list[ModifierEntry]

    def by_code(self) -> dict[str, CodeEntry]:
        return {c.code: c for c in self.codes}


@cache
def catalog() -> Catalog:
    return load_package_json(Catalog, "codes.json")


@cache
def _index() -> dict[str, CodeEntry]:
    return catalog().by_code()


def codes() -> list[str]:
    return [c.code for c in catalog().codes]


def get_code(code: str) -> CodeEntry:
    """The catalog entry of ``code``; raises UnknownCode with a plain sentence otherwise."""
    entry = _index().get(str(code).strip())
    if entry is None:
        raise unknown_code(str(code), codes())
    return entry


def find(code: str) -> CodeEntry | None:
    return _index().get(str(code).strip())


def describe(code: str) -> str:
    entry = find(code)
    return entry.description if entry else ""


def never_billable(code: str) -> NeverBillable | None:
    return next((n for n in catalog().never_billable if n.code == code), None)


def known_modifiers() -> dict[str, str]:
    return {m.code: m.description for m in catalog().modifiers}
