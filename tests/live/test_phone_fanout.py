"""A phone is sent only the items its page shows (issue 11, fan-out): in a cards round a card
goes to the screens and the consoles, and to no phone but its author's other sockets; a vote
still gets its ideas and the plan every step. The broadcasts a phone is not sent are no gap:
followed as static/js/socket.js follows them (``prev``), its sequence stays whole. Real
python-socketio clients against the real server (``samenspel serve``)."""

import time

import pytest

from tests.support.clients import LiveClient, close_all
from tests.support.game import join, open_game

pytestmark = pytest.mark.server


class Sequence:
    """A client's ``seq`` as socket.js keeps it: a copy whose ``prev`` (or ``seq - 1``) is
    newer than the last ``seq`` known is a gap (the client would call ``sync``)."""

    def __init__(self, client: LiveClient):
        self.client, self.seen, self.gaps = client, 0, []
        self.last = client.received("snapshot")[-1]["seq"]

    def follow(self) -> int:
        with self.client._lock:
            events = self.client.events[self.seen :]
        self.seen += len(events)
        for name, data in events:
            if name == "snapshot":
                self.last = data["seq"]
            elif isinstance(data, dict) and isinstance(data.get("seq"), int) and data["seq"] > self.last:
                if data.get("prev", data["seq"] - 1) > self.last:
                    self.gaps.append((name, data))
                self.last = data["seq"]
        return self.last

    def acked(self, ack: dict) -> dict:
        """Every ``seq`` in an ack counts as received (docs/protocol.md)."""
        self.follow()
        self.last = max(self.last, ack.get("seq", 0))
        return ack


@pytest.fixture
def clients():
    opened = []

    def connect(url, **auth):
        client = LiveClient(url, **auth).connect()
        opened.append(client)
        return client

    yield connect
    close_all(opened)


def items_told(client: LiveClient) -> list[tuple[str, dict]]:
    with client._lock:
        return [(name, data) for name, data in client.events if name.startswith("item:") or name == "tick"]


def test_a_phone_gets_the_items_its_page_shows_and_no_false_gap(start_server, clients):
    server = start_server("gevent")
    code, key = open_game(server)
    fatima, henk = join(server, code, "Fatima", "inwoner"), join(server, code, "Henk", "ambtenaar")
    projector = clients(server.url, code=code)
    console = clients(server.url, code=code, key=key)
    phone = clients(server.url, code=code, token=fatima["token"])
    other_tab = clients(server.url, code=code, token=fatima["token"])  # Fatima's second socket
    henks = clients(server.url, code=code, token=henk["token"])
    sequence = Sequence(henks)

    def goto(round_id: str) -> None:
        while True:
            flow = console.call("control", {"action": "next"})["flow"]
            henks.wait_for("flow", lambda d: d["seq"] >= flow.get("seq", 0) and d["flow"] == flow)
            if henks.received("flow")[-1]["round"]["id"] == round_id:
                return

    console.call("control", {"action": "start"})
    goto("droom")
    # a card in a cards round: the screens and consoles see it, the other phone is sent nothing
    card = phone.call("card:add", {"round_id": "droom", "text": "Samen oogsten", "client_id": "fan-0001"})
    assert card["ok"]
    for screen in (projector, console):
        assert screen.wait_for("item:added")["item"]["text"] == "Samen oogsten"
    mine = other_tab.wait_for("item:added")["item"]  # the author's other socket: their own view
    assert mine["text"] == "Samen oogsten" and mine["mine"] is True
    # the facilitator hides it: the author's phones are told, still no other phone
    assert console.call("moderate", {"action": "hide", "id": mine["id"]})["ok"]
    assert other_tab.wait_for("item:removed")["id"] == mine["id"]
    assert projector.wait_for("item:removed")["id"] == mine["id"]
    assert sequence.acked(henks.call("card:add", {"round_id": "droom", "text": "Kas", "client_id": "fan-0002"}))["ok"]
    assert console.wait_for("item:added", lambda d: d["item"]["text"] == "Kas")
    goto("ideeen")
    for who, text in ((phone, "Moestuin"), (henks, "Bankjes")):
        ack = who.call("card:add", {"round_id": "ideeen", "text": text, "client_id": f"fan-{text}"})
        assert (sequence.acked(ack) if who is henks else ack)["ok"]
    projector.wait_for("item:added", lambda d: d["item"]["text"] == "Bankjes")
    assert items_told(henks) == [], "no other player's card, not even a tick, in cards rounds"
    assert [d["item"]["text"] for n, d in items_told(phone) if n == "item:added"] == []

    goto("kiezen")  # a vote shows the ideas: the phone asks for them as socket.js does
    assert henks.received("flow")[-1]["round"]["items_from"] == ["ideeen"]
    ideas = henks.call("items:round", {"round_id": "ideeen"})
    assert sorted(i["text"] for i in ideas["items"]) == ["Bankjes", "Moestuin"]
    assert henks.call("sync")["snapshot"]["item_rounds"] == ["ideeen"]

    goto("actiepad")  # the plan shows everyone's steps: told to every phone
    step = phone.call("step:add", {"round_id": "actiepad", "what": "Bakken bouwen", "client_id": "fan-step-1"})
    assert step["ok"]
    assert henks.wait_for("item:added")["item"]["what"] == "Bakken bouwen"
    # Henk's sequence: every broadcast he was not sent was closed by `prev`, never a gap
    last = console.call("sync")["snapshot"]["seq"]
    deadline = time.monotonic() + 15
    while sequence.follow() < last and time.monotonic() < deadline:  # the step's summary may follow
        time.sleep(0.05)
    assert sequence.last == last
    assert sequence.gaps == []
