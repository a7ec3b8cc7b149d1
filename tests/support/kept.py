"""Checks on the states a process keeps between events (samenspel/services/states.py)."""

from __future__ import annotations

from samenspel.services import states
from samenspel.services.catalogue import game_for
from samenspel.services.context import Context
from samenspel.store.models import GameSession
from samenspel.store.state import load, version


def assert_kept_is_stored(ctx: Context, session_id: int) -> bool:
    """The state this process keeps for the session, when it is kept at the session's current
    version, equals what a load from the database gives; True when one was kept."""
    with ctx.database.unit_of_work(write=False) as db:
        row = db.get(GameSession, session_id)
        current, loaded = version(db, row), load(db, row, game_for(db, row))
        kept = ctx.states.entries.get(states.key(row))
    if kept is None or kept.version != current:
        return False
    assert kept.state.players == loaded.players
    assert kept.state.items == loaded.items
    assert dict(kept.state.rounds) == dict(loaded.rounds)
    assert kept.state.tables == loaded.tables
    return True


def fresh_context(folder, game) -> Context:
    """A use-case context on a new, migrated SQLite file in ``folder``, serving ``game``, with
    room for the random players of a property test (50 seats, 30 joins per address)."""
    from samenspel.rules.loader import Catalogue
    from samenspel.store.db import Database
    from samenspel.store.migrate import upgrade

    database = Database(f"sqlite:///{folder / 'state.sqlite3'}")
    upgrade(database.engine)
    config = {"MAX_PARTICIPANTS": 50, "JOIN_ATTEMPTS_PER_WINDOW": 30, "JOIN_WINDOW_SECONDS": 600}
    return Context(database, Catalogue({game.id: game}), config)
