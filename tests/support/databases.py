"""Throw-away PostgreSQL databases and the Redis queue for tests that need the scaled mode."""

from __future__ import annotations

import socket
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import psycopg

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"


def reachable(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty database for the duration; its SQLAlchemy URL."""
    name = f"samenspel_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


#: parametrize a test over both databases: ``@pytest.mark.parametrize("kind", BOTH)``
BOTH = ("sqlite", "postgresql")


@contextmanager
def database_url(kind: str, folder: Path) -> Iterator[str]:
    """An empty database of ``kind`` ("sqlite" in ``folder``, or "postgresql": required in
    CI, skipped elsewhere when it is not running) for the duration; its SQLAlchemy URL."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'test.sqlite3'}"
        return
    from tests.conftest import require

    require(reachable(5432), "PostgreSQL is not running on 127.0.0.1:5432")
    with postgres_database() as url:
        yield url
