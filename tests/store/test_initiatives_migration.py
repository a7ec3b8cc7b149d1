"""Migration 0011 on a database from before initiatives (SQLite and PostgreSQL): every
session becomes a one-session initiative, nothing else is lost, new initiatives follow."""

import pytest
from sqlalchemy import text

from samenspel.store.db import Database
from samenspel.store.migrate import upgrade
from tests.support.databases import BOTH, database_url

SESSION = (
    "INSERT INTO game_sessions (id, code, game_id, title, question, place, facilitator_key_hash, status, locked,"
    " seq, created_ms, ended_ms, plan_anonymous, qr_large) VALUES (:id, :code, 'g', :title, 'Q', 'P', 'h', 'ended',"
    " false, 0, 1000, :ended, false, false)"
)


def _migrate_old_database(url: str) -> None:
    database = Database(url)
    upgrade(database.engine, "0010")
    with database.engine.begin() as conn:
        conn.execute(text(SESSION), {"id": 5, "code": "ABCDEF", "title": "Moestuin", "ended": 2000})
        conn.execute(text(SESSION), {"id": 9, "code": "GHJKMN", "title": "Straat", "ended": None})
        conn.execute(
            text(
                "INSERT INTO participants (session_id, name, role, token_hash, created_ms, proxy)"
                " VALUES (5, 'Ann', 'inwoner', 't', 1000, false)"
            )
        )
    upgrade(database.engine)
    with database.engine.begin() as conn:
        initiatives = conn.execute(text("SELECT id, title, place, last_activity_ms FROM initiatives ORDER BY id")).all()
        assert [tuple(r) for r in initiatives] == [(5, "Moestuin", "P", 2000), (9, "Straat", "P", 1000)]
        sessions = conn.execute(text("SELECT id, initiative_id FROM game_sessions ORDER BY id")).all()
        assert [tuple(r) for r in sessions] == [(5, 5), (9, 9)]
        assert conn.execute(text("SELECT COUNT(*) FROM participants")).scalar() == 1
        new = conn.execute(
            text(
                "INSERT INTO initiatives (title, question, place, created_ms, last_activity_ms)"
                " VALUES ('n', 'q', '', 1, 1) RETURNING id"
            )
        ).scalar()
        assert new > 9
        conn.execute(text("DELETE FROM initiatives WHERE id = 5"))  # an initiative takes its sessions along
        assert conn.execute(text("SELECT COUNT(*) FROM game_sessions")).scalar() == 1
        assert conn.execute(text("SELECT COUNT(*) FROM participants")).scalar() == 0
    database.dispose()


@pytest.mark.parametrize("kind", [BOTH[0], pytest.param(BOTH[1], marks=pytest.mark.scaled)])
def test_on_each_database(kind, tmp_path):
    with database_url(kind, tmp_path) as url:
        _migrate_old_database(url)
