"""Nothing lost: a real `scribe` process is killed at chosen points and the data folder is checked.

SIGKILL is a power cut as far as the process knows: no cleanup, no finally. After each kill the
recording is intact on disk, the database opens and passes SQLite's integrity check, every stored
session loads, no half-written file is in place, and the next start (`scribe sessions`) says
what was interrupted and the command that finishes it. The hook is scribe.faults.fault.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models import Session
from scribe.fsutil import is_temp_leftover

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "samples" / "audio" / "demo_neck_back.flac"
NOTE = ("Client came in with low back pain, six out of ten. Thirty minutes of Swedish massage to "
        "the low back. Pain three out of ten after.")


def scribe(*args, env: dict | None = None, stdin: str | None = None, timeout: float = 120):
    """`python -m scribe ARGS` in a real process, with this test's data folder (SCRIBE_HOME)."""
    return subprocess.run([sys.executable, "-m", "scribe", *map(str, args)], cwd=REPO, input=stdin,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=timeout)


def stored_sessions(home: Path) -> list[Session]:
    """Open the database as a fresh reader would: integrity checked, every row a whole session.
    No database yet is no session (a one-recording `scribe process` opens it only to save)."""
    if not (home / "scribe.db").exists():
        return []
    con = sqlite3.connect(home / "scribe.db")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = con.execute("SELECT id, revision, data FROM sessions").fetchall()
    finally:
        con.close()
    sessions = [Session.model_validate_json(data) for _id, _rev, data in rows]
    assert [s.id for s in sessions] == [r[0] for r in rows]
    return sessions


def leftovers(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if is_temp_leftover(p)]


def age(paths: list[Path], seconds: float = 3600) -> None:
    """Make files look as old as a crash from before the last start."""
    then = time.time() - seconds
    for p in paths:
        os.utime(p, (then, then))


@pytest.fixture
def confirmed(cli):
    data = cli("process", "-", "--json", stdin=NOTE).json()
    assert cli("confirm", data["id"], "--yes").code == 0
    return data["id"]


def test_crash_after_the_audio_is_saved_keeps_it_and_the_next_start_says_how_to_finish(scribe_home):
    killed = scribe("process", DEMO, env={"SCRIBE_CRASH_AT": "after_audio_saved"})
    assert killed.returncode == -signal.SIGKILL
    (kept,) = [p for p in (scribe_home / "audio").iterdir() if p.is_file()]
    assert hashlib.sha256(kept.read_bytes()).digest() == hashlib.sha256(DEMO.read_bytes()).digest()
    assert stored_sessions(scribe_home) == [] and leftovers(scribe_home) == []
    start = scribe("sessions")
    assert start.returncode == 0
    assert "1 recording(s) were saved but not processed" in start.stderr
    assert f"scribe process {kept}" in start.stderr


@pytest.mark.slow
def test_a_recording_left_by_a_crash_is_processed_once_and_the_notice_goes(scribe_home, cli, transcriber):
    assert scribe("process", DEMO, env={"SCRIBE_CRASH_AT": "after_audio_saved"}).returncode == -signal.SIGKILL
    (kept,) = [p for p in (scribe_home / "audio").iterdir() if p.is_file()]
    command = next(line.split()[1:] for line in cli("sessions").err.splitlines() if "scribe process" in line)
    res = cli(*command, "--json")
    assert res.code == 0, res.err
    session = res.json()
    assert session["input_path"] == f"audio/{kept.name}"  # the kept file itself, not a second copy
    assert [p.name for p in (scribe_home / "audio").iterdir()] == [kept.name]
    assert "swedish massage" in session["transcript"]["text"].lower()
    assert "not processed" not in cli("sessions").err


