"""Tables over the wire, with real Socket.IO clients against the real server: 3 tables of
two, a projector and a console. In a table round no phone ever receives another table's
items (not in a broadcast, not in a snapshot); the vote at tables harvests exactly each
table's top N into the plenary rounds; new tables keep every player's items."""

from __future__ import annotations

import json

import pytest

from tests.support.clients import LiveClient, close_all

pytestmark = pytest.mark.server

ROLES = ["inwoner", "ambtenaar"] * 3


@pytest.fixture
def hall(start_server):
    server = start_server("gevent")
    created = server.api(
        "POST",
        "/api/sessions",
        json={"game": "het-nieuwe-samenspel", "title": "Zaal", "question": "Hoe?", "tables": {"count": 3}},
    ).json()
    code, key = created["code"], created["facilitator_url"].split("key=")[1]
    joined = [
        server.api("POST", f"/api/sessions/{code}/participants", json={"name": f"P{i}", "role": r}).json()
        for i, r in enumerate(ROLES)
    ]
    opened = []

    def connect(**auth):
        client = LiveClient(server.url, code=code, **auth).connect()
        opened.append(client)
        return client

    phones = [connect(token=j["token"]) for j in joined]
    hall = {
        "console": connect(key=key),
        "projector": connect(),
        "phones": phones,
        "seat": {j["participant"]["id"]: j["participant"]["table"] for j in joined},
        "ids": [j["participant"]["id"] for j in joined],
    }
    yield hall
    close_all(opened)


