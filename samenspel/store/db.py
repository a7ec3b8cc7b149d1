"""Engine, sessions and the unit of work: one transaction per HTTP request or socket event.

Writes: every transaction that may write starts as a writer. On SQLite (the embedded
default: WAL mode, a busy timeout) that is ``BEGIN IMMEDIATE``, so two writers never
deadlock on a lock upgrade and one writer at a time holds the database. On PostgreSQL the
use cases lock the session's row (``SELECT … FOR UPDATE``, see ``lock_session``), so writers
of one session take turns while other sessions go on in parallel.

Reads (``unit_of_work(write=False)``): a plain deferred ``BEGIN`` on SQLite, a snapshot of
the last commit that never waits for or blocks a writer; REPEATABLE READ on PostgreSQL, so a
snapshot's sequence number and items agree.

Deleted content is overwritten (secure_delete), and a unit of work that erased something (a
deleted session, a forgotten name: ``db.info["checkpoint"]``) checkpoints the WAL
afterwards, so what was erased is not left readable in the ``-wal`` file.

A database too busy to serve in time — the bounded pool has no free connection, a lock is
not granted within ``lock_timeout``, a deadlock PostgreSQL broke, SQLite stays locked past
its busy timeout — is answered with the clear refusal ``server_busy``, never a traceback:
the transaction was rolled back whole, so sending it again is safe.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import bindparam, create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from samenspel.engine.errors import Rejected
from samenspel.store.models import GameSession

BUSY_TIMEOUT_MS = 15_000
#: PostgreSQL: how long a writer waits for a session's lock
LOCK_TIMEOUT_MS = 10_000
READ_ONLY = "samenspel_read_only"


def make_engine(
    url: str,
    *,
    pool_size: int = 10,
    max_overflow: int = 20,
    pool_timeout: float = 5,
    lock_timeout_ms: int = LOCK_TIMEOUT_MS,
) -> Engine:
    pool = {"pool_size": pool_size, "max_overflow": max_overflow, "pool_timeout": pool_timeout}
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}, **pool
        )
        _tune_sqlite(engine)
        return engine
    connect_args = {"options": f"-c lock_timeout={int(lock_timeout_ms)}"} if url.startswith("postgresql") else {}
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args, **pool)
    event.listen(engine, "before_cursor_execute", _count_writes)
    event.listen(engine, "handle_error", _count_failure)
    return engine


#: in a connection's ``info``: how many statements other than SELECT it has run
WRITES = "samenspel.writes"


def _count_writes(connection, _cursor, statement: str, *_args) -> None:
    if not statement.lstrip()[:6].upper() == "SELECT":
        connection.info[WRITES] = connection.info.get(WRITES, 0) + 1


def _count_failure(context) -> None:
    """A failed statement (PostgreSQL then refuses the rest of the transaction) counts as a
    change: the transaction must not be committed for others."""
    if context.connection is not None:
        _count_writes(context.connection, None, "")


def writes_so_far(connection) -> int:
    """The statements that may have changed something on this connection so far
    (PostgreSQL): a group commit tells a member that only read from one that wrote
    (services/batches.py)."""
    return connection.info.get(WRITES, 0)


def checkpoint(engine: Engine, attempts: int = 5) -> None:
    """SQLite: copy the WAL into the main file and truncate it to zero bytes."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        for _ in range(attempts):  # busy while another connection reads; try again shortly
            busy, *_ = raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return
            time.sleep(0.05)
    finally:
        raw.close()


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy's begin event issue BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA secure_delete=ON")
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
        code = getattr(error.orig, "sqlstate", None)
        text = str(error.orig if error.orig is not None else error).lower()
        # 40P01: a deadlock PostgreSQL broke by rolling this transaction back (services/forgetting.py)
        return code in ("55P03", "57014", "40P01") or "database is locked" in text
    return False


class Database:
    def __init__(self, url: str, **pool):
        self.url = url
        self.engine = make_engine(url, **pool)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)
        reading = {READ_ONLY: True}
        if self.engine.dialect.name == "postgresql":
            reading["isolation_level"] = "REPEATABLE READ"
        self._reader = sessionmaker(self.engine.execution_options(**reading), expire_on_commit=False)

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
                raise Rejected("server_busy", "the database could not serve this in time") from None
            raise
        finally:
            session.close()
        if session.info.pop("checkpoint", False):
            checkpoint(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


_LOCK = (
    select(GameSession)
    .where(GameSession.id == bindparam("session"))
    .with_for_update()
    .execution_options(populate_existing=True)
)


def lock_session(db: Session, session_id: int) -> GameSession | None:
    """The session's row, locked for this transaction: the one writer per session.
    PostgreSQL takes a row lock (FOR UPDATE) that other writers of the same session wait
    for; SQLite already holds the database's write lock since BEGIN IMMEDIATE."""
    return db.scalars(_LOCK, {"session": session_id}).one_or_none()


def init_app(app) -> Database:
    config = app.config
    db = Database(
        config["DATABASE_URL"],
        pool_size=config["DB_POOL_SIZE"],
        max_overflow=config["DB_POOL_OVERFLOW"],
        pool_timeout=config["DB_POOL_TIMEOUT"],
    )
    app.extensions["samenspel.db"] = db
    return db
