"""The scaled mode for real: two server processes sharing one PostgreSQL database and one
Redis message queue; a card written on either process reaches the screens and consoles of
both live (a phone is sent its own cards only, in a cards round), and a phone on the other
process follows the facilitator's flow in the one sequence."""

import uuid

import pytest

from tests.support.clients import LiveClient, close_all
from tests.support.game import join, open_game

pytestmark = [pytest.mark.scaled, pytest.mark.server]


@pytest.mark.parametrize("async_mode", ["gevent", "eventlet"])
def test_a_card_on_each_process_reaches_the_other_live(start_server, postgres_url, redis_url, async_mode):
    env = {
        "SAMENSPEL_DATABASE_URL": postgres_url,
        "SAMENSPEL_MESSAGE_QUEUE": redis_url,
        "SAMENSPEL_MESSAGE_QUEUE_CHANNEL": f"test-{uuid.uuid4().hex}",
        "SAMENSPEL_SECRET_KEY": "shared-between-processes",
    }
    first, second = start_server(async_mode, **env), start_server(async_mode, **env)
    code, key = open_game(first)
    fatima = join(first, code, "Fatima", "inwoner")
    henk = join(second, code, "Henk", "ambtenaar")
    clients = [
        LiveClient(first.url, code=code, key=key).connect(),
        LiveClient(first.url, code=code, token=fatima["token"]).connect(),
        LiveClient(second.url, code=code, token=henk["token"]).connect(),
        LiveClient(second.url, code=code).connect(),
    ]
    console, phone_a, phone_b, projector_b = clients
    try:
        assert [p["name"] for p in projector_b.received("snapshot")[0]["participants"]] == ["Fatima", "Henk"]
        console.call("control", {"action": "start"})
        assert console.call("control", {"action": "next"})["ok"]
        phone_b.wait_for("flow", lambda d: d["round"]["id"] == "droom")
        assert phone_a.call("card:add", {"round_id": "droom", "text": "Van proces 1", "client_id": "scaled-01"})["ok"]
        assert phone_b.call("card:add", {"round_id": "droom", "text": "Van proces 2", "client_id": "scaled-02"})["ok"]
        assert console.wait_for("item:added", lambda d: d["item"]["text"] == "Van proces 2")
        assert projector_b.wait_for("item:added", lambda d: d["item"]["text"] == "Van proces 1")
        seqs = sorted(d["seq"] for e in ("flow", "item:added") for d in projector_b.received(e))
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs))), "one sequence across both processes"
        paused = console.call("control", {"action": "pause"})
        flow = phone_b.wait_for("flow", lambda d: d["flow"]["status"] == "paused")
        assert flow["prev"] == phone_b.received("flow")[-2]["seq"], "the cards between were not theirs: no gap"
        assert paused["ok"] and not [n for n, _ in phone_b.events if n.startswith("item:")]
    finally:
        close_all(clients)
