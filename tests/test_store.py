"""The session store on real SQLite: round trips, lost-update guard, permissions."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime, timezone

import pytest

from models import Claim, Extraction, Session, SessionStatus, SoapNote, Transcript
from scribe.errors import ConflictError, NotFound
from scribe.store import SessionStore


def _session(sid="20261123-abc123", text="hello"):
    now = datetime.now(timezone.utc)
    return Session(id=sid, created_at=now, updated_at=now, date_of_service=date(2026, 11, 23),
                   transcript=Transcript.from_text(text), extraction=Extraction(), soap=SoapNote(),
                   claim=Claim())


def test_round_trip_and_prefix_lookup(scribe_home):
    store = SessionStore.open()
    store.create(_session())
    got = store.get("20261123-abc")
    assert got.id == "20261123-abc123" and got.transcript.text == "hello"
    assert [s.id for s in store.list(status="draft")] == ["20261123-abc123"]
    assert store.list(status="confirmed") == []


def test_second_writer_is_refused_not_lost(scribe_home):
    store = SessionStore.open()
    store.create(_session())
    tab1 = store.get("20261123-abc123")
    tab2 = store.get("20261123-abc123")
    saved = store.save(tab1.model_copy(update={"soap": SoapNote(subjective="from tab 1")}))
    assert saved.revision == tab1.revision + 1
    with pytest.raises(ConflictError):
        store.save(tab2.model_copy(update={"soap": SoapNote(subjective="from tab 2")}))
    assert store.get("20261123-abc123").soap.subjective == "from tab 1"


def test_data_folder_and_database_are_owner_only(scribe_home):
    SessionStore.open().create(_session())
    assert stat.S_IMODE(os.stat(scribe_home).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(scribe_home / "scribe.db").st_mode) == 0o600


def test_wal_journal_is_on(scribe_home):
    store = SessionStore.open()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_ids_with_path_tricks_are_refused(scribe_home):
    store = SessionStore.open()
    with pytest.raises(NotFound):
        store.get("../x")
    with pytest.raises(NotFound):
        store.create(_session(sid="../../evil"))


def test_status_column_follows_the_model(scribe_home):
    store = SessionStore.open()
    s = store.create(_session())
    s = store.get(s.id)
    store.save(s.model_copy(update={"status": SessionStatus.confirmed}))
    assert [x.id for x in store.list(status="confirmed")] == [s.id]
