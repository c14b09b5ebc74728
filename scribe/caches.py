"""Derived data computed once and kept in the data folder's ``cache/``, so no start pays for it.

Two things were recomputed at every start and cost more than transcribing a short dictation:
the ICD-10-CM index (simple-icd-10-cm parses its XML tree in about 1.3 s; the index loads in
about 50 ms) and a model's hotwords (thousands of near-spelling comparisons against the
vocabulary, about 1.2 s). Each cached file is named by a key of everything it was derived from,
so a new code set release, a changed vocabulary or another model's tokenizer makes a new file
instead of a stale answer. A cache is public, rebuildable data: an unreadable one is rebuilt,
never an error, and a cache that cannot be written costs only time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from scribe import paths
from scribe.errors import ScribeError


def _cached(name: str, build: Callable[[], bytes]) -> bytes:
    """The bytes of ``cache/name``, built and written when absent or unreadable."""
    from scribe.crypto import read_bytes

    try:
        return read_bytes(paths.cache_dir() / name)
    except (OSError, ScribeError):
        pass
    data = build()
    _write(name, data)
    return data


def _write(name: str, data: bytes) -> None:
    from scribe.fsutil import atomic_write_bytes

    try:
        atomic_write_bytes(paths.cache_dir() / name, data)
    except ScribeError:
        pass  # a read-only data folder: the next start builds it again


def install_code_index() -> None:
    """Give billing the ICD-10-CM index from the cache (built from simple-icd-10-cm once)."""
    from billing import codeset

    name = f"icd10cm-{codeset.index_key()}.bin"
    blob = _cached(name, lambda: codeset.CodeIndex.from_package().dumps())
    try:
        index = codeset.CodeIndex.loads(blob)
    except ValueError:  # damaged: rebuild in place
        index = codeset.CodeIndex.from_package()
        _write(name, index.dumps())
    codeset.install_index(index)


def hotwords(terms: list[str], tokenizer_key: str, build: Callable[[], str]) -> str:
    """A model's hotwords for ``terms``, built once per vocabulary and tokenizer."""
    digest = hashlib.sha256("\n".join([tokenizer_key, *terms]).encode("utf-8")).hexdigest()[:24]
    return _cached(f"hotwords-{digest}.txt", lambda: build().encode("utf-8")).decode("utf-8")
