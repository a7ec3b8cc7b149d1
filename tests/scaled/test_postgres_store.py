"""The store on PostgreSQL: migrations, concurrent counters and the sequence number hold
when two connections race (as two server processes would)."""

import threading

import pytest

from samenspel.config import PROJECT_ROOT
from samenspel.rules.loader import load_game
from samenspel.store import ratelimit
from samenspel.store.db import Database
from samenspel.store.migrate import upgrade
from samenspel.store.models import GameSession
from samenspel.store.sessions import create_session, next_seq

pytestmark = pytest.mark.scaled


def race(database: Database, work, times: int = 8) -> list:
    """Run ``work(db)`` in several threads at once, each in its own transaction."""
    barrier, results = threading.Barrier(times), []

    def run():
        barrier.wait()
        with database.unit_of_work() as db:
            results.append(work(db))

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_counters_and_sequence_numbers_survive_races(postgres_url):
    database = Database(postgres_url)
    upgrade(database.engine)
    upgrade(database.engine)  # a second process starting finds the schema up to date
    assert race(database, lambda db: ratelimit.allow(db, "join:10.0.0.1", limit=5, window_seconds=60)).count(True) == 5
    with database.unit_of_work() as db:
        session, _key = create_session(
            db, game=load_game(PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml"), title="t", question="q"
        )
        session_id = session.id
    seqs = race(database, lambda db: next_seq(db, db.get(GameSession, session_id)))
    assert sorted(seqs) == list(range(1, 9))
    database.dispose()
