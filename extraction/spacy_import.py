"""Import spaCy without its command line, which extraction never uses.

``import spacy`` runs ``from .cli.info import info`` (for ``spacy.info``), and importing that one
function imports the whole ``spacy.cli`` package: every command with typer, weasel, requests,
httpx, jinja2 and rich, about 360 modules and 0.15 s of the 0.55 s spaCy takes to import.
That is time the therapist waits for on ``scribe process FILE``, whose analysis process loads
spaCy while the speech model transcribes (scribe/analysis_process.py).

So the first import goes through here: ``spacy.cli`` and ``spacy.cli.info`` are stand-ins for the
length of ``import spacy`` only, then leave ``sys.modules``. Nothing is lost: ``spacy.info`` still
works (it imports the real one when called) and ``import spacy.cli`` later imports the real
package. If a spaCy release imports more of its command line than the stand-ins have, spaCy is
imported the ordinary way instead.
"""

from __future__ import annotations

import sys
import threading
import types

_LOCK = threading.Lock()
_STANDINS = ("spacy.cli", "spacy.cli.info")


def _info(*args, **kwargs):
    """``spacy.info``: the real function, imported on first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> None:
    """Import spaCy (once per process) without importing ``spacy.cli``."""
    if "spacy" in sys.modules:
        return
    with _LOCK:
        if "spacy" in sys.modules or any(name in sys.modules for name in _STANDINS):
            return
        cli = types.ModuleType("spacy.cli")
        cli.__path__ = []  # a package: the import system looks `info` up in it
        info = types.ModuleType("spacy.cli.info")
        info.info = _info
        sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
        try:
            import spacy
        except ImportError:
            spacy = None
        finally:
            for name in _STANDINS:
                sys.modules.pop(name, None)
        if spacy is None:
            import spacy  # noqa: F401  (the ordinary way: this release needs more of spacy.cli)
            return
        spacy.__dict__.pop("cli", None)  # so `spacy.cli` is the real package once someone imports it
