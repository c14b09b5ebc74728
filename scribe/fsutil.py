"""Atomic, durable writes: a closed laptop mid-save leaves the old file or the new, never half.

The data goes to a hidden temporary file beside the target (``.<name>.<random>.tmp``), is
fsynced, then renamed over the target; a crash before the rename leaves only that temporary
file, which scribe.recovery reports and removes. Files are owner-only. This module writes the
bytes it is given; encrypting recordings and exports at rest is scribe.crypto's (``crypto.write_bytes``
seals, then writes through here), so the two never import each other.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from scribe.errors import CannotWrite
from scribe.faults import fault

TMP_SUFFIX = ".tmp"


def cannot_write(path: Path, exc: OSError, hint: str = "") -> CannotWrite:
    return CannotWrite(f"{path} cannot be written ({exc.strerror or exc}).", hint)


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> Path:
    path = Path(path)
    _check_target(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        fault("mid_write")
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise cannot_write(path, exc, "Check the folder exists, is yours, and the disk has space.") from None
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return path


def atomic_write_text(path: Path, text: str, mode: int = 0o600) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), mode)


def _check_target(path: Path) -> None:
    """Refuse names that are not file names, and never replace a device, pipe or folder."""
    if "\x00" in str(path):
        raise CannotWrite(f"{str(path)!r} is not a usable file name (it contains a NUL character).")
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as exc:
        raise cannot_write(path, exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise CannotWrite(f"{path} is not a regular file, so scribe will not replace it.",
                          "Give the path of a new or ordinary file.")


def is_temp_leftover(path: Path) -> bool:
    """A temporary file of an atomic write (a crash before its rename leaves one behind)."""
    return path.name.startswith(".") and path.name.endswith(TMP_SUFFIX)


def temp_target_name(path: Path) -> str:
    """The name of the file a temporary file was going to become: '.a.json.x1y2.tmp' -> 'a.json'."""
    return path.name[1:-len(TMP_SUFFIX)].rsplit(".", 1)[0]


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot fsync a directory; the rename is still atomic
    finally:
        os.close(fd)
