"""The real app in a subprocess (``samenspel serve``) with real python-socketio clients over
WebSocket, under both supported async servers; and a restart that loses nothing."""

import time

import pytest

from tests.support.clients import LiveClient, close_all
from tests.support.game import join, open_game

pytestmark = pytest.mark.server


@pytest.fixture
def clients():
    opened = []

    def connect(url, **auth):
        client = LiveClient(url, **auth).connect()
        opened.append(client)
        return client

    yield connect
    close_all(opened)


@pytest.mark.parametrize("async_mode", ["gevent", "eventlet"])
def test_two_phones_and_a_projector_play_a_cards_round(start_server, clients, async_mode):
    server = start_server(async_mode)
    code, key = open_game(server)
    fatima, henk = join(server, code, "Fatima", "inwoner"), join(server, code, "Henk", "ambtenaar")
    projector = clients(server.url, code=code)
    console = clients(server.url, code=code, key=key)
    phone_a = clients(server.url, code=code, token=fatima["token"])
    phone_b = clients(server.url, code=code, token=henk["token"])
    assert [p["name"] for p in projector.received("snapshot")[0]["participants"]] == ["Fatima", "Henk"]

    assert console.call("control", {"action": "start"})["ok"]
    assert console.call("control", {"action": "next"})["ok"]
    phone_a.wait_for("flow", lambda d: d["round"]["id"] == "droom")
    ack = phone_a.call("card:add", {"round_id": "droom", "text": "Samen oogsten", "client_id": "real-0001"})
    assert ack["ok"]
    for watcher in (projector, console):
        assert watcher.wait_for("item:added")["item"]["text"] == "Samen oogsten"
    assert phone_b.received("item:added") == []  # a cards round shows a phone the player's own
    refused = phone_b.call("control", {"action": "end"})
    assert refused["error"]["code"] == "not_allowed"


def test_everything_survives_a_killed_server_and_phones_reconnect_by_themselves(start_server, clients, tmp_path):
    server = start_server("gevent", instance=tmp_path / "instance")
    code, key = open_game(server)
    fatima = join(server, code, "Fatima", "inwoner")
    console = clients(server.url, code=code, key=key)
    phone = clients(server.url, code=code, token=fatima["token"])
    console.call("control", {"action": "start"})
    console.call("control", {"action": "next"})
    assert phone.call("card:add", {"round_id": "droom", "text": "Een kas", "client_id": "crash-001"})["ok"]
    deadline = console.call("control", {"action": "extend"})["flow"]["deadline"]

    server.kill()
    phone.clear()
    console.clear()
    server.start()

    snapshot = phone.wait_reconnected()
    assert snapshot["me"]["id"] == fatima["participant"]["id"] and snapshot["me"]["name"] == "Fatima"
    assert snapshot["flow"]["status"] == "running" and snapshot["flow"]["deadline"] == deadline, (
        "the countdown goes on from the stored deadline, not from the restart"
    )
    assert snapshot["round"]["id"] == "droom"
    assert [i["text"] for i in snapshot["items"]] == ["Een kas"]
    console.wait_reconnected()
    assert console.call("control", {"action": "pause"})["flow"]["remaining_ms"] <= deadline - snapshot["server_now"]
    assert phone.call("card:add", {"round_id": "droom", "text": "Na de herstart", "client_id": "crash-002"})["ok"]


def test_back_gives_the_round_the_time_it_had_left(start_server, clients):
    server = start_server("gevent")
    code, key = open_game(server)
    console = clients(server.url, code=code, key=key)
    projector = clients(server.url, code=code)
    assert console.call("control", {"action": "start"})["ok"]
    time.sleep(1.5)  # the round runs a while: what it has left is well short of its length
    left = console.call("control", {"action": "pause"})["flow"]["remaining_ms"]
    assert console.call("control", {"action": "next", "from_round": 0})["flow"]["round_index"] == 1
    acked = console.call("control", {"action": "back", "from_round": 1})
    back = acked["flow"]
    # the back's own flow (its seq): the start's flow also has round 0 running
    told = projector.wait_for("flow", lambda d: d["seq"] == acked["seq"])
    assert told["flow"]["round_index"] == 0 and told["flow"]["status"] == "running"
    assert back["deadline"] == told["flow"]["deadline"]
    # the deadline is the back's own time + left; server_now is stamped when the broadcast
    # goes out, a little later on a busy machine, and never a second and a half later
    runs_for = told["flow"]["deadline"] - told["server_now"]
    assert left - 1000 < runs_for <= left, (
        f"round 1 runs on with the time it had left ({left} ms) when the game moved on, not its full "
        f"length (1.5 s more): {runs_for} ms"
    )
