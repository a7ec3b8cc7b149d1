"""Engine, sessions and the unit of work: one transaction per HTTP request or socket event.

Writes: every transaction that may write starts as a writer. On SQLite (the embedded
default: WAL mode, a busy timeout) that is ``BEGIN IMMEDIATE``, so two writers never
deadlock on a lock upgrade and one writer at a time holds the database. On PostgreSQL the
use cases lock the session's row (``SELECT … FOR UPDATE``, see ``lock_session``), so writers
of one session take turns while other sessions go on in parallel.

Reads (``unit_of_work(write=False)``): a plain deferred ``BEGIN`` on SQLite, a snapshot of
the last commit that never waits for or blocks a writer.

A database that is too busy (pool exhausted, lock or busy timeout) raises ``Busy``; the use
cases answer it with the error code ``busy``, never with a traceback.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from samenspel.store.models import GameSession

BUSY_TIMEOUT_MS = 15_000
#: PostgreSQL: how long a writer waits for a session's lock, and for a pooled connection
LOCK_TIMEOUT_MS = 10_000
POOL_TIMEOUT_S = 10
POOL_SIZE, POOL_OVERFLOW = 10, 20
READ_ONLY = "samenspel_read_only"


class Busy(Exception):
    """The database could not serve this transaction in time (pool, lock or busy timeout)."""


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000,
                                                  "check_same_thread": False})
        _tune_sqlite(engine)
        return engine
    connect_args = {"options": f"-c lock_timeout={LOCK_TIMEOUT_MS}"} if url.startswith("postgresql") else {}
    return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW,
                         pool_timeout=POOL_TIMEOUT_S, connect_args=connect_args)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy's begin event issue BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        read_only = connection.get_execution_options().get(READ_ONLY)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def is_busy(error: BaseException) -> bool:
    """Pool exhausted, a lock not granted in time, or SQLite still locked after its timeout."""
    if isinstance(error, PoolTimeout):
        return True
    if isinstance(error, OperationalError):
        text = str(error.orig).lower() if error.orig is not None else str(error).lower()
        code = getattr(error.orig, "sqlstate", None)
        return code in ("55P03", "57014", "40P01") or "database is locked" in text or "lock timeout" in text
    return False


class Database:
    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @contextmanager
    def unit_of_work(self, *, write: bool = True) -> Iterator[Session]:
        """A session committed once at the end, rolled back on any error."""
        session = (self.sessionmaker if write else self._reader)()
        try:
            yield session
            session.commit()
        except BaseException as error:
            session.rollback()
            if is_busy(error):
                raise Busy(str(error)) from error
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def lock_session(db: Session, session_id: int) -> GameSession | None:
    """The session's row, locked for this transaction: the one writer per session.
    PostgreSQL takes a row lock (FOR UPDATE) that other writers of the same session wait
    for; SQLite already holds the database's write lock since BEGIN IMMEDIATE."""
    return db.scalars(select(GameSession).where(GameSession.id == session_id).with_for_update()
                      .execution_options(populate_existing=True)).one_or_none()


def init_app(app) -> Database:
    db = Database(app.config["DATABASE_URL"])
    app.extensions["samenspel.db"] = db
    return db
