"""Sessions of one initiative for tests: an earlier session with the sample's action plan
in it (tests/support/sample.py), and what a replay of a session's log gives."""

from __future__ import annotations

from samenspel.engine.replay import replay
from samenspel.services.catalogue import game_for
from samenspel.store.models import GameSession
from samenspel.store.state import action_log, load
from tests.support.sample import sample_session_state
from tests.support.seeding import seed


def seeded_plan(app, make_session) -> tuple[dict, dict]:
    """A session (made through the API) holding the sample's plan, ended; (created, info)."""
    created = make_session()
    state, info = sample_session_state()
    seed(app.extensions["samenspel.db"], created["code"], state)
    return created, info


def stored_and_replayed(database, code: str):
    """The session's state as stored, and as its action log replays (no players joined)."""
    with database.unit_of_work() as db:
        row = db.query(GameSession).filter_by(code=code).one()
        game = game_for(db, row)
        return load(db, row, game), replay(game, (), action_log(db, row))
