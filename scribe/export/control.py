"""837P envelope control numbers that never repeat: a counter file in the data folder.

The counter is read, incremented and written back under an exclusive lock, and the new value
is written atomically, so two exports at once (CLI and page) never get the same number and a
crash mid-write leaves the old value, never a half-written one.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from scribe.errors import BadInput
from scribe.fsutil import atomic_write_text
from scribe.paths import data_dir

MAX_CONTROL = 999_999_999  # ISA13 is nine digits
COUNTER_FILE = "x12-control-number"


@contextmanager
def _locked(path) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def next_control_number() -> int:
    """The next interchange/group control number, persisted before it is handed out."""
    folder = data_dir()
    counter = folder / COUNTER_FILE
    with _locked(folder / f".{COUNTER_FILE}.lock"):
        text = counter.read_text(encoding="ascii").strip() if counter.exists() else "0"
        try:
            last = int(text)
        except ValueError:
            raise BadInput(f"The control number file {counter} is damaged ('{text[:20]}').",
                           "Put the last used control number in it (a whole number).") from None
        if last >= MAX_CONTROL:
            raise BadInput("All nine-digit 837P control numbers are used up.", f"See {counter}.")
        value = last + 1
        atomic_write_text(counter, f"{value}\n")
    return value
