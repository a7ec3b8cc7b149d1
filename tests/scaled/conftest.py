"""Fixtures for the scaled mode: a fresh PostgreSQL database per test and the Redis queue."""

import socket
import uuid

import psycopg
import pytest

from tests.conftest import require

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def reachable(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def postgres_url():
    require(reachable(5432), "PostgreSQL is not running on 127.0.0.1:5432")
    name = f"samenspel_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url():
    require(reachable(6379), "Redis is not running on 127.0.0.1:6379")
    return "redis://127.0.0.1:6379/0"
