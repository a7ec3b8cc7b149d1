"""Joining respects the rules file's seat limits (role max, players.max), and a session
keeps the rules it was created with: editing or deleting the file changes nothing."""

from __future__ import annotations

import re
import shutil

import pytest

from samenspel.app import create_app
from samenspel.config import PROJECT_ROOT
from samenspel.engine.replay import replay
from samenspel.live import socketio
from samenspel.services.catalogue import game_for
from samenspel.store.models import GameSession
from samenspel.store.participants import players_of
from samenspel.store.state import action_log, load

GAME_FILE = PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml"
GAME_ID = "het-nieuwe-samenspel"


def make_app(instance, rules):
    return create_app(
        {
            "INSTANCE_PATH": str(instance),
            "DATABASE_URL": f"sqlite:///{instance / 'test.sqlite3'}",
            "GAME_RULES_PATH": str(rules),
            "ASYNC_MODE": "threading",
            "SECRET_KEY": "test-secret",
            "WTF_CSRF_ENABLED": False,
            "TESTING": True,
        }
    )


@pytest.fixture
def rules(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    return folder


def with_limits(text: str, *, players_max: int, resident_max: int) -> str:
    """The default game with its own players.max and roles written out, residents capped."""
    text = re.sub(r"players:\n  min: \d+\n  max: \d+", f"players:\n  min: 2\n  max: {players_max}", text)
    roles = "\n".join(
        f"  - id: {role}\n    name: {{nl: {role.title()}, en: {role.title()}}}\n"
        f'    colour: "{colour}"\n'
        f"    perspective: {{nl: Mijn kijk., en: My view.}}\n"
        f"    description: {{nl: Iemand., en: Someone.}}" + (f"\n    max: {resident_max}" if role == "inwoner" else "")
        for role, colour in (("inwoner", "#0072B2"), ("ambtenaar", "#D55E00"))
    )
    return text.replace("roles: default", "roles:\n" + roles)


def create(client) -> dict:
    response = client.post("/api/sessions", json={"game": GAME_ID, "title": "Moestuin", "question": "Hoe?"})
    assert response.status_code == 201, response.json
    return response.json


def join(client, code, role, name="Fatima"):
    return client.post(f"/api/sessions/{code}/participants", json={"name": name, "role": role})


def test_a_full_role_is_refused_and_no_longer_offered(tmp_path, rules):
    (rules / "game.yaml").write_text(with_limits(GAME_FILE.read_text(), players_max=5, resident_max=2))
    app = make_app(tmp_path, rules)
    client = app.test_client()
    code = create(client)["code"]
    assert 'value="inwoner"' in client.get(f"/j/{code}").get_data(as_text=True)
    for name in ("Ans", "Bert"):
        assert join(client, code, "inwoner", name).status_code == 201
    refused = join(client, code, "inwoner", "Carla")
    assert refused.status_code == 409
    assert refused.json["error"]["code"] == "role_full" and refused.json["error"]["message"]
    page = client.get(f"/j/{code}").get_data(as_text=True)
    assert re.search(r'value="inwoner"[^>]* hidden>', page) and not re.search(r'value="ambtenaar"[^>]* hidden>', page)
    assert client.get(f"/api/sessions/{code}/door").json == {"open": True, "closed": None, "roles": ["ambtenaar"]}
    for name in ("Carla", "Dirk", "Eva"):
        assert join(client, code, "ambtenaar", name).status_code == 201
    full = join(client, code, "ambtenaar", "Fenna")
    assert full.status_code == 409 and full.json["error"]["code"] == "session_full"
    # A latecomer's join page says "full" before anything is typed: no form, the reason on top.
    assert client.get(f"/api/sessions/{code}/door").json == {"open": False, "closed": "full", "roles": []}
    page = client.get(f"/j/{code}").get_data(as_text=True)
    assert 'data-closed="full"' in page and re.search(r'<form id="step-name"[^>]* hidden>', page)
    app.extensions["samenspel.db"].dispose()


def test_the_facilitator_cannot_add_past_a_full_role(tmp_path, rules):
    (rules / "game.yaml").write_text(with_limits(GAME_FILE.read_text(), players_max=10, resident_max=1))
    app = make_app(tmp_path, rules)
    client = app.test_client()
    created = create(client)
    assert join(client, created["code"], "inwoner").status_code == 201
    console = socketio.test_client(
        app, auth={"code": created["code"], "key": created["facilitator_url"].split("key=")[1]}
    )
    ack = console.emit("participant:add", {"name": "Gert", "role": "inwoner"}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "role_full"
    assert console.emit("participant:add", {"name": "Gert", "role": "ambtenaar"}, callback=True)["ok"] is True
    console.disconnect()
    app.extensions["samenspel.db"].dispose()


def test_a_session_keeps_its_rules_when_the_file_is_edited_or_deleted(tmp_path, rules):
    game_file = rules / "game.yaml"
    shutil.copy(GAME_FILE, game_file)
    app = make_app(tmp_path, rules)
    client = app.test_client()
    created = create(client)
    code, key = created["code"], created["facilitator_url"].split("key=")[1]
    player = join(client, code, "inwoner").json
    console = socketio.test_client(app, auth={"code": code, "key": key})
    phone = socketio.test_client(app, auth={"code": code, "token": player["token"]})
    assert console.emit("control", {"action": "start"}, callback=True)["ok"]
    first = app.extensions["samenspel.services"].catalogue.get(GAME_ID).rounds[0]
    title = first.title.nl
    assert phone.emit("intro:set", {"round_id": first.id, "text": "Ik woon hier"}, callback=True)["ok"]
    console.disconnect()
    phone.disconnect()
    app.extensions["samenspel.db"].dispose()

    # the author edits the file (another first round title), then deletes it altogether
    game_file.write_text(GAME_FILE.read_text().replace(title, "Een heel andere titel", 1))
    edited = make_app(tmp_path, rules)
    assert edited.extensions["samenspel.services"].catalogue.get(GAME_ID).rounds[0].title.nl == "Een heel andere titel"
    game_file.unlink()
    for app in (edited, make_app(tmp_path, rules)):
        client = app.test_client()
        viewer = socketio.test_client(app, auth={"code": code})
        snapshot = viewer.get_received()[0]["args"][0]
        assert snapshot["round"]["title"]["nl"] == title
        viewer.disconnect()
        markdown = client.get(f"/s/{code}/export.md?key={key}")
        assert markdown.status_code == 200 and "Ik woon hier" in markdown.get_data(as_text=True)
        assert client.get(f"/s/{code}/plan").status_code == 200
        with app.app_context():
            db = app.extensions["samenspel.db"].sessionmaker()
            session = db.query(GameSession).filter_by(code=code).one()
            game = game_for(db, session)
            assert game.rounds[0].title.nl == title
            replayed = replay(game, players_of(db, session, include_removed=True), action_log(db, session))
            stored = load(db, session, game)
            assert replayed.items == stored.items and replayed.flow == stored.flow
            db.close()
        app.extensions["samenspel.db"].dispose()
    # new sessions can no longer pick the deleted game
    assert GAME_ID not in app.extensions["samenspel.services"].catalogue
