"""What a phone receives on connect: its own items of every round and everyone's items only
of the rounds its current round shows (a vote's ideas, the shared plan); older rounds on
request (`items:round`). Screens and consoles keep the whole session."""

from tests.support.socket_game import add_card


def sync(socket):
    return socket.emit("sync", {}, callback=True)["snapshot"]


def next_round(console, expected_id):
    ack = console.emit("control", {"action": "next"}, callback=True)
    assert ack["ok"]
    assert sync(console)["round"]["id"] == expected_id


def test_a_phone_gets_its_own_cards_not_everyone_elses(room):
    assert add_card(room["fatima"], "Moestuin", "snap-0001")["ok"]
    assert add_card(room["henk"], "Bankjes", "snap-0002")["ok"]
    phone = sync(room["fatima"])
    assert [(i["text"], i.get("mine")) for i in phone["items"]] == [("Moestuin", True)]
    assert phone["item_rounds"] == [] and phone["round"]["items_from"] == []  # a card round: own cards
    assert phone["people"] == 2 and "participants" not in phone
    assert set(phone["summaries"]) <= {"droom"}
    projector = sync(room["projector"])
    assert sorted(i["text"] for i in projector["items"]) == ["Bankjes", "Moestuin"]
    assert "items_from" not in projector["round"] and "droom" in projector["item_rounds"]


def test_older_rounds_come_on_request(room):
    assert add_card(room["fatima"], "Moestuin", "snap-0101")["ok"]
    assert add_card(room["henk"], "Bankjes", "snap-0102")["ok"]
    next_round(room["console"], "belangen")
    ack = room["fatima"].emit("items:round", {"round_id": "droom"}, callback=True)
    assert ack["ok"] and ack["round_id"] == "droom" and ack["seq"] == sync(room["console"])["seq"]
    assert sorted((i["text"], i.get("mine", False)) for i in ack["items"]) == [("Bankjes", False), ("Moestuin", True)]
    assert "events" not in ack and ack["summary"] is None  # a read; this round adds nothing up
    # not played yet, or no such round: refused
    for round_id, code in (("kiezen", "not_allowed"), ("nergens", "not_found"), (None, "not_found")):
        refused = room["fatima"].emit("items:round", {"round_id": round_id}, callback=True)
        assert refused["ok"] is False and refused["error"]["code"] == code


def test_the_vote_round_brings_its_ideas(room):
    for round_id in ("belangen", "rolwissel", "kansen-drempels", "ideeen"):
        next_round(room["console"], round_id)
    assert add_card(room["fatima"], "Moestuin", "snap-0201", "ideeen")["ok"]
    assert add_card(room["henk"], "Bankjes", "snap-0202", "ideeen")["ok"]
    next_round(room["console"], "kiezen")
    flow = [p for p in room["henk"].get_received() if p["name"] == "flow"][-1]["args"][0]
    assert flow["round"]["items_from"] == ["ideeen"]  # a phone that was here asks for these
    phone = sync(room["henk"])
    assert phone["item_rounds"] == ["ideeen"]
    assert sorted(i["text"] for i in phone["items"]) == ["Bankjes", "Moestuin"]
