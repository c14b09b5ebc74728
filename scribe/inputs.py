"""Reading what the therapist gives us: typed text files, standard input, audio files, folders."""

from __future__ import annotations

import sys
from pathlib import Path

from scribe.errors import BadInput, NotFound, UnsupportedFormat

TEXT_EXTENSIONS = {".txt", ".text", ".md", ""}
MAX_TEXT_BYTES = 1_000_000  # a minute of dictation is ~1 KB; a megabyte is not a session note
KNOWN_BINARY = {".pdf", ".doc", ".docx", ".rtf", ".odt", ".zip", ".png", ".jpg", ".jpeg", ".mp4", ".mov"}
# What scribe/audio.py decodes. Kept here, not there: telling a recording from a note must not
# import numpy and the models, so `scribe process FILE` can start its analysis process first.
AUDIO_EXTENSIONS = frozenset({".wav", ".flac", ".mp3", ".m4a", ".ogg", ".opus", ".webm", ".aac"})


def audio_extensions() -> set[str]:
    return set(AUDIO_EXTENSIONS)


def is_audio(path: Path) -> bool:
    return path.suffix.lower() in audio_extensions()


def decode_text(data: bytes, name: str) -> str:
    """One clear sentence for each way a text file can be unusable."""
    if len(data) > MAX_TEXT_BYTES:
        raise BadInput(f"{name} is {len(data) // 1024} KB, far too long for a session note (limit 1 MB).")
    if b"\x00" in data:
        raise BadInput(f"{name} looks like a binary file, not typed text.",
                       "Give a .txt file, or an audio file (wav, flac, mp3, m4a, ogg).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{name} is not UTF-8 text (bad byte at position {exc.start}).",
                       "Save it as UTF-8 and try again.") from None
    if not text.strip():
        raise BadInput(f"{name} is empty: there is no dictation to process.")
    if not any(ch.isalpha() for ch in text):
        raise BadInput(f"{name} has no words in it: there is no dictation to process.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_input(spec: str) -> tuple[str, str]:
    """Return (text, display name) for a text file or '-' (standard input)."""
    if spec == "-":
        return decode_text(sys.stdin.buffer.read(), "Standard input"), "standard input"
    path = Path(spec)
    if not path.exists():
        raise NotFound(f"{spec} does not exist.")
    if path.is_dir():
        raise BadInput(f"{spec} is a folder; give a file.")
    suffix = path.suffix.lower()
    if suffix in KNOWN_BINARY:
        raise UnsupportedFormat(f"{path.name} is a {suffix} file, which scribe cannot read.",
                                "Give typed text (.txt) or audio (wav, flac, mp3, m4a, ogg).")
    from scribe.crypto import read_bytes

    try:
        data = read_bytes(path)  # plain, or typed text the data folder keeps encrypted
    except OSError as exc:
        raise BadInput(f"{spec} cannot be read ({exc.strerror}).") from None
    return decode_text(data, path.name), path.name


def expand_inputs(specs: list[str]) -> list[str]:
    """Folders and globs become the dictation files inside them, in a stable order."""
    out: list[str] = []
    for spec in specs:
        path = Path(spec)
        if spec != "-" and path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and (is_audio(p) or (p.suffix.lower() in {".txt", ".text"}
                                                   and not p.name.lower().endswith(".ref.txt")))
            )
            if not found:
                raise BadInput(f"{spec} holds no dictations (.txt or audio files).")
            out.extend(str(p) for p in found)
        elif spec != "-" and any(ch in spec for ch in "*?[") and not path.exists():
            matches = sorted(str(p) for p in Path().glob(spec))
            if not matches:
                raise NotFound(f"No files match {spec}.")
            out.extend(matches)
        else:
            out.append(spec)
    return out
