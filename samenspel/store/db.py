"""Engine, sessions and the unit of work: one commit per HTTP request or socket event.

SQLite (the embedded default) runs in WAL mode with a busy timeout, and every transaction
starts with BEGIN IMMEDIATE so two writers never deadlock on a lock upgrade.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from flask import current_app, g
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 15_000


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000,
                                                  "check_same_thread": False})
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


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
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session committed once at the end, rolled back on any error."""
        session = self.sessionmaker()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

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
    db = Database(app.config["DATABASE_URL"])
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
