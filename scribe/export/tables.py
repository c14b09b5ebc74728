"""Code tables the claim formats share, read from data files (strictly, extra keys refused)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from pydantic import BaseModel, ConfigDict

#: CMS-1500 item 6 / 837P relationship codes (SBR02 = 18 when self, PAT01 otherwise)
RELATIONSHIP_CODES = {"self": "18", "spouse": "01", "child": "19", "other": "G8"}


class InsuranceType(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    claim_filing: str  # 837P SBR09
    box1: str  # CMS-1500 item 1 check box


def read_data(name: str) -> str:
    return files("scribe.export").joinpath("data", name).read_text(encoding="utf-8")


@cache
def insurance_types() -> dict[str, InsuranceType]:
    raw = json.loads(read_data("insurance_types.json"))
    return {k: InsuranceType.model_validate(v) for k, v in raw.items()}
