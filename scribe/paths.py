"""The data folder (cli.md): SCRIBE_HOME, else the platform's user data directory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

APP_NAME = "scribe"


def data_dir() -> Path:
    """Create the data folder owner-only, because it holds protected health information."""
    env = os.environ.get("SCRIBE_HOME")
    if env:
        path = Path(env).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return _owner_only(path)


def _sub(name: str) -> Path:
    path = data_dir() / name
    path.mkdir(exist_ok=True, mode=0o700)
    return _owner_only(path)


def _owner_only(folder: Path) -> Path:
    """A folder made earlier (by hand, or with a loose umask) is closed to others as well."""
    st = folder.stat()
    if not st.st_mode & 0o077:
        return folder
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    if not mine or st.st_mode & stat.S_ISVTX:  # e.g. SCRIBE_HOME=/tmp: never loosen or seize it
        from scribe.errors import CannotWrite

        raise CannotWrite(f"{folder} is shared with other users; protected health information cannot go there.",
                          "Set SCRIBE_HOME to a folder of your own, e.g. ~/scribe-data.")
    folder.chmod(stat.S_IMODE(st.st_mode) & 0o700)
    return folder


def audio_dir() -> Path:
    return _sub("audio")


def exports_dir() -> Path:
    return _sub("exports")


def profiles_dir() -> Path:
    return _sub("profiles")


def pairs_dir() -> Path:
    return _sub("pairs")


def vocab_dir() -> Path:
    """The clinic's taught words (scribe/vocab.py): ``vocab/clinic.jsonl``."""
    return _sub("vocab")


def clinic_words_path() -> Path:
    """The clinic's taught words file (scribe/vocab.py reads and writes it)."""
    return vocab_dir() / "clinic.jsonl"


def models_dir() -> Path:
    return _sub("models")


def cache_dir() -> Path:
    """Derived public data (the ICD-10-CM index, hotwords): safe to delete, rebuilt on use."""
    return _sub("cache")


def settings_path() -> Path:
    return data_dir() / "settings.toml"


def database_url() -> str:
    """SCRIBE_DATABASE_URL for a clinic's own server, else SQLite in the data folder."""
    return os.environ.get("SCRIBE_DATABASE_URL") or f"sqlite:///{data_dir() / 'scribe.db'}"