@pytest.mark.slow
def test_sigkill_at_a_random_moment_of_a_folder_of_recordings_loses_no_recording(scribe_home, tmp_path, cli,
                                                                                transcriber):
    folder = tmp_path / "visits"
    folder.mkdir()
    for name in ("a.flac", "b.flac"):
        (folder / name).write_bytes(DEMO.read_bytes())
    proc = subprocess.Popen([sys.executable, "-m", "scribe", "process", folder], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    audio = scribe_home / "audio"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (audio.is_dir() and any(audio.iterdir())):
        time.sleep(0.01)
    time.sleep(0.3)  # somewhere in loading the model or transcribing the first recording
    proc.kill()
    assert proc.wait(timeout=30) == -signal.SIGKILL
    sessions = stored_sessions(scribe_home)
    kept = sorted(p for p in audio.iterdir() if p.is_file())
    assert kept and all(p.read_bytes() == DEMO.read_bytes() for p in kept)
    unprocessed = {p.name for p in kept} - {Path(s.input_path).name for s in sessions}
    assert unprocessed  # killed before the second recording had a session
    notice = cli("sessions").err
    for name in unprocessed:
        assert f"scribe process {audio / name}" in notice


def test_crash_inside_the_save_transaction_leaves_no_half_session(scribe_home, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(NOTE)
    killed = scribe("process", note, env={"SCRIBE_CRASH_AT": "before_session_saved"})
    assert killed.returncode == -signal.SIGKILL
    assert stored_sessions(scribe_home) == []  # the uncommitted insert is gone, the file is sound
    again = scribe("process", note, "--json")
    assert again.returncode == 0, again.stderr
    assert [s.id for s in stored_sessions(scribe_home)] == [json.loads(again.stdout)["id"]]


def test_crash_while_saving_an_edit_keeps_the_last_saved_version(scribe_home, cli):
    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    before = cli("show", sid, "--json").json()
    killed = scribe("edit", sid, "soap.plan", "Ice at home.", env={"SCRIBE_CRASH_AT": "before_session_saved"})
    assert killed.returncode == -signal.SIGKILL
    (stored,) = stored_sessions(scribe_home)
    assert stored.soap.plan == before["soap"]["plan"] and len(stored.audit) == len(before["audit"])
    assert cli("show", sid, "--json").json()["revision"] == before["revision"]
    assert cli("edit", sid, "soap.plan", "Ice at home.").code == 0  # and the store takes the next save


def test_crash_mid_export_leaves_no_half_file_and_the_next_start_says_export_again(scribe_home, cli, confirmed):
    killed = scribe("export", confirmed, "--format", "json", env={"SCRIBE_CRASH_AT": "mid_write"})
    assert killed.returncode == -signal.SIGKILL
    exports = scribe_home / "exports"
    assert [p for p in exports.iterdir() if not is_temp_leftover(p)] == []  # never half a file in place
    (tmp,) = leftovers(scribe_home)
    (stored,) = stored_sessions(scribe_home)
    assert stored.status.value == "confirmed" and stored.exports == []  # nothing recorded
    assert "interrupted" not in scribe("sessions").stderr  # a fresh temporary file may be a write in progress
    age([tmp])
    start = scribe("sessions")
    assert f"An export of session {confirmed} as json was interrupted" in start.stderr
    assert f"scribe export {confirmed} --format json" in start.stderr
    assert leftovers(scribe_home) == []  # the part-written copy is cleaned up
    assert cli("export", confirmed, "--format", "json").code == 0
    assert "interrupted" not in cli("sessions").err


def test_crash_between_export_file_and_its_record_is_reported_and_repaired(scribe_home, cli, confirmed):
    killed = scribe("export", confirmed, "--format", "json", env={"SCRIBE_CRASH_AT": "before_session_saved"})
    assert killed.returncode == -signal.SIGKILL
    (written,) = (scribe_home / "exports").iterdir()
    assert json.loads(written.read_text())["id"] == confirmed  # the file is whole
    (stored,) = stored_sessions(scribe_home)
    assert stored.exports == []
    start = cli("sessions").err
    assert f"{written} was written but its export was not recorded on session {confirmed}" in start
    assert f"scribe export {confirmed} --format json" in start
    assert cli("export", confirmed, "--format", "json").code == 0
    assert [Path(r["path"]).name for r in cli("show", confirmed, "--json").json()["exports"]] == [written.name]
    assert "not recorded" not in cli("sessions").err


def test_sigkill_at_a_random_moment_of_a_folder_of_notes_leaves_a_sound_store(scribe_home, tmp_path, cli):
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(12):
        (folder / f"note{i:02}.txt").write_text(f"{NOTE} Visit {i}.")
    proc = subprocess.Popen([sys.executable, "-m", "scribe", "process", folder], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = scribe_home / "scribe.db"
    deadline = time.monotonic() + 60
    count = 0
    while time.monotonic() < deadline and count == 0:
        time.sleep(0.005)
        if db.exists():
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
                try:
                    count = con.execute("SELECT count(*) FROM sessions").fetchone()[0]
                except sqlite3.OperationalError:
                    count = 0  # the table is not created yet
    proc.kill()
    assert proc.wait(timeout=30) == -signal.SIGKILL
    sessions = stored_sessions(scribe_home)
    assert 1 <= len(sessions) < 12  # killed midway
    assert all(s.claim.lines and s.transcript.text.startswith("Client came in") for s in sessions)
    assert cli("process", folder).code == 0
    assert len(cli("sessions", "--json").json()) == len(sessions) + 12


# concurrency ----------------------------------------------------------------------
def paused(tmp_path: Path, name: str, *args) -> tuple[subprocess.Popen, Path]:
    """A `scribe` process stopped just before it saves, until the returned file is created."""
    go = tmp_path / name
    env = {**os.environ, "SCRIBE_PAUSE_AT": "before_save", "SCRIBE_PAUSE_FILE": str(go)}
    proc = subprocess.Popen([sys.executable, "-m", "scribe", *map(str, args)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not Path(f"{go}.ready").exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    return proc, go


def test_two_processes_editing_one_session_never_lose_an_update_silently(scribe_home, tmp_path, cli):
    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    first, go_first = paused(tmp_path, "first", "edit", sid, "soap.plan", "Plan from the first window.")
    second, go_second = paused(tmp_path, "second", "edit", sid, "soap.plan", "Plan from the second window.")
    go_first.touch()
    out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    go_second.touch()
    out, err = second.communicate(timeout=60)
    assert second.returncode == 1
    assert err.strip() == ("error: This session was changed elsewhere since you opened it; nothing was "
                           "overwritten. Reload it and make your change again.")
    shown = cli("show", sid, "--json").json()
    assert shown["soap"]["plan"] == "Plan from the first window."
    assert [a["new"] for a in shown["audit"] if a["action"] == "edit"] == ["Plan from the first window."]


def test_the_cli_loses_to_a_save_from_the_page_and_says_so(scribe_home, tmp_path, cli):
    from scribe.actions import edit
    from scribe.store import SessionStore

    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    proc, go = paused(tmp_path, "cli", "edit", sid, "soap.subjective", "From the terminal.")
    store = SessionStore.open()  # what the review page does on a change: load, edit, save
    store.save(edit(store.get(sid), "soap.subjective", "From the page."))
    go.touch()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and "changed elsewhere" in err and "Traceback" not in err
    assert store.get(sid).soap.subjective == "From the page."


def test_a_save_that_waits_too_long_for_another_writer_is_a_plain_refusal(scribe_home, cli, monkeypatch):
    import scribe.store

    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    revision = cli("show", sid, "--json").json()["revision"]
    monkeypatch.setattr(scribe.store, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(scribe_home / "scribe.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process mid-save holds the write lock
    try:
        res = cli("edit", sid, "soap.plan", "Heat.")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert res.code == 1 and "is saving right now; nothing was changed" in res.err
    assert cli("show", sid, "--json").json()["revision"] == revision
    assert cli("edit", sid, "soap.plan", "Heat.").code == 0


# writes that must not happen ------------------------------------------------------------
def test_export_never_replaces_a_device_pipe_or_folder_and_says_why(scribe_home, cli, confirmed, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, words in ((fifo, "not a regular file"), (tmp_path / "o\x00ut.json", "NUL character"),
                          (tmp_path / "no" / "such" / "\x00", "NUL character"),
                          (Path("/proc/self/nope/x.json"), "cannot be written")):
        res = cli("export", confirmed, "--format", "json", "--out", target)
        assert res.code == 2 and words in res.err, res.err
        assert len(res.err.strip().splitlines()) == 1 and "Traceback" not in res.err
    assert fifo.is_fifo()
    assert cli("show", confirmed, "--json").json()["exports"] == []


@pytest.fixture(scope="session")
def transcriber():
    from scribe.transcribe import get_transcriber

    return get_transcriber(None)  # cached process-wide: one model load for the whole run
