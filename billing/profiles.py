"""Payer profiles: per-payer billing settings as JSON files, looked up by name.

Built-ins (billing/data/profiles/*.json) and a clinic's own files load the same way, so a clinic
adds auto/PIP, workers' comp or a specific plan by dropping a JSON file in its profiles folder.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from importlib.resources import files
from pathlib import Path
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from billing import catalog
from billing._data import load_path_json, load_package_json
from billing.errors import bad_data_file, unknown_profile
from models import ProviderType, UnitMethod

DEFAULT_PROFILE = "commercial"


class GPRule(str, Enum):
    none = "none"
    every_therapy_line = "every_therapy_line"


class PayerProfile(BaseModel):
    """How one payer wants claims built. One JSON file per profile; unknown keys are refused.

    Fields (see billing/data/profiles/README.md for a full example):
      name: the name users type (``--payer NAME``); must be unique.
      description: one sentence shown in lists.
      unit_method: ``per_code`` (AMA, each code on its own) or ``total_time`` (CMS 8-minute rule).
      distinct_region_modifier: put on the column-2 code of a pair done on distinct regions (59, XS).
      separate_time_blocks_modifier: put on the column-2 code of a pair done in separate time blocks.
      gp: ``none`` or ``every_therapy_line`` (GP on every therapy line).
      bundled_codes: codes the payer never pays separately (Medicare: 97010); left off the claim
        with a BUNDLED_SERVICE finding.
      allowed_codes: for each provider type (LMT, PT, PTA, DC), the codes it may bill under this
        payer; other codes raise OUT_OF_SCOPE. A provider type left out may bill nothing.
      default_provider_type: the provider type assumed when the practice has not set one.
      fee_schedule: optional charge per unit, by code (decimal strings, e.g. "32.50").
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    description: str = ""
    unit_method: UnitMethod
    distinct_region_modifier: str = Field(default="59", pattern=r"^(59|XS|XE|XU|XP)$")
    separate_time_blocks_modifier: str = Field(default="59", pattern=r"^(59|XS|XE|XU|XP)$")
    gp: GPRule = GPRule.none
    bundled_codes: list[str] = Field(default_factory=list)
    allowed_codes: dict[ProviderType, list[str]]
    default_provider_type: ProviderType = ProviderType.LMT
    fee_schedule: dict[str, Decimal] = Field(default_factory=dict)

    @field_validator("bundled_codes")
    @classmethod
    def _bundled_known(cls, v: list[str]) -> list[str]:
        _check_codes(v)
        return v

    @field_validator("allowed_codes")
    @classmethod
    def _allowed_known(cls, v: dict[ProviderType, list[str]]) -> dict[ProviderType, list[str]]:
        for codes in v.values():
            _check_codes(codes)
        return v

    @field_validator("fee_schedule")
    @classmethod
    def _fees_known(cls, v: dict[str, Decimal]) -> dict[str, Decimal]:
        _check_codes(list(v))
        if any(fee < 0 for fee in v.values()):
            raise ValueError("a fee cannot be negative")
        return v

    @model_validator(mode="after")
    def _default_type_listed(self) -> "PayerProfile":
        if self.default_provider_type not in self.allowed_codes:
            raise ValueError(f"default_provider_type {self.default_provider_type.value} has no allowed_codes")
        return self

    def may_bill(self, provider_type: ProviderType, cpt: str) -> bool:
        return cpt in self.allowed_codes.get(provider_type, [])

    def charge(self, cpt: str, units: int) -> Decimal | None:
        fee = self.fee_schedule.get(cpt)
        return None if fee is None else fee * units


def _check_codes(codes: Iterable[str]) -> None:
    known = set(catalog.codes())
    unknown = sorted(set(codes) - known)
    if unknown:
        raise ValueError(f"unknown code(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")


class ProfileRegistry:
    """Profiles by name: built-ins first, then clinic files (a clinic file may not reuse a name)."""

    def __init__(self) -> None:
        self._profiles: dict[str, PayerProfile] = {}
        self._sources: dict[str, str] = {}

    def register(self, profile: PayerProfile, source: str) -> None:
        if profile.name in self._profiles:
            raise bad_data_file(
                source, f"the profile name '{profile.name}' is already used by {self._sources[profile.name]}"
            )
        self._profiles[profile.name] = profile
        self._sources[profile.name] = source

    def get(self, name: str | None = None) -> PayerProfile:
        key = (name or DEFAULT_PROFILE).strip()
        if key not in self._profiles:
            raise unknown_profile(key, self.names())
        return self._profiles[key]

    def names(self) -> list[str]:
        return list(self._profiles)

    def source(self, name: str) -> str:
        return self._sources[name]

    def __contains__(self, name: object) -> bool:
        return name in self._profiles


def builtin_profile_files() -> list[str]:
    node = files("billing").joinpath("data", "profiles")
    return sorted(c.name for c in node.iterdir() if c.name.endswith(".json"))


def load_profiles(extra_dirs: Iterable[Path] = ()) -> ProfileRegistry:
    """Built-in profiles plus every ``*.json`` in ``extra_dirs`` (a clinic's own profiles)."""
    registry = ProfileRegistry()
    builtins = [load_package_json(PayerProfile, "profiles", n) for n in builtin_profile_files()]
    builtins.sort(key=lambda p: p.name != DEFAULT_PROFILE)  # the default is listed first
    for profile in builtins:
        registry.register(profile, f"built-in profile {profile.name}")
    for folder in extra_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            continue  # a clinic without its own profiles folder is normal
        for path in sorted(folder.glob("*.json")):
            registry.register(load_path_json(PayerProfile, path), str(path))
    return registry
