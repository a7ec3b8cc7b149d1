"""Forgetting reaches back to the earlier session of one person, against the running server
with real Socket.IO clients and its SQLite files (services/forgetting.py). Xandrijntje
plays the first session — introduces herself, is named on Henk's card and as partner on
his step, claims a step — and, once it ended, joins the follow-up through her owner's
link, so her record there continues the first. She leaves the follow-up with "forget my
name". Then nothing of the database holds her name: not the first session's items, logged
payloads or her participant record there, not any row of any table, not the database's
files (-wal included); each session's log replays to what is stored; her earlier phone is
told it is out; the first session's console is told to fetch a fresh snapshot, which no
longer names her; her link is gone (410) and Henk's owner page shows the path without her
name."""

from __future__ import annotations

import pytest

from samenspel.engine.replay import replay
from samenspel.store.db import Database
from samenspel.store.models import GameSession, Participant
from samenspel.store.participants import players_of
from samenspel.store.rulebook import game_of
from samenspel.store.state import action_log, load
from tests.support.clients import LiveClient
from tests.support.lifecycle import end, go_to, make_session, path, seat
from tests.support.traces import in_rows, on_disk

pytestmark = pytest.mark.server

NAME = "Xandrijntje"


def stored_and_replayed(instance, code: str):
    """The session's stored state and its replayed log, and its participant records."""
    database = Database(f"sqlite:///{instance / 'samenspel.sqlite3'}")
    try:
        with database.unit_of_work(write=False) as db:
            session = db.query(GameSession).filter_by(code=code).one()
            game = game_of(db, session)
            stored, log = load(db, session, game), action_log(db, session)
            everyone = players_of(db, session, include_removed=True)
            records = [
                (p.name, p.removed_ms is not None) for p in db.query(Participant).filter_by(session_id=session.id)
            ]
        return stored, replay(game, everyone, log), records
    finally:
        database.dispose()


def test_a_continuing_player_who_leaves_forgotten_is_forgotten_in_the_earlier_session(start_server, tmp_path):
    instance = tmp_path / "instance"
    server = start_server(instance=instance)
    rooms = []
    try:
        first = seat(
            make_session(server, "het-nieuwe-samenspel", title="Moestuin", question="Hoe beginnen we?"),
            {NAME: "inwoner", "Henk": "ambtenaar"},
        )
        rooms.append(first)
        before, henk = first.phones[NAME], first.phones["Henk"]
        assert before.call("intro:set", {"round_id": "welkom", "text": f"Ik ben {NAME}, ik kweek tomaten"})["ok"]
        go_to(first, "droom")
        assert henk.call("card:add", {"round_id": "droom", "text": f"{NAME} wil een kas", "client_id": "cont-0001"})[
            "ok"
        ]
        go_to(first, "actiepad")
        mine = before.call("step:add", {"round_id": "actiepad", "what": "Kas bouwen", "client_id": "cont-0002"})
        assert before.call("step:claim", {"id": mine["item"]["id"]})["ok"]
        helped = {"round_id": "actiepad", "what": "Zaad kopen", "owner": "Henk", "partners": [NAME]}
        assert henk.call("step:add", {**helped, "client_id": "cont-0003"})["ok"]
        end(first)
        link, henks = before.call("owner:link")["url"], henk.call("owner:link")["url"]

        later = make_session(server, "samenspel-onderweg", continues=first.code, key=first.key)
        rooms.append(later)
        later.console = LiveClient(server.url, code=later.code, key=later.key).connect()
        joined = server.api("POST", path(link) + "/join", json={})
        assert joined.status_code == 201, joined.text
        her = LiveClient(server.url, code=later.code, token=joined.json()["token"]).connect()
        later.phones[NAME] = her
        assert later.console.call("control", {"action": "start"})["ok"]
        assert her.call("intro:set", {"round_id": "welkom", "text": f"{NAME} is er weer"})["ok"]
        assert in_rows(instance, NAME) and NAME in server.api("GET", path(henks)).text
        earlier_id = before.call("sync")["snapshot"]["me"]["id"]
        first.console.clear()

        assert her.call("leave", {"forget_name": True})["ok"]

        out = before.wait_for("participant:removed", lambda d: d["participant_id"] == earlier_id)
        assert out["name_removed"] is True  # her earlier phone is told it is out
        assert before.call("sync")["error"]["code"] == "unknown_participant"
        first.console.wait_for("resync", lambda d: d["reason"] == "forgotten")
        assert NAME.lower() not in repr(first.console.call("sync")["snapshot"]).lower()
        for room in (first, later):
            stored, replayed, records = stored_and_replayed(instance, room.code)
            assert NAME.lower() not in repr(stored).lower(), room.code
            assert replayed.items == stored.items and replayed.players == stored.players, room.code
            assert ("", True) in records and all(name != NAME for name, _out in records)
        assert in_rows(instance, NAME) == [], "no row of any table holds her name"
        assert on_disk(instance, NAME) == [], "nor the database's files, -wal included"
        assert server.api("GET", path(link)).status_code == 410
        page = server.api("GET", path(henks))
        assert page.status_code == 200 and "Kas bouwen" in page.text and NAME not in page.text
        assert "Traceback" not in server.log()
    finally:
        for room in rooms:
            room.close()
