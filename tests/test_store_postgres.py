"""The same store on a PostgreSQL server, for a clinic that runs its own (SCRIBE_DATABASE_URL).

Starts a throw-away cluster on loopback; skipped only where PostgreSQL is not installed
(.ci/run installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.test_store import _session

BIN = Path("/usr/lib/postgresql/15/bin")


def _tool(name: str) -> str | None:
    return shutil.which(name) or (str(BIN / name) if (BIN / name).exists() else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pg_url():
    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server binaries are not installed")
    pytest.importorskip("psycopg")
    root = Path(tempfile.mkdtemp(prefix="scribe-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        prefix = ["runuser", "-u", "postgres", "--"]
        shutil.chown(root, "postgres")
    port = _free_port()
    data = root / "data"
    subprocess.run([*prefix, initdb, "-D", str(data), "-A", "trust", "-U", "scribe"], check=True,
                   capture_output=True)
    subprocess.run([*prefix, pg_ctl, "-D", str(data), "-w", "-l", str(root / "log"), "-o",
                    f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "start"], check=True,
                   capture_output=True)
    try:
        yield f"postgresql+psycopg://scribe@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def test_store_works_the_same_on_postgres(pg_url, monkeypatch):
    from scribe.errors import ConflictError
    from scribe.store import SessionStore

    monkeypatch.setenv("SCRIBE_DATABASE_URL", pg_url)
    store = SessionStore.open()
    assert store.engine.dialect.name == "postgresql"
    store.create(_session(sid="20261123-pg0001", text="thirty minutes of massage"))
    a = store.get("20261123-pg0001")
    b = store.get("20261123-pg0001")
    store.save(a)
    with pytest.raises(ConflictError):
        store.save(b)
    assert [s.id for s in SessionStore.open().list()] == ["20261123-pg0001"]
