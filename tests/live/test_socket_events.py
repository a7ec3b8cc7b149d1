"""Socket.IO events through Flask-SocketIO's test client: identity, authority, broadcasts,
rooms that do not leak between sessions, and error acks for anything malformed."""

import pytest

from samenspel.engine.flow import Status
from tests.support.socket_game import add_card, go_to_cards_round, received


def snapshot_of(socket):
    snapshots = received(socket, "snapshot")
    assert len(snapshots) == 1
    return snapshots[0]


@pytest.fixture
def game(make_session, make_player, make_socket):
    """A session with a facilitator console, a projector and two phones, all connected."""
    created = make_session()
    code = created["code"]
    fatima, henk = make_player(code, "Fatima", "inwoner"), make_player(code, "Henk", "ambtenaar")
    return {
        "code": code,
        "console": make_socket(code=code, key=created["key"]),
        "projector": make_socket(code=code),
        "fatima": make_socket(code=code, token=fatima["token"]),
        "henk": make_socket(code=code, token=henk["token"]),
        "ids": {"fatima": fatima["participant"]["id"], "henk": henk["participant"]["id"]},
    }


def test_connect_sends_a_snapshot_shaped_for_each_kind(game):
    phone = snapshot_of(game["fatima"])
    assert phone["me"] == {
        "kind": "participant",
        "id": game["ids"]["fatima"],
        "name": "Fatima",
        "role": "inwoner",
        "table": None,
    }
    assert phone["flow"]["status"] == Status.LOBBY and phone["round"] is None
    assert phone["people"] == 2 and "participants" not in phone  # a phone shows a count, not who
    assert snapshot_of(game["console"])["me"] == {"kind": "facilitator"}
    projector = snapshot_of(game["projector"])
    assert projector["me"] == {"kind": "viewer"}
    assert [p["name"] for p in projector["participants"]] == ["Fatima", "Henk"] and projector["people"] == 2
    assert len(phone["game"]["rounds"]) == 10


@pytest.mark.parametrize(
    "auth,code",
    [
        ({"code": "NOPE22"}, "unknown_session"),
        ({"code": None}, "bad_auth"),
        ({}, "bad_auth"),
    ],
)
def test_refused_connections_say_why(app, auth, code):
    from samenspel.live import socketio

    with pytest.raises(Exception):
        socketio.test_client(app, auth=auth).emit("sync", {}, callback=True)
    client = socketio.test_client(app, auth=auth)
    assert not client.is_connected()


def test_wrong_token_or_key_is_refused(make_session, make_socket):
    code = make_session()["code"]
    assert not make_socket(code=code, token="not-a-token").is_connected()
    assert not make_socket(code=code, key="not-the-key").is_connected()


def test_only_the_facilitator_controls_the_game(game):
    for who in ("fatima", "projector"):
        ack = game[who].emit("control", {"action": "start"}, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "not_allowed"
    ack = game["console"].emit("control", {"action": "start"}, callback=True)
    assert ack["ok"] and ack["flow"]["status"] == "running"
    flows = received(game["fatima"], "flow")
    assert flows[-1]["round"]["id"] == "welkom" and "notes" not in flows[-1]["round"]
    # the console that pressed gets the flow in its ack (facilitator view), not as a broadcast
    assert received(game["console"], "flow") == []
    assert [e["event"] for e in ack["events"]] == ["flow"] and "notes" in ack["events"][0]["data"]["round"]
    assert ack["seq"] == ack["events"][0]["data"]["seq"] == flows[-1]["seq"]


def test_card_travels_from_phone_to_projector_and_others(game):
    go_to_cards_round(game["console"])
    for s in ("projector", "henk", "console"):
        game[s].get_received()
    ack = add_card(game["fatima"], "Samen oogsten", "c-0000001")
    assert ack["ok"] and ack["item"]["text"] == "Samen oogsten"
    for who in ("projector", "console"):
        added = received(game[who], "item:added")
        assert [a["item"]["text"] for a in added] == ["Samen oogsten"]
        assert added[0]["item"]["author_id"] == game["ids"]["fatima"]
    assert received(game["henk"], "item:added") == []  # a cards round shows a phone its own cards


def test_resend_with_same_client_id_is_stored_once(game):
    go_to_cards_round(game["console"])
    first = add_card(game["fatima"], "Een kas", "resend-01")
    game["projector"].get_received()
    again = add_card(game["fatima"], "Een kas", "resend-01")
    assert again["ok"] and again["item"]["id"] == first["item"]["id"] and again["duplicate"]
    assert received(game["projector"], "item:added") == []
    items = game["projector"].emit("sync", {}, callback=True)["snapshot"]["items"]
    assert [i["text"] for i in items] == ["Een kas"]


def test_players_edit_and_delete_only_their_own_cards(game):
    go_to_cards_round(game["console"])
    card = add_card(game["fatima"], "Eerste", "edit-0001")["item"]
    stolen = game["henk"].emit("card:edit", {"id": card["id"], "text": "van mij"}, callback=True)
    assert stolen["error"]["code"] == "not_allowed"
    assert game["henk"].emit("card:delete", {"id": card["id"]}, callback=True)["error"]["code"] == "not_allowed"
    edited = game["fatima"].emit("card:edit", {"id": card["id"], "text": "Verbeterd"}, callback=True)
    assert edited["item"]["text"] == "Verbeterd"
    assert received(game["projector"], "item:updated")[-1]["item"]["text"] == "Verbeterd"
    deleted = game["fatima"].emit("card:delete", {"id": card["id"]}, callback=True)
    assert deleted["ok"] and deleted["id"] == card["id"]
    [event] = deleted["events"]  # `prev`: the phones were sent none of the cards' changes since
    assert event["event"] == "item:removed" and event["data"]["prev"] < deleted["seq"]
    assert event["data"] == {
        "seq": deleted["seq"],
        "prev": event["data"]["prev"],
        "id": card["id"],
        "round_id": "droom",
    }
    assert received(game["projector"], "item:removed")[-1] == {
        "seq": pytest.approx(0, abs=10**9),
        "id": card["id"],
        "round_id": "droom",
    }


def test_closed_and_future_rounds_take_no_cards(game):
    game["console"].emit("control", {"action": "start"}, callback=True)
    assert add_card(game["fatima"], "te vroeg", "early-001")["error"]["code"] == "round_closed"
    game["console"].emit("control", {"action": "next"}, callback=True)
    card = add_card(game["fatima"], "op tijd", "ontime-01")["item"]
    game["console"].emit("control", {"action": "next"}, callback=True)
    late = game["fatima"].emit("card:edit", {"id": card["id"], "text": "te laat"}, callback=True)
    assert late["error"]["code"] == "round_closed"
    game["console"].emit("control", {"action": "back"}, callback=True)
    reopened = game["fatima"].emit("card:edit", {"id": card["id"], "text": "weer open"}, callback=True)
    assert reopened["ok"], "back reopens the round with its cards"


def test_sequence_numbers_grow_by_one_per_broadcast(game):
    go_to_cards_round(game["console"])
    add_card(game["fatima"], "a", "seq-00001")
    add_card(game["henk"], "b", "seq-00002")
    seqs = [p["args"][0]["seq"] for p in game["projector"].get_received()]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))


