"""After a crash: recordings that were saved but never became a session.

Audio is written to the data folder before processing starts, so a power cut mid-transcription
leaves the recording behind with no session. The next start finds it and says what to do.
"""

from __future__ import annotations

from pathlib import Path

from scribe import paths


def unprocessed_recordings(store) -> list[Path]:
    known = {Path(s.input_path).name for s in store.list() if s.input_path}
    audio = paths.audio_dir()
    return sorted(
        p for p in audio.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name not in known
    )


def notice(store) -> str | None:
    found = unprocessed_recordings(store)
    if not found:
        return None
    listed = "\n".join(f"  scribe process {p}" for p in found)
    return (f"{len(found)} recording(s) were saved but not processed (interrupted?). "
            f"Nothing is lost; process them with:\n{listed}")