def wire(client) -> list:
    """Every item that reached this client, from any event (snapshot, broadcast, ack)."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            if "round_id" in value and "kind" in value and "id" in value:
                found.append(value)
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    with client._lock:
        walk([data for _name, data in client.events])
    return found


def go(console, steps):
    """``next`` so many times; the last ack (it carries the broadcasts in the console's view)."""
    for _ in range(steps):
        ack = console.call("control", {"action": "next"})
        assert ack["ok"]
    return ack


def write_cards(hall, round_id, per_phone=1):
    written = {}
    for index, phone in enumerate(hall["phones"]):
        for n in range(per_phone):
            ack = phone.call(
                "card:add",
                {"round_id": round_id, "text": f"{round_id} {index}.{n}", "client_id": f"{round_id}-{index}-{n}-x"},
            )
            assert ack["ok"], ack
            written[ack["item"]["id"]] = ack["item"]
    return written


def test_three_tables_items_never_leak_and_the_harvest_carries_each_tables_top_n(hall):
    console, projector, phones, seat, ids = (
        hall["console"],
        hall["projector"],
        hall["phones"],
        hall["seat"],
        hall["ids"],
    )
    assert sorted(seat.values()) == [1, 1, 2, 2, 3, 3]
    snapshot = projector.received("snapshot")[0]
    assert [t["id"] for t in snapshot["tables"]] == [1, 2, 3] and snapshot["tables"][0]["name"][
        "nl"
    ] == "Tafel Zeekraal"
    assert console.call("control", {"action": "start"})["ok"]
    go(console, 1)  # droom, at tables
    for phone in phones:
        phone.wait_for("flow", lambda d: d["round"]["id"] == "droom" and d["round"]["scope"] == "table")
    cards = write_cards(hall, "droom")
    assert {c["table"] for c in cards.values()} == {1, 2, 3}
    projector.wait_for("item:added", lambda d: d["item"]["id"] == max(cards))
    for phone in phones:  # a cards round shows a phone its own: not even a mate's
        assert phone.call("sync")["ok"]
        assert not [n for n, _d in phone.events if n.startswith("item:") or n == "tick"]
    for phone, pid in zip(phones, ids):
        seen = {i["id"]: i for i in wire(phone) if i["round_id"] == "droom"}
        assert {i["table"] for i in seen.values()} <= {seat[pid]}, "another table's card reached this phone"
    assert {i["id"] for i in wire(projector) if i["round_id"] == "droom"} == set(cards)
    # the tables at a glance reach the console and the screens (throttled), never a phone
    for screen in (projector, console):
        glance = screen.wait_for("tables:overview", lambda d: [t["written"] for t in d["tables"]] == [2, 2, 2])
        assert glance["round_id"] == "droom"
        assert [sorted(t["members"]) for t in glance["tables"]] == [
            sorted(p for p in ids if seat[p] == table) for table in (1, 2, 3)
        ]
        assert all(sorted(t["done"]) == sorted(t["members"]) for t in glance["tables"])
    assert not any(phone.received("tables:overview") for phone in phones)

    # ideas at tables, then the vote at tables: each table's own top 3
    go(console, 4)  # ideeen
    ideas = write_cards(hall, "ideeen", per_phone=2)
    go(console, 1)  # kiezen, at tables
    for phone, pid in zip(phones, ids):
        own_table = sorted(i for i, c in ideas.items() if c["table"] == seat[pid])
        other = next(i for i, c in ideas.items() if c["table"] != seat[pid])
        refused = phone.call("ballot:set", {"round_id": "kiezen", "card_id": other, "count": 1})
        assert refused["error"]["code"] == "not_found"
        first_of_pair = pid == min(p for p in ids if seat[p] == seat[pid])
        votes = {own_table[0]: 2, own_table[1]: 1} if first_of_pair else {own_table[2]: 1}
        for card_id, count in votes.items():
            assert phone.call("ballot:set", {"round_id": "kiezen", "card_id": card_id, "count": count})["ok"]
    ack = go(console, 1)  # inbreng, plenary: the harvest
    told = [e["data"] for e in ack["events"] if e["event"] == "summary" and e["data"]["round_id"] == "kiezen"]
    summary = told[0]["summary"]
    assert summary["closed"]
    expected = {}
    for table in (1, 2, 3):
        own = sorted(i for i, c in ideas.items() if c["table"] == table)
        expected[str(table)] = [own[0], own[1], own[2]]  # 2 dots, then 1 and 1 (ties: the earlier card)
    assert summary["chosen_by_table"] == expected
    assert summary["chosen"] == [i for t in ("1", "2", "3") for i in expected[t]]
    pledge = console.call("sync")["snapshot"]["summaries"]["inbreng"]
    assert [i["id"] for i in pledge["ideas"]] == summary["chosen"]
    assert [i["table"] for i in pledge["ideas"]] == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    # plenary: every phone sees every table's ideas again (an older round: on request)
    for phone in phones:
        phone.wait_for("resync", lambda d: d["reason"] == "tables")
        items = phone.call("items:round", {"round_id": "ideeen"})["items"]
        assert {i["table"] for i in items if i["round_id"] == "ideeen"} == {1, 2, 3}


def test_new_tables_keep_every_players_items(hall):
    console, phones, ids = hall["console"], hall["phones"], hall["ids"]
    assert console.call("control", {"action": "start"})["ok"]
    go(console, 1)  # droom, at tables
    cards = write_cards(hall, "droom")
    ack = console.call("tables:reshuffle")
    assert ack["ok"] and [t["id"] for t in ack["tables"]] == [1, 2, 3]
    seats = hall["projector"].wait_for("tables")["seats"]
    new_seat = {s["id"]: s["table"] for s in seats}
    assert sorted(new_seat.values()) == [1, 1, 2, 2, 3, 3]
    for phone, pid in zip(phones, ids):
        phone.wait_for("resync", lambda d: d["reason"] == "tables")
        snapshot = phone.call("sync")["snapshot"]
        assert snapshot["me"]["table"] == new_seat[pid]
        mine = [i for i in snapshot["items"] if i.get("mine")]
        assert [i["id"] for i in mine] == [c["id"] for c in cards.values() if c["author_id"] == pid]
        assert {i["table"] for i in snapshot["items"] if not i.get("mine")} <= {new_seat[pid]}
    # a card written after the move goes to the new table only
    phone = phones[0]
    ack = phone.call("card:add", {"round_id": "droom", "text": "na de wissel", "client_id": "after-move-1"})
    assert ack["item"]["table"] == new_seat[ids[0]]
    hall["projector"].wait_for("item:added", lambda d: d["item"]["id"] == ack["item"]["id"])
    for other in phones[1:]:  # a cards round shows a phone its own cards: no other phone gets it
        assert other.call("sync")["ok"]
        assert "na de wissel" not in json.dumps([d for _n, d in other.events])


def test_a_call_for_help_answered_reaches_that_phone_only(hall):
    """``tables:help`` opens the phone's call (``help_asked`` in its own settings); the
    facilitator's ``tables:helped`` closes it, and that phone (its own room) is told so; the
    other phones never learn who asked."""
    asker, other = hall["phones"][0], hall["phones"][1]
    ack = asker.call("tables:help", {})
    assert ack["ok"] and ack["settings"]["help_asked"] is True
    assert asker.call("sync", {})["snapshot"]["session"]["tables"]["help_asked"] is True
    helped = hall["console"].call("tables:helped", {"participant_id": hall["ids"][0]})
    assert helped["ok"] and helped["settings"]["help"] == []
    told = asker.wait_for("tables", lambda d: d["settings"].get("help_asked") is False)
    assert told["seq"] == helped["seq"]
    assert all("help" not in d["settings"] for d in other.received("tables"))
    assert other.call("sync", {})["snapshot"]["session"]["tables"]["help_asked"] is False
