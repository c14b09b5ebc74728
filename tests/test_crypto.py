"""Encryption at rest (SCRIBE_PASSPHRASE): unreadable without the passphrase, whole with it, opt-in.

The database is SQLCipher through SQLAlchemy; recordings and exports in the data folder are
AES-256-GCM with a key derived by scrypt from the passphrase and the folder's salt.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
import wave
from io import BytesIO
from pathlib import Path

import pytest

pytest.importorskip("cryptography")
pytest.importorskip("sqlcipher3")

from scribe import crypto  # noqa: E402
from scribe.errors import PassphraseError  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "samples" / "audio" / "demo_neck_back.flac"
SURNAME, COMPLAINT = "Quibblesworth", "gout flare in her left big toe"
NOTE = (f"Mrs {SURNAME} came in with a {COMPLAINT} and low back pain, seven out of ten. "
        "Thirty minutes of Swedish massage to the low back. Pain four out of ten after.")
SECRET = "correct horse battery staple"


@pytest.fixture(scope="session")
def transcriber():
    from scribe.transcribe import get_transcriber

    return get_transcriber(None)


@pytest.fixture
def locked(monkeypatch):
    monkeypatch.setenv("SCRIBE_PASSPHRASE", SECRET)


def _files_bytes(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*") if p.is_file()}


def _page(port: int):
    from fastapi.testclient import TestClient

    from scribe.web.app import create_app
    from scribe.web.security import Guard

    guard = Guard(port=port)
    client = TestClient(create_app(guard), base_url=f"http://127.0.0.1:{port}")
    assert client.get(f"/?token={guard.token}").status_code == 200
    return client


@pytest.mark.slow
def test_with_a_passphrase_nothing_in_the_data_folder_is_readable_without_it(cli, scribe_home, locked, transcriber,
                                                                           monkeypatch, tmp_path):
    typed = cli("process", "-", "--json", stdin=NOTE).json()
    spoken = cli("process", DEMO, "--json").json()
    assert "swedish massage" in spoken["transcript"]["text"].lower()  # transcribed from the encrypted copy
    assert spoken["transcript"]["audio"]["sha256"] == hashlib.sha256(DEMO.read_bytes()).hexdigest()
    assert cli("confirm", typed["id"], "--yes").code == 0
    assert cli("export", typed["id"], "--format", "json").code == 0
    from scribe.store import SessionStore

    with SessionStore.open().engine.connect() as conn:  # -wal and -shm are there while it is open
        conn.exec_driver_sql("SELECT count(*) FROM sessions").scalar()
        on_disk = _files_bytes(scribe_home)
    assert {"scribe.db", "scribe.db-wal", "encryption.salt"} <= set(on_disk)
    assert stat.S_IMODE((scribe_home / "encryption.salt").stat().st_mode) == 0o600
    for name, data in on_disk.items():
        for secret in (SURNAME.encode(), b"big toe", typed["id"].encode(), b"SQLite format 3", b"fLaC"):
            assert secret not in data, (name, secret)
    kept = {p.suffix: p for p in (scribe_home / "audio").iterdir()}  # the recording and the typed text
    assert set(kept) == {".flac", ".txt"}
    (export,) = (scribe_home / "exports").iterdir()
    assert all(p.read_bytes().startswith(crypto.MAGIC) for p in [*kept.values(), export])
    recording = kept[".flac"]

    # with the passphrase everything reads back whole
    page = _page(8768)
    assert page.get(f"/s/{spoken['id']}/audio").content == DEMO.read_bytes()
    download = page.get(f"/s/{typed['id']}/exports/0")
    assert download.status_code == 200 and json.loads(download.content)["id"] == typed["id"]
    plain = tmp_path / "claim.json"
    assert cli("decrypt", export, "--out", plain).code == 0
    assert json.loads(plain.read_text())["transcript"]["text"] == NOTE
    assert cli("show", typed["id"], "--json").json()["transcript"]["text"] == NOTE

    # without it, or with another, nothing opens and each says why in one sentence
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(scribe_home / "scribe.db").execute("SELECT * FROM sessions").fetchall()
    monkeypatch.delenv("SCRIBE_PASSPHRASE")
    res = cli("sessions")
    assert res.code == 2 and "is encrypted" in res.err and "SCRIBE_PASSPHRASE" in res.err
    with pytest.raises(PassphraseError, match="is encrypted"):
        crypto.read_bytes(recording)
    import av

    with av.open(str(recording)) as other_tool:  # a player opens the container but finds no sound in it
        assert sum(frame.samples for frame in other_tool.decode(audio=0)) == 0
    monkeypatch.setenv("SCRIBE_PASSPHRASE", "wrong horse")
    res = cli("sessions")
    assert res.code == 2 and "cannot be opened with this passphrase" in res.err
    assert len(res.err.strip().splitlines()) == 1  # and no SQLCipher log noise
    res = cli("decrypt", export, "--out", tmp_path / "x.json")
    assert res.code == 2 and "passphrase is wrong or the file is damaged" in res.err
    assert not (tmp_path / "x.json").exists()


def test_without_a_passphrase_nothing_changes(cli, scribe_home, monkeypatch):
    monkeypatch.delenv("SCRIBE_PASSPHRASE", raising=False)
    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    assert cli("confirm", sid, "--yes").code == 0
    assert cli("export", sid, "--format", "json").code == 0
    assert not (scribe_home / "encryption.salt").exists()
    assert (scribe_home / "scribe.db").read_bytes().startswith(b"SQLite format 3\x00")
    (export,) = (scribe_home / "exports").iterdir()
    assert json.loads(export.read_text())["id"] == sid
    res = cli("decrypt", export, "--out", scribe_home.parent / "copy.json")
    assert res.code == 2 and "is not encrypted" in res.err


def test_a_passphrase_never_touches_a_database_made_without_one(cli, scribe_home, monkeypatch):
    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    before = (scribe_home / "scribe.db").read_bytes()
    monkeypatch.setenv("SCRIBE_PASSPHRASE", SECRET)
    res = cli("sessions")
    assert res.code == 2 and "made without encryption" in res.err
    monkeypatch.delenv("SCRIBE_PASSPHRASE")
    assert [s["id"] for s in cli("sessions", "--json").json()] == [sid]
    # still a plain SQLite file (bytes 24-27 are a change counter a WAL checkpoint may bump)
    assert (scribe_home / "scribe.db").read_bytes()[:16] == before[:16] == b"SQLite format 3\x00"


def test_an_export_given_a_path_outside_the_data_folder_is_plain(cli, scribe_home, locked, tmp_path):
    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    assert cli("confirm", sid, "--yes").code == 0
    out = tmp_path / "for-the-clearinghouse.json"
    assert cli("export", sid, "--format", "json", "--out", out).code == 0
    assert json.loads(out.read_text())["id"] == sid
    res = cli("decrypt", out, "--out", scribe_home / "exports" / "copy.json")
    assert res.code == 2


def test_files_are_authenticated_and_a_saved_recording_keeps_its_plain_hash(scribe_home, locked):
    from scribe import paths
    from scribe.audio import import_audio
    from scribe.crypto import write_bytes

    buf = BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x10\x00\xf0\xff" * 8000)
    plain = buf.getvalue()
    dest = paths.audio_dir() / "dictation-20261123-101500.wav"
    write_bytes(dest, plain)  # what the microphone recorder does
    stored = dest.read_bytes()
    assert stored.startswith(crypto.MAGIC) and plain not in stored
    source = import_audio(dest, dest)  # the dictate path: decoded and hashed from the encrypted file
    assert source.sha256 == hashlib.sha256(plain).hexdigest() and source.sample_rate == 16000
    assert crypto.encrypt(plain) != crypto.encrypt(plain)  # a fresh nonce each time
    tampered = bytearray(stored)
    tampered[-20] ^= 1
    with pytest.raises(PassphraseError, match="damaged"):
        crypto.decrypt(bytes(tampered))
    elsewhere = scribe_home.parent / "settings-copy.toml"  # outside audio/ and exports/: left plain
    write_bytes(elsewhere, b"x")
    assert elsewhere.read_bytes() == b"x"
