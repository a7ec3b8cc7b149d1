"""Reliability against a real server: a SIGKILL in the middle of a busy round loses no
acknowledged input and stores every resent one exactly once; foreign origins and oversized
messages are refused without harm to others."""

import threading
import time
from collections import Counter

import pytest
import socketio
import yaml

from tests.support.clients import LiveClient, Outbox, close_all
from tests.support.game import join, open_game
from tests.support.server import ROOT

pytestmark = pytest.mark.server
PHONES, CARDS_EACH = 8, 12


@pytest.fixture
def roomy_rules(tmp_path):
    """The default game with room for many cards: rules are data, so a test can make its own."""
    source = yaml.safe_load((ROOT / "game_rules" / "het-nieuwe-samenspel.yaml").read_text(encoding="utf-8"))
    for rnd in source["rounds"]:
        if rnd["id"] == "droom":
            rnd.setdefault("settings", {})["max_per_player"] = 50
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "het-nieuwe-samenspel.yaml").write_text(yaml.safe_dump(source, allow_unicode=True), encoding="utf-8")
    return folder


def test_sigkill_during_a_busy_round_loses_nothing(start_server, tmp_path, roomy_rules):
    server = start_server("gevent", instance=tmp_path / "instance", SAMENSPEL_GAME_RULES=str(roomy_rules))
    code, key = open_game(server)
    joined = [join(server, code, f"Speler{n}", "inwoner") for n in range(PHONES)]
    console = LiveClient(server.url, code=code, key=key).connect()
    console.call("control", {"action": "start"})
    console.call("control", {"action": "next"})
    phones = [LiveClient(server.url, code=code, token=j["token"]).connect() for j in joined]
    outboxes = [Outbox(phone) for phone in phones]
    for n, outbox in enumerate(outboxes):
        for c in range(CARDS_EACH):
            outbox.add({"round_id": "droom", "text": f"kaart {n}-{c}", "client_id": f"crash-{n:02d}-{c:03d}"})
    deadline = time.monotonic() + 60
    senders = [
        threading.Thread(target=o.flush, args=("card:add",), kwargs={"deadline": deadline, "pause": 0.05})
        for o in outboxes
    ]
    for sender in senders:
        sender.start()
    time.sleep(0.25)
    acked_at_kill = sum(len(o.acked) for o in outboxes)
    server.kill()
    time.sleep(0.5)
    server.start()
    for sender in senders:
        sender.join()
    try:
        assert 0 < acked_at_kill < PHONES * CARDS_EACH, "the kill must land in the middle of the round"
        assert all(not o.pending for o in outboxes), "every phone got everything through after the restart"
        for phone, j in zip(phones, joined):
            assert phone.received("snapshot")[-1]["me"]["id"] == j["participant"]["id"], "same identity"
        items = console.call("sync")["snapshot"]["items"]
        stored = Counter(i["text"] for i in items)
        sent = [p["text"] for o in outboxes for p in o.acked]
        assert sorted(stored) == sorted(sent) and set(stored.values()) == {1}, "each input stored exactly once"
    finally:
        close_all([console, *phones])


def test_foreign_origin_cannot_open_a_socket(live_server):
    code, _key = open_game(live_server)
    client = socketio.Client(reconnection=False)
    snapshots = []
    client.on("snapshot", snapshots.append)
    # Engine.IO answers "Not an accepted origin"; over gevent-websocket the upgrade has
    # already happened, so the client sees an empty packet instead of a clean refusal.
    with pytest.raises((socketio.exceptions.ConnectionError, ValueError)):
        client.connect(
            live_server.url,
            auth={"code": code},
            transports=["websocket"],
            headers={"Origin": "http://evil.example"},
            wait_timeout=5,
        )
    assert not client.connected and snapshots == []
    client.shutdown()
    ok = LiveClient(live_server.url, code=code).connect()
    close_all([ok])


def test_oversized_message_gets_a_clear_error_and_a_huge_one_drops_only_that_client(live_server):
    code, key = open_game(live_server)
    token = join(live_server, code, "Groot", "inwoner")["token"]
    console = LiveClient(live_server.url, code=code, key=key).connect()
    console.call("control", {"action": "start"})
    console.call("control", {"action": "next"})
    big = LiveClient(live_server.url, code=code, token=token).connect()
    ack = big.call("card:add", {"round_id": "droom", "text": "x" * 200_000, "client_id": "huge-0001"})
    assert ack["error"]["code"] == "too_large" and ack["error"]["message"]
    with pytest.raises(Exception):
        big.call("card:add", {"round_id": "droom", "text": "x" * 2_000_000, "client_id": "huge-0002"}, timeout=3)
    assert console.call("sync")["ok"], "the server serves the others"
    assert live_server.api("GET", "/healthz").status_code == 200
    close_all([console, big])


@pytest.mark.parametrize("async_mode", ["gevent", "eventlet"])
def test_a_pdf_export_does_not_stall_the_live_game(start_server, async_mode):
    server = start_server(async_mode)
    code, key = open_game(server)
    viewer = LiveClient(server.url, code=code).connect()
    finished = {}

    def export():
        response = server.api("GET", f"/s/{code}/export.pdf?key={key}")
        finished["export"] = time.monotonic()
        finished["status"] = response.status_code

    worker = threading.Thread(target=export)
    worker.start()
    time.sleep(0.15)
    assert viewer.call("sync")["ok"]
    finished["sync"] = time.monotonic()
    worker.join()
    close_all([viewer])
    assert finished["status"] == 200
    assert finished["sync"] < finished["export"], "the game was served while the PDF was rendered"
