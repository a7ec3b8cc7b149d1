"""Pledge over the wire (Flask-SocketIO test clients): an offer toward a chosen idea reaches
the projector and the console with the round's summary; only its author changes it; bad
payloads get an error ack; a closed round takes none."""

from __future__ import annotations

import pytest

from tests.support.socket_game import received


@pytest.fixture
def hall(make_session, make_player, make_socket):
    """The default game up to its pledge round: two ideas chosen in the vote."""
    created = make_session()
    code = created["code"]
    henk, bram = make_player(code, "Henk"), make_player(code, "Bram", "ondernemer")
    hall = {
        "console": make_socket(code=code, key=created["key"]),
        "projector": make_socket(code=code),
        "henk": make_socket(code=code, token=henk["token"]),
        "bram": make_socket(code=code, token=bram["token"]),
        "ids": {"henk": henk["participant"]["id"], "bram": bram["participant"]["id"]},
    }
    console = hall["console"]
    rounds = [r["id"] for r in console.emit("sync", {}, callback=True)["snapshot"]["game"]["rounds"]]
    assert console.emit("control", {"action": "start"}, callback=True)["ok"]
    for _ in range(rounds.index("ideeen")):
        console.emit("control", {"action": "next"}, callback=True)
    ideas = [
        hall["henk"].emit(
            "card:add", {"round_id": "ideeen", "text": text, "client_id": f"idea-{n:04d}"}, callback=True
        )["item"]["id"]
        for n, text in enumerate(("Bakken", "Kas", "Bankje"))
    ]
    console.emit("control", {"action": "next"}, callback=True)
    for voter, idea in (("henk", ideas[0]), ("bram", ideas[0]), ("bram", ideas[1])):
        assert hall[voter].emit("ballot:set", {"round_id": "kiezen", "card_id": idea, "count": 1}, callback=True)["ok"]
    flow = console.emit("control", {"action": "next"}, callback=True)
    assert flow["ok"] and rounds[flow["flow"]["round_index"]] == "inbreng"
    hall["ideas"] = ideas
    for name in ("console", "projector", "henk", "bram"):
        hall[name].get_received()
    return hall


def offer(hall, who="henk", **fields):
    payload = {
        "round_id": "inbreng",
        "idea": hall["ideas"][0],
        "resource": "time",
        "text": "Timmeren",
        "hours": 6,
        "client_id": "pledge-0001",
        **fields,
    }
    return hall[who].emit("pledge:add", payload, callback=True)


def test_an_offer_reaches_the_wall_and_the_console_with_the_summary(hall):
    ack = offer(hall)
    assert ack["ok"] and ack["item"]["mine"] is True and ack["item"]["hours"] == 6
    item_id = ack["item"]["id"]
    for name in ("projector", "console", "bram"):
        packets = hall[name].get_received()  # read once: reading empties the queue
        added = [p["args"][0]["item"] for p in packets if p["name"] == "item:added"]
        if name == "bram":  # a phone shows its own offers: another's reaches it as the totals only
            assert added == []
        else:
            assert [(i["id"], i["kind"], i["text"], i["idea"], i["author_id"]) for i in added] == [
                (item_id, "pledge", "Timmeren", hall["ideas"][0], hall["ids"]["henk"])
            ], name
            assert "mine" not in added[0]
        summaries = [p["args"][0] for p in packets if p["name"] == "summary" and p["args"][0]["round_id"] == "inbreng"]
        assert summaries[-1]["summary"]["totals"] == {str(hall["ideas"][0]): {"pledges": 1, "hours": 6, "amount": 0}}
        assert [i["id"] for i in summaries[-1]["summary"]["ideas"]] == hall["ideas"][:2]
    again = offer(hall)  # the same client_id: a resend, not a second offer
    assert again["duplicate"] and again["item"]["id"] == item_id


def test_the_round_in_the_snapshot_carries_the_pledge_settings(hall):
    snapshot = hall["henk"].emit("sync", {}, callback=True)["snapshot"]
    assert snapshot["round"]["mechanic"] == "pledge"
    assert snapshot["round"]["settings"] == {
        "ideas_from": "kiezen",
        "max_per_player": 3,
        "max_length": 140,
        "max_hours": 200,
        "max_amount": 100000,
        "resources": ["time", "materials", "network", "expertise", "money"],
    }
    assert [i["id"] for i in snapshot["summaries"]["inbreng"]["ideas"]] == hall["ideas"][:2]


