"""POST /api/sessions takes tables (a number or a size) and how people are seated; joins
get their table in the answer; a bad set-up is refused naming its field."""

from __future__ import annotations

import pytest

from samenspel.config import PROJECT_ROOT
from samenspel.engine.replay import replay
from samenspel.rules.loader import load_game
from samenspel.services import context
from samenspel.store.participants import players_of
from samenspel.store.sessions import find_by_code
from samenspel.store.state import action_log, load

GAME = load_game(PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml")

BODY = {"game": "het-nieuwe-samenspel", "title": "Moestuin", "question": "Hoe?"}


def test_a_session_created_with_tables_seats_every_joiner_balanced(client):
    created = client.post("/api/sessions", json={**BODY, "tables": {"count": 3}, "assign": "balanced"})
    assert created.status_code == 201, created.json
    code = created.json["code"]
    seats = []
    for index, role in enumerate(["inwoner", "inwoner", "inwoner", "ambtenaar", "ambtenaar", "ambtenaar"]):
        joined = client.post(f"/api/sessions/{code}/participants", json={"name": f"P{index}", "role": role})
        assert joined.status_code == 201
        seats.append((role, joined.json["participant"]["table"]))
    for role in ("inwoner", "ambtenaar"):
        assert sorted(t for r, t in seats if r == role) == [1, 2, 3]


def test_a_session_without_tables_gives_no_table(client):
    code = client.post("/api/sessions", json=BODY).json["code"]
    joined = client.post(f"/api/sessions/{code}/participants", json={"name": "Fatima", "role": "inwoner"})
    assert joined.json["participant"]["table"] is None


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"tables": {"count": 0}}, "tables"),
        ({"tables": {"count": 41}}, "tables"),
        ({"tables": {"size": 1}}, "tables"),
        ({"tables": {"count": 2, "size": 4}}, "tables"),
        ({"tables": 3}, "tables"),
        ({"tables": {"count": 2}, "assign": "alfabetisch"}, "assign"),
    ],
)
def test_a_bad_table_setup_is_refused_naming_its_field(client, extra, field):
    refused = client.post("/api/sessions", json={**BODY, **extra})
    assert refused.status_code == 400
    assert refused.json["error"]["code"] == "bad_request" and refused.json["error"]["field"] == field


@pytest.mark.parametrize("assign", ["balanced", "random", "self", "manual"])
def test_a_join_through_a_tables_qr_code_sits_at_that_table_in_every_mode(app, client, assign):
    """A table card's or table screen's QR code (/j/<code>?table=N) seats the newcomer at
    that table, whatever the way of seating; a table that does not exist is ignored. The wish
    is in the logged join, so the replayed session seats them there too."""
    code = client.post("/api/sessions", json={**BODY, "tables": {"count": 3}, "assign": assign}).json["code"]
    seats = {}
    for index in range(6):  # all residents: balance alone would spread them 2-2-2
        body = {"name": f"P{index}", "role": "inwoner", "table": 3 if index < 4 else 9}
        joined = client.post(f"/api/sessions/{code}/participants", json=body)
        assert joined.status_code == 201, joined.json
        seats[joined.json["participant"]["id"]] = joined.json["participant"]["table"]
    wished, rest = list(seats.values())[:4], list(seats.values())[4:]
    assert wished == [3, 3, 3, 3]
    assert all(table in (1, 2, 3) for table in rest)
    if assign != "manual":  # manual: the console seats them; the others are placed
        assert all(table in (1, 2) for table in rest), "the newcomers without a wish go where there is room"
    with app.app_context(), context.current().database.unit_of_work() as db:
        row = find_by_code(db, code)
        live, log = load(db, row, GAME), action_log(db, row)
        replayed = replay(GAME, players_of(db, row), log)
    assert {p.id: p.table for p in live.players} == seats
    assert {p.id: p.table for p in replayed.players} == seats