def test_rooms_do_not_leak_between_sessions(game, make_session, make_player, make_socket):
    other = make_session(title="Andere wijk")
    other_phone = make_socket(code=other["code"], token=make_player(other["code"], "Els")["token"])
    other_projector = make_socket(code=other["code"])
    for s in (other_phone, other_projector):
        s.get_received()
    go_to_cards_round(game["console"])
    add_card(game["fatima"], "geheim van wijk A", "leak-0001")
    assert other_phone.get_received() == [] and other_projector.get_received() == []
    snapshot = other_projector.emit("sync", {}, callback=True)["snapshot"]
    assert snapshot["items"] == [] and [p["name"] for p in snapshot["participants"]] == ["Els"]


def test_player_cannot_touch_cards_of_another_session(game, make_session, make_player, make_socket):
    go_to_cards_round(game["console"])
    card = add_card(game["fatima"], "van A", "cross-001")["item"]
    other = make_session()
    make_socket(code=other["code"], key=other["key"]).emit("control", {"action": "start"}, callback=True)
    intruder = make_socket(code=other["code"], token=make_player(other["code"])["token"])
    ack = intruder.emit("card:delete", {"id": card["id"]}, callback=True)
    assert ack["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "event,payload",
    [
        ("card:add", None),
        ("card:add", "text"),
        ("card:add", [1, 2]),
        ("card:add", {}),
        ("card:add", {"round_id": "droom", "text": "x"}),
        ("card:add", {"round_id": "droom", "text": "x", "client_id": "short"}),
        ("card:add", {"round_id": 5, "text": "x", "client_id": "abcdefgh1"}),
        ("card:add", {"round_id": "kiezen", "text": "x", "client_id": "abcdefgh1"}),
        ("card:edit", {"id": True}),
        ("card:edit", {"id": 10**30}),
        ("card:delete", {"id": -1}),
        ("control", {"action": 5}),
        ("no-such-event", {"a": 1}),
    ],
)
def test_malformed_events_get_an_error_ack_and_change_nothing(game, event, payload):
    go_to_cards_round(game["console"])
    before = game["projector"].emit("sync", {}, callback=True)["snapshot"]
    sender = game["console"] if event == "control" else game["fatima"]
    args = () if payload is None else (payload,)
    ack = sender.emit(event, *args, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] and ack["error"]["message"]
    after = game["projector"].emit("sync", {}, callback=True)["snapshot"]
    assert after["items"] == before["items"] and after["seq"] == before["seq"]
    assert add_card(game["henk"], "de rest speelt door", "still-001")["ok"]


def test_error_messages_follow_the_socket_language(make_session, make_player, make_socket):
    code = make_session()["code"]
    token = make_player(code)["token"]
    nl = make_socket(code=code, token=token, lang="nl").emit("control", {"action": "start"}, callback=True)
    en = make_socket(code=code, token=token, lang="en").emit("control", {"action": "start"}, callback=True)
    assert nl["error"]["code"] == en["error"]["code"] == "not_allowed"
    assert en["error"]["message"] == "You cannot do that here."
    assert nl["error"]["message"] != en["error"]["message"]


def test_join_is_announced_live(game, client):
    game["projector"].get_received()
    client.post(f"/api/sessions/{game['code']}/participants", json={"name": "Sanne", "role": "bestuurder"})
    joined = received(game["projector"], "participant:joined")
    assert [j["participant"]["name"] for j in joined] == ["Sanne"]