def test_only_the_author_changes_an_offer(hall):
    item_id = offer(hall)["item"]["id"]
    refused = hall["bram"].emit("pledge:edit", {"id": item_id, "text": "Van mij"}, callback=True)
    assert refused["error"]["code"] == "not_allowed" and refused["error"]["message"]
    assert hall["bram"].emit("pledge:delete", {"id": item_id}, callback=True)["error"]["code"] == "not_allowed"
    edited = hall["henk"].emit(
        "pledge:edit", {"id": item_id, "resource": "money", "amount": 40, "idea": hall["ideas"][1]}, callback=True
    )
    assert edited["ok"] and (edited["item"]["resource"], edited["item"]["hours"], edited["item"]["amount"]) == (
        "money",
        None,
        40,
    )
    updated = [p["item"] for p in received(hall["projector"], "item:updated")]
    assert updated and updated[-1]["amount"] == 40
    deleted = hall["henk"].emit("pledge:delete", {"id": item_id}, callback=True)
    assert deleted["ok"] and deleted["id"] == item_id
    assert {"seq", "id", "round_id"} <= set(received(hall["projector"], "item:removed")[-1])


@pytest.mark.parametrize(
    "fields,code",
    [
        ({"idea": None}, "bad_request"),
        ({"idea": "1"}, "bad_request"),
        ({"resource": "koffie"}, "bad_request"),
        ({"text": ""}, "empty"),
        ({"text": "x" * 141}, "too_long"),
        ({"hours": 0}, "bad_request"),
        ({"hours": "zes"}, "bad_request"),
        ({"resource": "money", "hours": 2}, "bad_request"),
        ({"resource": "money", "hours": None, "amount": -5}, "bad_request"),
        ({"client_id": "kort"}, "bad_request"),
        ({"round_id": "kiezen"}, "bad_request"),
    ],
)
def test_bad_payloads_get_an_error_ack(hall, fields, code):
    ack = offer(hall, **fields)
    assert ack["ok"] is False and ack["error"]["code"] == code and ack["error"]["message"]
    assert not received(hall["projector"], "item:added")


def test_an_idea_that_was_not_chosen_is_not_found(hall):
    ack = offer(hall, idea=hall["ideas"][2])
    assert ack["error"]["code"] == "not_found"


def test_the_limit_per_player_holds(hall):
    for n in range(3):
        assert offer(hall, client_id=f"pledge-{n:04d}x")["ok"]
    full = offer(hall, client_id="pledge-0009x")
    assert full["error"]["code"] == "limit_reached"
    assert offer(hall, who="bram", client_id="pledge-0010x")["ok"]


def test_a_closed_round_takes_no_offers(hall):
    item_id = offer(hall)["item"]["id"]
    assert hall["console"].emit("control", {"action": "next"}, callback=True)["ok"]
    assert offer(hall, client_id="pledge-0002x")["error"]["code"] == "round_closed"
    assert (
        hall["henk"].emit("pledge:edit", {"id": item_id, "text": "Later"}, callback=True)["error"]["code"]
        == "round_closed"
    )
    assert hall["henk"].emit("pledge:delete", {"id": item_id}, callback=True)["error"]["code"] == "round_closed"


def test_the_console_types_an_offer_for_someone_without_a_phone(hall):
    gerrit = hall["console"].emit("participant:add", {"name": "Gerrit", "role": "inwoner"}, callback=True)
    ack = offer(hall, who="console", on_behalf_of=gerrit["participant"]["id"])
    assert ack["ok"] and ack["item"]["author_id"] == gerrit["participant"]["id"]
    own = hall["console"].emit(
        "pledge:add",
        {
            "round_id": "inbreng",
            "idea": hall["ideas"][0],
            "resource": "network",
            "text": "x",
            "client_id": "console-0001",
        },
        callback=True,
    )
    assert own["error"]["code"] == "not_allowed"  # not in the facilitator's own name
