"""Overload protection that must not change what anyone sees: ``sync`` from the snapshot
cache is the stored state of that moment, for that audience; a database pool with no free
connection answers ``server_busy`` (socket and HTTP), never a traceback."""

import threading

import pytest
from sqlalchemy import text

from samenspel.engine.errors import Rejected
from samenspel.services.context import KEY
from samenspel.store.db import Database
from tests.support.socket_game import add_card


def sync(socket):
    ack = socket.emit("sync", {}, callback=True)
    assert ack["ok"], ack
    return ack["snapshot"]


def test_a_cached_sync_is_the_stored_state_for_that_audience(app, room):
    first = sync(room["projector"])
    again = sync(room["projector"])
    assert again["server_now"] >= first["server_now"] and {**again, "server_now": 0} == {**first, "server_now": 0}
    assert app.extensions["samenspel.services"].snapshots.hits >= 1

    add_card(room["fatima"], "Een kas", "cache-0001")
    after = sync(room["projector"])
    assert after["seq"] > first["seq"] and [i["text"] for i in after["items"]] == ["Een kas"]

    mine, theirs = sync(room["fatima"]), sync(room["henk"])
    assert mine["me"]["name"] == "Fatima" and theirs["me"]["name"] == "Henk", "each participant their own"
    assert sync(room["console"])["me"]["kind"] == "facilitator"
    assert sync(room["fatima"])["me"]["name"] == "Fatima"


def test_a_cached_sync_follows_settings_that_change_no_item(room):
    assert sync(room["projector"])["session"]["locked"] is False
    assert room["console"].emit("session:lock", {"locked": True}, callback=True)["ok"]
    assert sync(room["projector"])["session"]["locked"] is True


def hold_every_connection(database: Database, hold: threading.Event, held: threading.Event):
    def run():
        with database.unit_of_work() as db:
            db.execute(text("SELECT 1"))
            held.set()
            hold.wait(10)

    thread = threading.Thread(target=run)
    thread.start()
    assert held.wait(10)
    return thread


@pytest.fixture
def tiny_pool(app):
    """The app's database with one connection and a short wait for it."""
    services = app.extensions["samenspel.services"]
    old = services.database
    small = Database(old.url, pool_size=1, max_overflow=0, pool_timeout=0.2)
    services.database = small
    yield small
    small.dispose()
    services.database = old


def test_an_exhausted_pool_answers_server_busy(app, client, room, tiny_pool):
    hold, held = threading.Event(), threading.Event()
    holder = hold_every_connection(tiny_pool, hold, held)
    try:
        ack = room["fatima"].emit(
            "card:add", {"round_id": "droom", "text": "x", "client_id": "busy-0001"}, callback=True
        )
        assert ack["ok"] is False and ack["error"]["code"] == "server_busy" and ack["error"]["message"]
        answer = client.get("/healthz")
        assert answer.status_code == 503
        api = client.post("/api/sessions", json={"game": "het-nieuwe-samenspel", "title": "t", "question": "q"})
        assert api.status_code == 503 and api.json["error"]["code"] == "server_busy"
        page = client.get("/s/NOPE00/projector")
        assert page.status_code == 503 and "text/html" in page.content_type
        with pytest.raises(Rejected) as refused:
            with tiny_pool.unit_of_work() as db:
                db.execute(text("SELECT 1"))
        assert refused.value.code == "server_busy"
    finally:
        hold.set()
        holder.join()
    assert add_card(room["fatima"], "weer ruimte", "busy-0002")["ok"]


def test_a_reconnect_storm_is_served_from_the_cache_and_stays_current(app, room, make_socket):
    code = sync(room["projector"])["session"]["code"]
    cache = app.extensions[KEY].snapshots
    hits = cache.hits
    for _ in range(5):
        viewer = make_socket(code=code)
        assert viewer.get_received()[0]["name"] == "snapshot"
    assert cache.hits >= hits + 4, "the handshakes' snapshots come from the cache"
    add_card(room["fatima"], "Na de storm", "storm-0001")
    fresh = make_socket(code=code).get_received()[0]["args"][0]
    assert [i["text"] for i in fresh["items"]] == ["Na de storm"]
