"""The library's pages, exports and moderation against a real SQLite store holding the
sample session, published through the use case."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from jsonschema import Draft202012Validator

from samenspel.export import library as open_data
from samenspel.services import library
from samenspel.store.models import GameSession
from samenspel.store.sessions import find_by_code
from tests.support.initiatives import seeded_plan, stored_state


def _session_id(app, code: str) -> int:
    with app.extensions["samenspel.db"].unit_of_work(write=False) as db:
        return find_by_code(db, code).id


@pytest.fixture
def published(app, make_session):
    created, _ = seeded_plan(app, make_session)
    ctx = app.extensions["samenspel.services"]
    entry_id = library.publish(ctx, _session_id(app, created["code"]), theme="groen", municipality="Terneuzen")
    return entry_id


def test_search_filters_and_entry_page(client, published):
    page = client.get("/bibliotheek?lang=nl").get_data(as_text=True)
    assert "Hoe beginnen we?" in page and "1 initiatief gevonden" in page
    assert "CC BY 4.0" in page
    assert "Hoe beginnen we?" in client.get("/bibliotheek?q=oogstmaaltijd").get_data(as_text=True)
    assert "0 initiatieven gevonden" in client.get("/bibliotheek?q=fietsenstalling").get_data(as_text=True)
    assert "0 initiatieven" in client.get("/bibliotheek?theme=energie").get_data(as_text=True)
    assert "1 initiatief" in client.get("/bibliotheek?theme=groen&municipality=Terneuzen&year=2026").get_data(True)
    entry = client.get(f"/bibliotheek/{published}?lang=en").get_data(as_text=True)
    assert "Start with this" in entry and "Oogstmaaltijd elke maand in het buurthuis." in entry
    for name in ("Fatima", "Henk", "Marloes", "Anouk", "Bram", "Joost"):
        assert name not in entry
    dutch = client.get(f"/bibliotheek/{published}?lang=nl").get_data(as_text=True)
    assert re.search(r"\(\d+ stip(pen)?\)", dutch) and "stemmen" not in dutch  # dots, as in the game and the plan
    assert client.get("/bibliotheek/nope").status_code == 404


def test_begin_hiermee_starts_a_session_with_the_ideas(app, client, published):
    response = client.post(f"/bibliotheek/{published}/begin", data={"place": "Goes"})
    assert response.status_code == 303 and "/console" in response.headers["Location"]
    code = response.headers["Location"].split("/s/")[1].split("/")[0]
    state = stored_state(app.extensions["samenspel.db"], code)
    cards = [i.data["text"] for i in state.items_of("ideeen", "card")]
    assert cards == [
        "Oogstmaaltijd elke maand in het buurthuis.",
        "Start met tien bakken op palen; geen bodemonderzoek nodig.",
        "Gebruiksovereenkomst voor vijf jaar met de bewonersvereniging.",
    ]
    with app.extensions["samenspel.db"].unit_of_work(write=False) as db:
        row = db.query(GameSession).filter_by(code=code).one()
        assert row.question == "Hoe beginnen we?" and row.place == "Goes"


def test_exports_follow_the_schema_and_read_back(client, published):
    data = client.get("/bibliotheek/export.json").get_json()
    Draft202012Validator(open_data.schema(), format_checker=Draft202012Validator.FORMAT_CHECKER).validate(data)
    assert data["licence"] == "CC-BY-4.0" and data["counts"] == {
        "entries": 1,
        "local": 1,
        "imported": 0,
        "in_export": 1,
    }
    entry = data["entries"][0]
    assert entry["id"] == published and entry["general_issues"] == ["groen"]
    assert entry["location"] == {"city": "Terneuzen", "country": "NL"} and entry["number_of_participants"] == 12
    text = json.dumps(data)
    assert "Fatima" not in text and "Marloes" not in text
    raw = client.get("/bibliotheek/export.csv")
    assert raw.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(raw.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 1 and rows[0]["id"] == published and rows[0]["licence"] == "CC-BY-4.0"
    assert rows[0]["entries_in_export"] == "1" and rows[0]["generated_at"] == data["generated_at"][:20]
    assert "Oogstmaaltijd" in rows[0]["ideas"]


def test_hide_needs_the_instance_password_and_withdraw_removes_at_once(app, client, published):
    assert client.post(f"/bibliotheek/{published}/hide", data={"password": "x"}).status_code == 303
    assert client.get(f"/bibliotheek/{published}").status_code == 200  # no password set: nobody hides
    app.config["INSTANCE_PASSWORD"] = "geheim"
    assert client.post(f"/bibliotheek/{published}/hide", data={"password": "fout"}).status_code == 303
    assert client.get(f"/bibliotheek/{published}").status_code == 200
    client.post(f"/bibliotheek/{published}/hide", data={"password": "geheim"})
    assert client.get(f"/bibliotheek/{published}").status_code == 404
    assert client.get("/bibliotheek/export.json").get_json()["entries"] == []
    client.post(f"/bibliotheek/{published}/hide", data={"password": "geheim", "hidden": "0"})
    assert client.get(f"/bibliotheek/{published}").status_code == 200
    headers = {"Accept": "application/json"}
    refused = client.post(f"/bibliotheek/{published}/withdraw", data={"key": "wrong"}, headers=headers)
    assert refused.status_code == 403
    done = client.post(f"/bibliotheek/{published}/withdraw", data={"password": "geheim"}, headers=headers)
    assert done.get_json() == {"ok": True, "withdrawn": True}
    assert client.get(f"/bibliotheek/{published}").status_code == 404
    assert "Oogstmaaltijd" not in client.get("/bibliotheek/export.csv").get_data(as_text=True)
    assert "Oogstmaaltijd" not in client.get("/bibliotheek?q=oogstmaaltijd").get_data(as_text=True)


def test_the_facilitator_withdraws_with_their_key(app, client, make_session):
    created, _ = seeded_plan(app, make_session)
    ctx = app.extensions["samenspel.services"]
    entry_id = library.publish(ctx, _session_id(app, created["code"]), theme="wonen")
    key = created["facilitator_url"].split("key=")[1]
    done = client.post(f"/bibliotheek/{entry_id}/withdraw", data={"key": key}, headers={"Accept": "application/json"})
    assert done.status_code == 200
    assert client.get(f"/bibliotheek/{entry_id}").status_code == 404


def test_begin_hiermee_asks_the_instance_password_when_there_is_one(app, client, published):
    app.config["INSTANCE_PASSWORD"] = "geheim"
    assert 'name="password"' in client.get(f"/bibliotheek/{published}").get_data(as_text=True)
    refused = client.post(f"/bibliotheek/{published}/begin", data={"password": "fout"})
    assert refused.status_code == 303 and "error=password" in refused.headers["Location"]
    page = client.get(refused.headers["Location"].split("#")[0] + "&lang=nl").get_data(as_text=True)
    assert "Dit wachtwoord klopt niet." in page
    started = client.post(f"/bibliotheek/{published}/begin", data={"password": "geheim"})
    assert "/console" in started.headers["Location"]
    assert client.post("/bibliotheek/nope/begin", data={"password": "geheim"}).status_code == 404
