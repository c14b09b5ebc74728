"""After a crash: what was interrupted, and the one command that finishes it.

Nothing a crash interrupts is lost, because of the order things are saved in:
- a recording is written to the data folder before processing starts, so a power cut
  mid-transcription leaves the recording behind with no session: process it again;
- a session is saved in one SQLite transaction, so it is there whole or not at all;
- a file (recording, export) is written to a hidden temporary file and renamed into place,
  so a crash leaves that temporary file, never half a file: it is removed here once it is
  old enough not to belong to a write still running;
- an export is written first and recorded on its session after, so a crash in between leaves
  a file the session does not know about: export again to record it.
"""

from __future__ import annotations

import time
from pathlib import Path

from scribe import paths
from scribe.fsutil import is_temp_leftover, temp_target_name

STALE_TMP_SECONDS = 120  # a temporary file this old belongs to no running write


def unprocessed_recordings(sessions: list) -> list[Path]:
    known = {Path(s.input_path).name for s in sessions if s.input_path}
    audio = paths.audio_dir()
    return sorted(
        p for p in audio.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name not in known
    )


def stale_temp_files(max_age_s: float = STALE_TMP_SECONDS) -> list[Path]:
    """Temporary files of interrupted writes in the data folder (recordings, exports, settings)."""
    cutoff = time.time() - max_age_s
    folders = [paths.data_dir(), paths.audio_dir(), paths.exports_dir()]
    return sorted(p for folder in folders for p in folder.iterdir()
                  if p.is_file() and is_temp_leftover(p) and p.stat().st_mtime < cutoff)


def unrecorded_exports(sessions: list) -> list[tuple[Path, str, str]]:
    """(file, session id, format) for export files in the data folder no session records."""
    recorded = {Path(r.path).name for s in sessions for r in s.exports}
    ids = sorted((s.id for s in sessions), key=len, reverse=True)
    found = []
    for path in sorted(paths.exports_dir().iterdir()):
        if not path.is_file() or path.name.startswith(".") or path.name in recorded:
            continue
        guess = _export_of(path.name, ids)
        if guess:
            found.append((path, *guess))
    return found


def _export_of(name: str, ids: list[str]) -> tuple[str, str] | None:
    """'<id>-<format>[-N].<ext>' (the export file name) -> (id, format)."""
    sid = next((i for i in ids if name.startswith(i + "-")), None)
    if sid is None:
        return None
    fmt = name[len(sid) + 1:].rsplit(".", 1)[0]
    head, _, tail = fmt.rpartition("-")
    return sid, (head if head and tail.isdigit() else fmt)


def interrupted_exports(temps: list[Path], sessions: list) -> list[tuple[str, str]]:
    ids = sorted((s.id for s in sessions), key=len, reverse=True)
    out = []
    for tmp in temps:
        if tmp.parent.name == "exports":
            guess = _export_of(temp_target_name(tmp), ids)
            if guess:
                out.append(guess)
    return out


def notice(store) -> str | None:
    """What the last crash left, in plain sentences with the command for each; None if nothing."""
    parts = []
    sessions = store.list()
    found = unprocessed_recordings(sessions)
    if found:
        listed = "\n".join(f"  scribe process {p}" for p in found)
        parts.append(f"{len(found)} recording(s) were saved but not processed (interrupted?). "
                     f"Nothing is lost; process them with:\n{listed}")
    for path, sid, fmt in unrecorded_exports(sessions):
        parts.append(f"{path} was written but its export was not recorded on session {sid} (interrupted?). "
                     f"Export again to record it:\n  scribe export {sid} --format {fmt}")
    temps = stale_temp_files()
    for sid, fmt in interrupted_exports(temps, sessions):
        parts.append(f"An export of session {sid} as {fmt} was interrupted before its file was complete; "
                     f"nothing was recorded. Export it again:\n  scribe export {sid} --format {fmt}")
    if any(t.parent.name == "audio" for t in temps):
        parts.append("Saving a recording was interrupted before it was complete; an audio file you gave is "
                     "untouched where it was: process it again.")
    for tmp in temps:
        tmp.unlink(missing_ok=True)  # a part-written copy: the original or the session still has it all
    return "\n".join(parts) or None
