"""The SOAP note the therapist confirms."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel


class SoapNote(BaseModel):
    subjective: str = ""
    objective: str = ""
    assessment: str = ""
    plan: str = ""

    FIELDS: ClassVar[tuple[str, ...]] = ("subjective", "objective", "assessment", "plan")
