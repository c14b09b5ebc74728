"""Words the review page shows for regions, contexts, rule ids, line reasons and its own sentences, read from data/review.json.

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
    line_reasons: dict[str, str]
    page: dict[str, str]

    def region(self, name: str) -> str:
        found = self.regions.get(name)
        return found.label if found else name.replace("_", " ")

    def say(self, key: str, **values: object) -> str:
        """A page sentence from the table, filled in; ``NAME_s`` is 's' unless NAME is 1."""
        plural = {f"{k}_s": "" if v == 1 else "s" for k, v in values.items() if isinstance(v, int)}
        return self.page[key].format(**values, **plural)

    def reason(self, key: str, **values: object) -> str | None:
        text = self.line_reasons.get(key)
        if text is None:
            return None
        plural = {f"{k}_s": "" if v == 1 else "s" for k, v in values.items() if isinstance(v, int)}
        return text.format(**values, **plural)

    def rule(self, rule_id: str) -> RuleHelp:
        return self.rules.get(rule_id) or RuleHelp(title=rule_id.replace("_", " ").capitalize(), why="")


@cache
def labels() -> ReviewLabels:
    raw = resources.files("scribe.web").joinpath("data/review.json").read_text(encoding="utf-8")
    return ReviewLabels.model_validate(json.loads(raw))
