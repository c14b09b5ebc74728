"""Reading the package's data files strictly: every file goes through a pydantic model."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from billing.errors import bad_data_file, not_utf8

M = TypeVar("M", bound=BaseModel)


def package_text(*parts: str) -> str:
    """Text of a file under billing/data, read with importlib.resources."""
    node = files("billing").joinpath("data")
    for part in parts:
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def parse_json(model: type[M], text: str, where: str) -> M:
    """Validate JSON text against ``model``; a typo or unknown key raises a plain DataFileError."""
    try:
        return model.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise bad_data_file(where, f"{loc}: {first['msg']}") from exc
    except json.JSONDecodeError as exc:  # pragma: no cover - pydantic wraps most JSON errors
        raise bad_data_file(where, str(exc)) from exc


def load_package_json(model: type[M], *parts: str) -> M:
    return parse_json(model, package_text(*parts), "billing/data/" + "/".join(parts))


def load_path_json(model: type[M], path: Path) -> M:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise bad_data_file(str(path), exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise not_utf8(str(path), exc) from None
    return parse_json(model, text, str(path))
