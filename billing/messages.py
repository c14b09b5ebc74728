"""Every finding billing raises, built from one table of plain sentences (billing/data/messages.json).

A key is a rule id, optionally followed by ``.variant`` when one id has several explanations.
"""

from __future__ import annotations

from functools import cache
from typing import Iterable

from pydantic import BaseModel, ConfigDict, RootModel, model_validator

from billing._data import load_package_json
from models import Evidence, RuleFinding, RuleId


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    message: str
    fix: str
    missing: list[str] = []


class MessageTable(RootModel[dict[str, Message]]):
    @model_validator(mode="after")
    def _keys_are_rule_ids(self) -> "MessageTable":
        ids = {r.value for r in RuleId}
        bad = [k for k in self.root if k.split(".")[0] not in ids]
        if bad:
            raise ValueError(f"unknown rule id(s) {', '.join(bad)}")
        return self


@cache
def messages() -> dict[str, Message]:
    return load_package_json(MessageTable, "messages.json").root


def finding(
    key: str,
    *,
    cpt: str | None = None,
    treatment_id: str | None = None,
    evidence: Iterable[Evidence] = (),
    **values: object,
) -> RuleFinding:
    """A RuleFinding whose message and fix come from the table, filled with ``values``."""
    entry = messages()[key]
    fill = {"cpt": cpt, **values}
    return RuleFinding(
        id=RuleId(key.split(".")[0]),
        message=entry.message.format(**fill),
        fix=entry.fix.format(**fill),
        cpt=cpt,
        treatment_id=treatment_id,
        missing=list(entry.missing),
        evidence=list(_unique(evidence)),
    )


def _unique(evidence: Iterable[Evidence]) -> Iterable[Evidence]:
    seen: set[tuple[int, int, str]] = set()
    for ev in evidence:
        key = (ev.char_start, ev.char_end, ev.text)
        if key not in seen:
            seen.add(key)
            yield ev
