"""The one parser of edit targets and its registry, shared by `scribe edit`, the page and scribe.actions."""

from __future__ import annotations

import pytest

from scribe.edit_targets import FIELDS, EditTarget, Scope, Shape
from scribe.errors import BadInput


@pytest.mark.parametrize("text, scope, name, tid", [
    ("soap.plan", Scope.soap, "plan", None),
    ("treatment.t2.minutes", Scope.treatment, "minutes", "t2"),
    ("treatment.t1.removed", Scope.treatment, "removed", "t1"),
    ("diagnoses", Scope.session, "diagnoses", None),
    ("date_of_service", Scope.session, "date_of_service", None),
])
def test_a_target_is_parsed_once_into_its_parts_and_prints_back(text, scope, name, tid):
    target = EditTarget.parse(text)
    assert (target.scope, target.name, target.treatment_id) == (scope, name, tid)
    assert str(target) == text


@pytest.mark.parametrize("text", ["soap.notes", "treatment.t2.colour", "treatment.minutes", "revision", "", "soap"])
def test_anything_else_is_refused_in_one_sentence(text):
    assert EditTarget.find(text) is None
    with pytest.raises(BadInput, match="is not something that can be edited"):
        EditTarget.parse(text)


def test_typed_text_becomes_the_value_the_field_expects():
    assert EditTarget.parse("diagnoses").field.from_text("M54.50, M62.830;S16.1XXA") == ["M54.50", "M62.830", "S16.1XXA"]
    assert EditTarget.parse("treatment.t1.modifiers").field.from_text("59 GP") == ["59", "GP"]
    assert EditTarget.parse("treatment.t1.removed").field.from_text("Yes") is True
    assert EditTarget.parse("treatment.t1.removed").field.from_text("no") is False
    assert EditTarget.parse("treatment.t1.minutes").field.from_text("25") == "25"
    assert not EditTarget.parse("soap.plan").field.rebills and EditTarget.parse("payer").field.rebills


def test_scribe_edit_help_names_every_field_the_command_line_can_type():
    from scribe.commands.edit import DESCRIPTION

    typed = [f for f in FIELDS.values() if f.shape != Shape.areas]  # areas are ticked on the page
    for f in typed:
        shown = {Scope.soap: f"soap.{f.name}", Scope.treatment: f"treatment.ID.{f.name}"}.get(f.scope, f.name)
        assert shown in DESCRIPTION, shown
