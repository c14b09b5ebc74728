"""Extraction: a transcript in, the facts a billing specialist would read out of it.

    from extraction import extract, draft_soap, load_pipeline

The three names load on first use (PEP 562): ``extraction.clinic`` or ``extraction.vocab`` are
small modules the app reads settings through, and importing them must not cost spaCy's import
on the thread that is about to run the speech model (issue 15).
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extraction.extract import extract
    from extraction.pipeline import load_pipeline
    from extraction.soap import draft_soap

__all__ = ["draft_soap", "extract", "load_pipeline"]

_HOME = {"extract": "extraction.extract", "load_pipeline": "extraction.pipeline", "draft_soap": "extraction.soap"}


class _Package(types.ModuleType):
    """Importing the submodule ``extraction.extract`` binds it on the package under the name of
    the function it holds, so ``from extraction import extract`` gave the module or the function
    depending on which import ran first in the process (a test-order failure). The binding of a
    submodule over one of the names above is skipped: the name stays the function, loaded lazily."""

    def __setattr__(self, name: str, value) -> None:
        if name in _HOME and isinstance(value, types.ModuleType) and value.__name__ == _HOME[name]:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str):
    if name in _HOME:
        from extraction.spacy_import import import_spacy

        import_spacy()  # without spaCy's command line, the one import a note never needs
        value = getattr(import_module(_HOME[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'extraction' has no attribute {name!r}")
