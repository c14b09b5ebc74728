"""Words the review page shows for regions, contexts and rule ids, read from data/review.json.

Kept as data so wording can change without touching code; read strictly (unknown keys fail),
and a test checks every Region, Context and RuleId has an entry.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict


class RegionLabel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    hint: str = ""


class RuleHelp(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    why: str


class ReviewLabels(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    regions: dict[str, RegionLabel]
    contexts: dict[str, str]
    rules: dict[str, RuleHelp]

    def region(self, name: str) -> str:
        found = self.regions.get(name)
        return found.label if found else name.replace("_", " ")

    def rule(self, rule_id: str) -> RuleHelp:
        return self.rules.get(rule_id) or RuleHelp(title=rule_id.replace("_", " ").capitalize(), why="")


@cache
def labels() -> ReviewLabels:
    raw = resources.files("scribe.web").joinpath("data/review.json").read_text(encoding="utf-8")
    return ReviewLabels.model_validate(json.loads(raw))
