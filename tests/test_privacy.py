"""Privacy: no network at run time, no PHI in error messages or logs, owner-only files.

The whole chain (typed note and a real recording -> transcription -> extraction -> billing ->
confirm -> exports -> the review page) runs with sockets blocked, twice: in-process with every
socket call patched to fail and Python's audit hook watching for any socket use, and in a real
process inside a network namespace with no network at all (catches C code too).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "samples" / "audio" / "demo_neck_back.flac"
# Protected health information a test session carries: nothing of it may reach an error or a log.
NAME, SURNAME, DOB, MEMBER = "Zebediah", "Quibblesworth", "1961-04-12", "QBW991827364"
COMPLAINT = "gout flare in her left big toe"
NOTE = (f"Mrs {SURNAME} came in with a {COMPLAINT} and low back pain, seven out of ten. "
        "Myofascial release to the left shoulder. Thirty minutes of Swedish massage to the low back. "
        "Pain four out of ten after.")
PHI = (NAME, SURNAME, DOB, MEMBER, COMPLAINT, "big toe", "gout")

_SOCKET_EVENTS: list[list[str]] = []


def _audit(event: str, args) -> None:
    """Record socket use that could reach a network: connect, resolve, send, bind off loopback."""
    if not _SOCKET_EVENTS or not event.startswith("socket.") or event == "socket.__new__":
        return
    if event == "socket.bind" and isinstance(args[1], tuple) and args[1][0] in ("::1", "127.0.0.1"):
        return  # urllib3 binds ::1 at import to learn whether IPv6 exists: loopback, no traffic
    _SOCKET_EVENTS[-1].append(f"{event}{args[1:]!r}")


sys.addaudithook(_audit)  # permanent for the process, but records only inside watch_sockets()


@contextlib.contextmanager
def watch_sockets():
    """Every socket operation Python performs meanwhile (create, connect, resolve, bind, send)."""
    seen: list[str] = []
    _SOCKET_EVENTS.append(seen)
    try:
        yield seen
    finally:
        _SOCKET_EVENTS.remove(seen)


@pytest.fixture(scope="session")
def transcriber():
    from scribe.transcribe import get_transcriber

    return get_transcriber(None)


def _confirm_all(cli, sid: str) -> None:
    shown = cli("show", sid, "--json").json()
    args = []
    for rule in sorted({f["id"] for f in shown["rule_findings"] if f["severity"] == "blocking"}):
        args += ["--override", rule, "--reason", "billed by hand"]
    res = cli("confirm", sid, "--yes", *args)
    assert res.code == 0, res.err


@pytest.mark.slow
def test_the_whole_chain_makes_no_network_call(cli, no_network, scribe_home):
    from fastapi.testclient import TestClient

    from scribe.transcribe import _cached
    from scribe.web.app import create_app
    from scribe.web.security import Guard

    _cached.cache_clear()  # the speech model itself is loaded with the network blocked
    with watch_sockets() as used:
        for key, value in (("practice.name", "Harbor Massage"), ("provider.first_name", "Ann"),
                           ("provider.last_name", "Lee")):
            assert cli("settings", "set", key, value).code == 0
        typed = cli("process", "-", "--json", stdin=NOTE)
        spoken = cli("process", DEMO, "--json")
        assert typed.code == 0 and spoken.code == 0, typed.err + spoken.err
        assert "swedish massage" in spoken.json()["transcript"]["text"].lower()
        for data in (typed.json(), spoken.json()):
            _confirm_all(cli, data["id"])
            for fmt in ("json", "soap-pdf"):
                res = cli("export", data["id"], "--format", fmt)
                assert res.code == 0, res.err
        guard = Guard(port=8766)
        page = TestClient(create_app(guard), base_url="http://127.0.0.1:8766")
        sid = spoken.json()["id"]
        assert page.get(f"/s/{sid}?token={guard.token}").status_code == 200
        assert page.get(f"/s/{sid}/audio").content == DEMO.read_bytes()
    assert used == []


@pytest.mark.slow
def test_a_real_process_without_any_network_does_the_whole_chain(scribe_home, tmp_path):
    """A network namespace has no interface but a downed loopback: any attempt fails at the kernel."""
    unshare = shutil.which("unshare")
    if not unshare or subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode != 0:
        pytest.skip("this machine cannot make a network namespace (unshare -rn)")
    offline = [unshare, "-rn", sys.executable, "-m", "scribe"]
    note = tmp_path / "note.txt"
    note.write_text(NOTE)
    run = lambda *a: subprocess.run([*offline, *map(str, a)], cwd=REPO, capture_output=True, text=True,  # noqa: E731
                                    timeout=300)
    probe = subprocess.run([unshare, "-rn", sys.executable, "-c",
                            "import socket; socket.create_connection(('127.0.0.1', 9), timeout=2)"],
                           capture_output=True, text=True)
    assert probe.returncode != 0 and "unreachable" in probe.stderr.lower()  # not even loopback is up
    res = run("process", note, DEMO)
    assert res.returncode == 0, res.stderr
    assert "Processed 2 of 2" in res.stderr
    sessions = subprocess.run([sys.executable, "-m", "scribe", "sessions", "--json"], cwd=REPO,
                              capture_output=True, text=True).stdout
    assert sessions.count('"id"') == 2


def test_errors_and_logs_carry_no_phi_by_default(cli, scribe_home, tmp_path, monkeypatch, caplog):
    """Stored PHI (client details, the note) never reaches an error or a log; an error may only
    repeat what was typed on that same command line."""
    monkeypatch.delenv("SCRIBE_DEBUG", raising=False)
    caplog.set_level(logging.DEBUG)
    for key, value in (("first_name", NAME), ("last_name", SURNAME), ("date_of_birth", DOB),
                       ("member_id", MEMBER)):
        assert cli("client", "set", "qb-1", key, value).code == 0
    data = cli("process", "-", "--json", "--client", "qb-1", stdin=NOTE).json()
    sid = data["id"]
    assert COMPLAINT in data["transcript"]["text"]  # the session does carry the PHI
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    failures = [
        cli("confirm", sid, "--yes"),  # blocking finding: refused with the finding's sentence
        cli("edit", sid, "treatment.t1.minutes", "lots"),
        cli("edit", sid, "treatment.t1.cpt", "99999"),
        cli("export", sid, "--format", "cms1500-csv"),  # a draft: refused
        cli("process", "-", "--payer", "nope", stdin=NOTE),
        cli("show", sid + "x"),
        cli("edit", sid, "--undo"),  # nothing to undo
    ]
    _confirm_all(cli, sid)
    failures += [
        cli("export", sid, "--format", "cms1500-csv"),  # practice details missing: the list of them
        cli("export", sid, "--format", "json", "--out", fifo),
    ]

    def bug(*_a, **_k):  # a bug whose exception text quotes the note, as pydantic's do
        from models import Transcript

        Transcript.model_validate({"text": NOTE, "segments": [
            {"start": 0, "end": 1, "text": NOTE, "char_start": 0, "char_end": 10**6}]})

    monkeypatch.setattr("scribe.render.session_summary", bug)
    crashed = cli("show", sid)
    failures.append(crashed)
    assert crashed.code == 1 and "scribe hit a bug (ValidationError)" in crashed.err
    assert 'in bug' in crashed.err and "pydantic_core._pydantic_core.ValidationError" in crashed.err
    for res in failures:
        assert res.code != 0 and res.err.startswith("error: "), res.err
        for word in PHI:
            assert word not in res.err, (word, res.err)
    for word in PHI:
        assert word not in caplog.text


def test_full_error_only_when_asked_for(cli, monkeypatch):
    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    monkeypatch.setattr("scribe.render.session_summary", lambda *_: (_ for _ in ()).throw(ValueError(NOTE)))
    assert SURNAME not in cli("show", sid).err
    monkeypatch.setenv("SCRIBE_DEBUG", "1")
    with pytest.raises(ValueError, match=SURNAME):
        cli("show", sid)


@pytest.mark.slow
def test_every_file_and_folder_in_the_data_folder_is_owner_only(cli, scribe_home, transcriber, tmp_path):
    from scribe.store import SessionStore

    loose = os.umask(0)  # the most careless umask: permissions must not depend on it
    try:
        assert cli("settings", "set", "practice.name", "Harbor Massage").code == 0
        assert cli("client", "set", "qb-1", "first_name", NAME).code == 0
        text = cli("process", "-", "--json", stdin=NOTE).json()["id"]
        audio = cli("process", DEMO, "--json").json()["id"]
        silent = tmp_path / "silent.wav"
        _silent_wav(silent)
        assert cli("process", silent).code == 2  # kept, out of the way, under audio/unusable/
        for sid in (text, audio):
            _confirm_all(cli, sid)
            assert cli("export", sid, "--format", "json").code == 0
        store = SessionStore.open()
        with store.engine.connect() as conn:  # while a connection is open, -wal and -shm exist
            conn.exec_driver_sql("SELECT count(*) FROM sessions").scalar()
            names = {p.name for p in scribe_home.iterdir()}
            assert {"scribe.db", "scribe.db-wal", "scribe.db-shm", "settings.toml"} <= names
            found = _modes(scribe_home)
    finally:
        os.umask(loose)
    kinds = {p.relative_to(scribe_home).parts[0] for p in found if p != scribe_home}
    assert {"audio", "exports", "scribe.db-wal", "scribe.db-shm", "settings.toml"} <= kinds
    assert any("unusable" in p.parts for p in found)
    wrong = {str(p): oct(m) for p, m in found.items() if m != (0o700 if p.is_dir() else 0o600)}
    assert wrong == {}


def test_a_data_folder_made_by_hand_is_closed_and_a_shared_one_refused(cli, scribe_home, tmp_path, monkeypatch):
    scribe_home.mkdir(mode=0o755)
    os.chmod(scribe_home, 0o755)
    assert cli("sessions").code == 0
    assert stat.S_IMODE(scribe_home.stat().st_mode) == 0o700
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp
    monkeypatch.setenv("SCRIBE_HOME", str(shared))
    res = cli("sessions")
    assert res.code == 2 and "shared with other users" in res.err
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777  # left as it was


def _modes(root: Path) -> dict[Path, int]:
    return {p: stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")]}


def _silent_wav(path: Path) -> None:
    import wave

    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x00\x00" * 16000 * 2)
