"""The 8-minute rule (domain.md section 3): per-code (AMA) and total-time (CMS) unit methods.

Methods are looked up by name in a registry, so a payer profile picks one by its ``unit_method``.
The arithmetic of one unit (``units``: more than 7 minutes) is models/minutes.py's, so extraction's
minute checks can use the same formula without importing billing.
"""

from __future__ import annotations

from typing import Callable

from pydantic import BaseModel, ConfigDict, Field

from models import UnitMethod
from models.minutes import UNIT_MINUTES, units

__all__ = ["UNIT_MINUTES", "UNIT_METHODS", "Allocation", "Tie", "TimedService", "allocate", "register_unit_method",
           "units"]


class TimedService(BaseModel):
    """All minutes of one timed code in the session, and when it was first dictated."""

    model_config = ConfigDict(frozen=True)

    cpt: str
    minutes: int = Field(ge=0)
    order: int = 0


class Tie(BaseModel):
    """Total-time leftovers that tied: who got the unit(s) and who did not."""

    model_config = ConfigDict(frozen=True)

    leftover: int
    winners: list[str]
    losers: list[str]


class Allocation(BaseModel):
    method: UnitMethod
    units: dict[str, int]
    total_timed_minutes: int
    ties: list[Tie] = Field(default_factory=list)

    @property
    def rule_id(self) -> str:
        return f"UNITS_{self.method.value.upper()}"


UnitRule = Callable[[list[TimedService]], Allocation]
UNIT_METHODS: dict[UnitMethod, UnitRule] = {}


def register_unit_method(method: UnitMethod) -> Callable[[UnitRule], UnitRule]:
    def deco(fn: UnitRule) -> UnitRule:
        UNIT_METHODS[method] = fn
        return fn

    return deco


def allocate(method: UnitMethod | str, services: list[TimedService]) -> Allocation:
    """Units per code for the session's timed services under the named method."""
    return UNIT_METHODS[UnitMethod(method)](services)


@register_unit_method(UnitMethod.per_code)
def per_code(services: list[TimedService]) -> Allocation:
    """AMA: each code on its own gets units(minutes); a code under 8 minutes gets nothing."""
    return Allocation(
        method=UnitMethod.per_code,
        units={s.cpt: units(s.minutes) for s in services},
        total_timed_minutes=sum(s.minutes for s in services),
    )


@register_unit_method(UnitMethod.total_time)
def total_time(services: list[TimedService]) -> Allocation:
    """CMS: N = units(total minutes); one unit per full 15 minutes, the rest to the largest leftovers.

    Leftovers that tie at the cut are broken by dictation order (the code dictated first wins),
    and reported so the review screen can say which code got the unit.
    """
    total = sum(s.minutes for s in services)
    budget = units(total)
    got = {s.cpt: s.minutes // UNIT_MINUTES for s in services}
    remaining = budget - sum(got.values())
    ranked = sorted(services, key=lambda s: (-(s.minutes % UNIT_MINUTES), s.order, s.cpt))
    chosen = [s for s in ranked if s.minutes % UNIT_MINUTES > 0][: max(remaining, 0)]
    for s in chosen:
        got[s.cpt] += 1
    ties: list[Tie] = []
    if chosen:
        cut = chosen[-1].minutes % UNIT_MINUTES
        group = [s for s in ranked if s.minutes % UNIT_MINUTES == cut]
        losers = [s.cpt for s in group if s not in chosen]
        if losers:
            ties.append(Tie(leftover=cut, winners=[s.cpt for s in group if s in chosen], losers=losers))
    return Allocation(method=UnitMethod.total_time, units=got, total_timed_minutes=total, ties=ties)
