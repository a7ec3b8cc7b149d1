"""Migration 0013 (the initiative's calendar feed) on a database of 0012, SQLite and
PostgreSQL: the feed starts off for every initiative, its token hash is unique, and going
back to 0012 and up again loses no initiative and no session."""

import pytest
from alembic import command
from sqlalchemy import exc, inspect, text

from samenspel.store.db import Database
from samenspel.store.migrate import alembic_config, upgrade
from tests.support.databases import BOTH, database_url

SESSION = (
    "INSERT INTO game_sessions (id, initiative_id, code, game_id, title, question, place, facilitator_key_hash,"
    " status, locked, seq, created_ms, plan_anonymous, qr_large) VALUES (:id, :id, :code, 'g', 'T', 'Q', 'P', 'h',"
    " 'ended', false, 0, 1000, false, false)"
)
INITIATIVE = (
    "INSERT INTO initiatives (id, title, question, place, created_ms, last_activity_ms)"
    " VALUES (:id, 'Moestuin', 'Q', 'P', 1000, 1000)"
)


def _counts(conn) -> tuple[int, int]:
    return tuple(conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar() for t in ("initiatives", "game_sessions"))


def _migrate(url: str) -> None:
    database = Database(url)
    upgrade(database.engine, "0012")
    with database.engine.begin() as conn:
        for number, code in ((1, "ABCDEF"), (2, "GHJKMN")):
            conn.execute(text(INITIATIVE), {"id": number})
            conn.execute(text(SESSION), {"id": number, "code": code})
    upgrade(database.engine)
    columns = {c["name"] for c in inspect(database.engine).get_columns("initiatives")}
    assert {"calendar_salt", "calendar_token_hash"} <= columns
    with database.engine.begin() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM initiatives WHERE calendar_token_hash IS NULL")).scalar() == 2
        conn.execute(text("UPDATE initiatives SET calendar_salt = 's', calendar_token_hash = 'h' WHERE id = 1"))
    with pytest.raises(exc.IntegrityError), database.engine.begin() as conn:  # one token, one feed
        conn.execute(text("UPDATE initiatives SET calendar_token_hash = 'h' WHERE id = 2"))
    command.downgrade(alembic_config(database.engine), "0012")
    with database.engine.begin() as conn:
        assert _counts(conn) == (2, 2)  # no copy of the table, nothing cascaded away
    upgrade(database.engine)
    with database.engine.begin() as conn:
        assert _counts(conn) == (2, 2)
    database.dispose()


@pytest.mark.parametrize("kind", [BOTH[0], pytest.param(BOTH[1], marks=pytest.mark.scaled)])
def test_on_each_database(kind, tmp_path):
    with database_url(kind, tmp_path) as url:
        _migrate(url)
