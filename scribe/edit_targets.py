"""What can be edited in a session, and the one parser of an edit target like ``treatment.t2.minutes``.

The CLI (``scribe edit``), the review page (scribe.web.changes, scribe.web.views) and the edit
rules (scribe.actions) all go through ``EditTarget.parse``, so a new editable field is one entry
in ``FIELDS``: its scope, its name, whether changing it re-bills, and how typed text becomes a
value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from models import SoapNote
from scribe.errors import BadInput


class Scope(str, Enum):
    """Where an editable field lives: in the SOAP note, on one treatment, or on the session itself."""

    soap = "soap"
    treatment = "treatment"
    session = "session"


class Shape(str, Enum):
    """How typed text becomes the field's value."""

    text = "text"
    codes = "codes"  # several codes, separated by commas, semicolons or spaces
    flag = "flag"  # yes / no
    areas = "areas"  # body areas: the page sends ticked regions, never typed text


_SPLIT = re.compile(r"[\s,;]+")
_YES = {"yes", "y", "true", "1"}


@dataclass(frozen=True)
class EditableField:
    scope: Scope
    name: str
    shape: Shape = Shape.text
    rebills: bool = True  # a SOAP field is prose: changing it leaves the claim alone

    def from_text(self, raw: str) -> Any:
        """The value typed on the command line or in a page's text box, in the shape edits expect."""
        if self.shape == Shape.codes:
            return [c for c in _SPLIT.split(str(raw or "")) if c]
        if self.shape == Shape.flag:
            return str(raw).strip().lower() in _YES
        return raw


FIELDS: dict[tuple[Scope, str], EditableField] = {
    (f.scope, f.name): f
    for f in [
        *(EditableField(Scope.soap, name, rebills=False) for name in SoapNote.FIELDS),
        EditableField(Scope.treatment, "minutes"),
        EditableField(Scope.treatment, "cpt"),
        EditableField(Scope.treatment, "areas", Shape.areas),
        EditableField(Scope.treatment, "modifiers", Shape.codes),
        EditableField(Scope.treatment, "removed", Shape.flag),
        EditableField(Scope.session, "diagnoses", Shape.codes),
        EditableField(Scope.session, "payer"),
        EditableField(Scope.session, "client"),
        EditableField(Scope.session, "date_of_service"),
    ]
}


@dataclass(frozen=True)
class EditTarget:
    """One editable thing: ``soap.plan``, ``treatment.t2.minutes`` or ``diagnoses``."""

    field: EditableField
    treatment_id: str | None = None

    @property
    def scope(self) -> Scope:
        return self.field.scope

    @property
    def name(self) -> str:
        return self.field.name

    @classmethod
    def find(cls, text: str) -> EditTarget | None:
        """The target ``text`` names, or None when it names nothing editable."""
        parts = str(text or "").split(".")
        if len(parts) == 2 and parts[0] == Scope.soap.value:
            found = FIELDS.get((Scope.soap, parts[1]))
            return cls(found) if found else None
        if len(parts) == 3 and parts[0] == Scope.treatment.value:
            found = FIELDS.get((Scope.treatment, parts[2]))
            return cls(found, parts[1]) if found else None
        if len(parts) == 1:
            found = FIELDS.get((Scope.session, parts[0]))
            return cls(found) if found else None
        return None

    @classmethod
    def parse(cls, text: str) -> EditTarget:
        found = cls.find(text)
        if found is None:
            raise not_editable(text)
        return found

    def __str__(self) -> str:
        if self.scope == Scope.soap:
            return f"soap.{self.name}"
        if self.scope == Scope.treatment:
            return f"treatment.{self.treatment_id}.{self.name}"
        return self.name


def not_editable(text: str) -> BadInput:
    return BadInput(f"'{text}' is not something that can be edited.")
