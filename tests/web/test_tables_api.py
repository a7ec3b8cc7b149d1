"""POST /api/sessions takes tables (a number or a size) and how people are seated; joins
get their table in the answer; a bad set-up is refused naming its field."""

from __future__ import annotations

import pytest

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
