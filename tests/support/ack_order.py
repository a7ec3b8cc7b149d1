"""Ack before broadcast, and the author's own view: a player sends many inputs back to back
from one socket while their second socket, another player and a screen watch (tests/live
and tests/scaled use it, on one process and on two behind Redis)."""

from __future__ import annotations

import threading

from tests.support.clients import LiveClient, close_all
from tests.support.game import join
from tests.support.server import ROOT

INPUTS = 200
#: a generous event budget: this test is about order, not about flood limits
FAST = {
    "SAMENSPEL_SOCKET_EVENTS_PER_SECOND": "5000",
    "SAMENSPEL_SOCKET_EVENT_BURST": "5000",
    "SAMENSPEL_ADDRESS_EVENTS_PER_SECOND": "5000",
    "SAMENSPEL_ADDRESS_EVENT_BURST": "5000",
    "SAMENSPEL_SESSION_EVENTS_PER_SECOND": "5000",
    "SAMENSPEL_SESSION_EVENT_BURST": "5000",
}


class Timeline(LiveClient):
    """A client that records acks and broadcasts in one list, in the order they arrive (the
    client's reader thread handles both, one packet after the other)."""

    def __init__(self, url, **auth):
        super().__init__(url, **auth)
        self.timeline: list[tuple[str, object]] = []

    def _record(self, event, data=None):
        super()._record(event, data)
        with self._lock:
            self.timeline.append(("broadcast", (event, data)))

    def send(self, event, payload, acks: list, done: threading.Event, expected: int):
        def on_ack(ack=None):
            with self._lock:
                self.timeline.append(("ack", ack))
                acks.append(ack)
                if len(acks) == expected:
                    done.set()

        self.sio.emit(event, payload, callback=on_ack)


def hidden_round_game(folder):
    """The default game with its first cards round anonymous and shown only on reveal."""
    text = (ROOT / "game_rules" / "het-nieuwe-samenspel.yaml").read_text()
    marker = "      max_length: 200\n      visibility: live\n"
    assert marker in text
    folder.mkdir()
    (folder / "game.yaml").write_text(
        text.replace(marker, "      max_length: 200\n      visibility: reveal\n      anonymous: true\n", 1)
    )
    return folder


def play_back_to_back(server_a, server_b=None):
    url_b = (server_b or server_a).url
    created = server_a.api(
        "POST", "/api/sessions", json={"game": "het-nieuwe-samenspel", "title": "Moestuin", "question": "Hoe?"}
    ).json()
    code, key = created["code"], created["facilitator_url"].split("key=")[1]
    fatima, henk = join(server_a, code, "Fatima", "inwoner"), join(server_a, code, "Henk", "ambtenaar")
    console = LiveClient(server_a.url, code=code, key=key).connect()
    sender = Timeline(server_a.url, code=code, token=fatima["token"]).connect()
    second = LiveClient(url_b, code=code, token=fatima["token"]).connect()
    other = LiveClient(url_b, code=code, token=henk["token"]).connect()
    screen = LiveClient(url_b, code=code).connect()
    clients = [console, sender, second, other, screen]
    try:
        assert console.call("control", {"action": "start"})["ok"]
        assert console.call("control", {"action": "next"})["ok"]
        sender.wait_for("flow", lambda d: d["round"]["id"] == "droom")
        card = sender.call("card:add", {"round_id": "droom", "text": "nul", "client_id": "order-0000"})
        assert card["ok"] and card["item"]["mine"] is True
        with sender._lock:
            sender.timeline.clear()
        start_seq = card["seq"]

        acks, done = [], threading.Event()
        for n in range(INPUTS):  # back to back: no waiting for the previous ack
            sender.send("card:edit", {"id": card["item"]["id"], "text": f"tekst {n}"}, acks, done, INPUTS)
        assert done.wait(60), f"{len(acks)} of {INPUTS} acks"
        assert all(a["ok"] for a in acks), [a for a in acks if not a["ok"]][:3]
        last = max(a["seq"] for a in acks)
        for watcher in (second, screen):
            watcher.wait_for("item:updated", lambda d: d["seq"] == last, timeout=30)
        # Another phone is sent nothing of a card (nor the round's unchanged summary): a round
        # trip on its socket, after the screen had the last, lets anything sent to it arrive.
        assert other.call("sync")["ok"]
        return card["item"]["id"], start_seq, last, sender, second, other, screen
    finally:
        close_all(clients)


def check(item_id, start_seq, last, sender, second, other, screen):
    own_seqs, seen = set(), []
    for kind, data in sender.timeline:
        if kind == "ack":
            events = data["events"]
            assert [e["event"] for e in events] == ["item:updated"], "an edit leaves the summary as it was"
            item = events[0]["data"]["item"]
            assert item["mine"] is True and item["text"].startswith("tekst"), "the author's own view"
            assert data["seq"] == events[-1]["data"]["seq"]
            own_seqs.update(e["data"]["seq"] for e in events)
            seen += [e["data"]["seq"] for e in events]
        else:
            event, payload = data
            if isinstance(payload, dict) and "seq" in payload:
                assert payload["seq"] not in own_seqs, "a broadcast about an input reached its sender"
                seen.append(payload["seq"])
            assert not (event.startswith("item:") and payload.get("item", {}).get("id") == item_id), (
                "the sender got a broadcast about its own input"
            )
    assert len(own_seqs) == INPUTS
    # every number once, none missing: the sender's sequence (acks and broadcasts) has no gap
    assert sorted(seen) == list(range(start_seq + 1, last + 1))

    first_arrival = {}
    for payload in second.received("item:updated"):
        if payload["item"]["id"] == item_id:
            first_arrival.setdefault(payload["seq"], payload["item"])
    assert len(first_arrival) == INPUTS
    assert all(item.get("mine") is True and item["text"].startswith("tekst") for item in first_arrival.values()), (
        "the author's other socket gets their own view first (the room's copy after it is already known)"
    )
    assert not [n for n, d in other.events if n.startswith("item:") or n == "tick"], (
        "another phone is sent no card of a cards round (it shows the player's own)"
    )
    theirs = [d for d in screen.received("item:updated") if d["item"]["id"] == item_id]
    assert len(theirs) == INPUTS
    assert all(
        d["item"].get("concealed") is True and "mine" not in d["item"] and "text" not in d["item"] for d in theirs
    ), "the room's view: concealed until revealed"
