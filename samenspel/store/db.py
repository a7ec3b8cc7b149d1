"""Engine, sessions and the unit of work: one commit per HTTP request or socket event.

SQLite (the embedded default) runs in WAL mode with a busy timeout, and every transaction
starts with BEGIN IMMEDIATE so two writers never deadlock on a lock upgrade. Deleted content
is overwritten (secure_delete), and a unit of work that erased something (a deleted session,
a forgotten name: ``db.info["checkpoint"]``) checkpoints the WAL afterwards, so what was
erased is not left readable in the ``-wal`` file.

The connection pool is bounded; waiting longer than its timeout for a connection is answered
with a clear ``server_busy`` refusal, not a traceback.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

from flask import current_app, g
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from samenspel.engine.errors import Rejected

BUSY_TIMEOUT_MS = 15_000


def make_engine(url: str, *, pool_size: int = 10, max_overflow: int = 20, pool_timeout: float = 5) -> Engine:
    pool = {"pool_size": pool_size, "max_overflow": max_overflow, "pool_timeout": pool_timeout}
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000,
                                                  "check_same_thread": False}, **pool)
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool)


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
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    def __init__(self, url: str, **pool):
        self.url = url
        self.engine = make_engine(url, **pool)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session committed once at the end, rolled back on any error."""
        session = self.sessionmaker()
        try:
            yield session
            session.commit()
        except PoolTimeout:
            session.rollback()
            raise Rejected("server_busy", "no database connection became free in time") from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        if session.info.pop("checkpoint", False):
            checkpoint(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def database() -> Database:
    return current_app.extensions["samenspel.db"]


def get_db() -> Session:
    """The request's session; committed by the app right before the response goes out."""
    if "db" not in g:
        g.db = database().sessionmaker()
    return g.db


def init_app(app) -> Database:
    config = app.config
    db = Database(config["DATABASE_URL"], pool_size=config["DB_POOL_SIZE"],
                  max_overflow=config["DB_POOL_OVERFLOW"], pool_timeout=config["DB_POOL_TIMEOUT"])
    app.extensions["samenspel.db"] = db

    @app.after_request
    def commit(response):
        session = g.pop("db", None)
        if session is not None:
            try:
                session.commit()
            finally:
                session.close()
        return response

    @app.teardown_request
    def close(_exc):
        session = g.pop("db", None)
        if session is not None:
            session.rollback()
            session.close()

    return db
