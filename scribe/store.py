"""The session store: SQLAlchemy over SQLite in the data folder, or a clinic's own database server.

Each session is stored whole as its JSON model plus a few indexed columns for listing. Saves are
guarded by a revision number, so two tabs (or the CLI and the page) never overwrite each other
silently: the second save is refused with ConflictError. Each write is one SQLite transaction
in the WAL journal, so a crash mid-save leaves the session as it was before. With a passphrase
(scribe.crypto) the SQLite file is an SQLCipher database.
"""

from __future__ import annotations

import json
import os
import re
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Iterator

from sqlalchemy import Integer, String, Text, create_engine, event, select, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from models import Session, SessionStatus
from scribe.errors import ConflictError, NotFound
from scribe.faults import fault
from scribe.paths import database_url

_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
BUSY_TIMEOUT_MS = 5000  # how long a save waits for another process's save to finish
BUSY = ("Another scribe (the review page or a second command) is saving right now; nothing was changed.",
        "Try again in a moment.")


class _Base(DeclarativeBase):
    pass


class SessionRow(_Base):
    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    date_of_service: Mapped[str] = mapped_column(String(10), index=True)
    client: Mapped[str | None] = mapped_column(String(128), nullable=True)
    payer: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))
    revision: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[str] = mapped_column(Text)


class ClientRow(_Base):
    __tablename__ = "clients"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    data: Mapped[str] = mapped_column(Text)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher only (plain SQLite ignores it): no stderr noise
    cur.execute("PRAGMA journal_mode=WAL")  # every edit durable as it happens
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    cur.close()


def no_session(session_id: str) -> NotFound:
    return NotFound(f"There is no session '{_shown(session_id)}'.", "Run 'scribe sessions' to list them.")


def check_session_id(session_id: str) -> str:
    """Session ids reach file names; refuse anything but plain ids (no path tricks)."""
    if not _ID_RE.fullmatch(session_id or ""):
        raise no_session(session_id)
    return session_id


def _shown(value: str | None) -> str:
    """A refused id as it may be echoed: short, control characters made visible (no terminal tricks)."""
    text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in (value or "")[:40])
    return text + ("..." if value and len(value) > 40 else "")


@contextmanager
def _writing() -> Iterator[None]:
    """A write that waited too long for another process's write: a plain sentence, not a traceback."""
    try:
        yield
    except OperationalError as exc:
        if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
            raise ConflictError(*BUSY) from None
        raise


def _create_private(db_path: str) -> None:
    """The SQLite file is created owner-only before SQLite opens it (its -wal and -shm follow its mode)."""
    fd = os.open(db_path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(db_path, 0o600)


class SessionStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        with _writing():
            _Base.metadata.create_all(engine)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str | None = None) -> "SessionStore":
        from scribe import crypto

        parsed = make_url(url or database_url())
        db_path = parsed.database if parsed.get_backend_name() == "sqlite" else None
        if db_path and db_path != ":memory:":
            _create_private(db_path)
            parsed = crypto.sqlite_url(parsed)
        engine = create_engine(parsed, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        try:
            return cls(engine)
        except DatabaseError as exc:
            engine.dispose()
            if db_path and "not a database" in str(exc.orig) and crypto.enabled():
                raise crypto.wrong_passphrase(db_path) from None
            raise

    # sessions -------------------------------------------------------------
    def create(self, session: Session) -> Session:
        check_session_id(session.id)
        row = SessionRow(
            id=session.id,
            status=session.status.value,
            date_of_service=session.date_of_service.isoformat(),
            client=session.client,
            payer=session.payer,
            created_at=session.created_at.isoformat(),
            updated_at=session.updated_at.isoformat(),
            revision=session.revision,
            data=session.model_dump_json(),
        )
        fault("before_save")
        with _writing(), self._sessions.begin() as db:
            db.add(row)
            db.flush()
            fault("before_session_saved")
        return session

    def get(self, session_id: str) -> Session:
        check_session_id(session_id)
        with self._sessions() as db:
            row = db.get(SessionRow, session_id)
            if row is None:
                # a unique beginning of an id; '_' is a LIKE wildcard, so it is escaped
                matches = db.scalars(
                    select(SessionRow).where(SessionRow.id.startswith(session_id, autoescape=True)).limit(2)
                ).all()
                if len(matches) == 1:
                    row = matches[0]
        if row is None:
            raise no_session(session_id)
        session = Session.model_validate_json(row.data)
        return session.model_copy(update={"revision": row.revision})

    def save(self, session: Session) -> Session:
        """Write a changed session if nobody saved it since it was read; bump its revision."""
        now = datetime.now(timezone.utc)
        new = session.model_copy(update={"revision": session.revision + 1, "updated_at": now})
        fault("before_save")
        with _writing(), self._sessions.begin() as db:
            result = db.execute(
                update(SessionRow)
                .where(SessionRow.id == session.id, SessionRow.revision == session.revision)
                .values(
                    status=new.status.value,
                    date_of_service=new.date_of_service.isoformat(),
                    client=new.client,
                    payer=new.payer,
                    updated_at=now.isoformat(),
                    revision=new.revision,
                    data=new.model_dump_json(),
                )
            )
            if result.rowcount != 1:
                raise ConflictError(
                    "This session was changed elsewhere since you opened it; nothing was overwritten.",
                    "Reload it and make your change again.",
                )
            fault("before_session_saved")
        return new

    def list(self, status: SessionStatus | str | None = None) -> list[Session]:
        with self._sessions() as db:
            q = select(SessionRow).order_by(SessionRow.date_of_service.desc(), SessionRow.created_at.desc())
            if status:
                q = q.where(SessionRow.status == SessionStatus(status).value)
            rows = db.scalars(q).all()
        return [Session.model_validate_json(r.data).model_copy(update={"revision": r.revision}) for r in rows]

    def iter_ids(self) -> Iterator[str]:
        with self._sessions() as db:
            yield from db.scalars(select(SessionRow.id)).all()

    # clients --------------------------------------------------------------
    def get_client(self, client_id: str) -> dict[str, Any] | None:
        with self._sessions() as db:
            row = db.get(ClientRow, client_id)
        return json.loads(row.data) if row else None

    def put_client(self, client_id: str, data: dict[str, Any]) -> None:
        with _writing(), self._sessions.begin() as db:
            row = db.get(ClientRow, client_id)
            if row is None:
                db.add(ClientRow(id=client_id, data=json.dumps(data)))
            else:
                row.data = json.dumps(data)

    def list_clients(self) -> dict[str, dict[str, Any]]:
        with self._sessions() as db:
            return {r.id: json.loads(r.data) for r in db.scalars(select(ClientRow)).all()}
