"""Every mechanic over the wire (Flask-SocketIO test client): what is hidden stays on the
server, moderation reaches everyone, summaries follow the rules."""

import json

import pytest

from tests.support.socket_game import received

WIJK = "wijkuitvoeringsplan"


@pytest.fixture
def wijk(make_session, make_player, make_socket):
    created = make_session(game=WIJK)
    code = created["code"]
    anna, bert = make_player(code, "Anna", "bewoner"), make_player(code, "Bert", "gemeente")
    return {
        "console": make_socket(code=code, key=created["key"]),
        "projector": make_socket(code=code),
        "anna": make_socket(code=code, token=anna["token"]),
        "bert": make_socket(code=code, token=bert["token"]),
        "ids": {"anna": anna["participant"]["id"], "bert": bert["participant"]["id"]},
    }


def goto(console, round_id, game_rounds):
    console.emit("control", {"action": "start"}, callback=True)
    for _ in range(game_rounds.index(round_id)):
        assert console.emit("control", {"action": "next"}, callback=True)["ok"]


ROUNDS = [
    "welkom",
    "warmte-nu",
    "uitleg-opties",
    "warmte-opties",
    "betaalbaarheid",
    "rolwissel",
    "ideeen",
    "kiezen",
    "wie-doet-wat",
    "samenspel",
]


def wire(socket):
    """Everything a client received, as raw JSON text: what left the server."""
    return json.dumps([p["args"] for p in socket.get_received()], ensure_ascii=False)


def test_anonymous_author_never_leaves_the_server(wijk):
    goto(wijk["console"], "betaalbaarheid", ROUNDS)
    for s in ("projector", "bert", "console"):
        wijk[s].get_received()
    ack = wijk["anna"].emit(
        "card:add",
        {
            "round_id": "betaalbaarheid",
            "text": "Ik kan het niet betalen",
            "category": "drempel",
            "client_id": "anon-0001",
        },
        callback=True,
    )
    assert ack.get("item", {}).get("mine") is True, ack
    for s in ("projector", "console"):
        item = received(wijk[s], "item:added")[0]["item"]
        assert item["author_id"] is None and item["text"] == "Ik kan het niet betalen"
    assert received(wijk["bert"], "item:added") == []  # a cards round shows a phone its own cards
    snapshot = wijk["bert"].emit("sync", {}, callback=True)["snapshot"]
    assert all(i["author_id"] is None for i in snapshot["items"] if i["round_id"] == "betaalbaarheid")


def test_cards_on_reveal_keep_their_text_until_revealed(wijk):
    goto(wijk["console"], "ideeen", ROUNDS)
    for s in ("projector", "bert"):
        wijk[s].get_received()
    wijk["anna"].emit(
        "card:add", {"round_id": "ideeen", "text": "Warmtenet in de straat", "client_id": "reveal-01"}, callback=True
    )
    raw = wire(wijk["projector"])
    assert "Warmtenet" not in raw and '"concealed": true' in raw
    assert "Warmtenet" not in wire(wijk["bert"])  # another phone is sent no card of a cards round
    assert "Warmtenet" in json.dumps(wijk["console"].emit("sync", {}, callback=True))
    assert wijk["anna"].emit("control", {"action": "reveal"}, callback=True)["error"]["code"] == "not_allowed"
    assert wijk["console"].emit("control", {"action": "reveal"}, callback=True)["ok"]
    assert received(wijk["projector"], "resync")
    items = wijk["projector"].emit("sync", {}, callback=True)["snapshot"]["items"]
    assert [i["text"] for i in items if i["round_id"] == "ideeen"] == ["Warmtenet in de straat"]


def test_role_restricted_round(wijk):
    goto(wijk["console"], "warmte-nu", ROUNDS)
    assert wijk["anna"].emit(
        "card:add", {"round_id": "warmte-nu", "text": "Koud huis", "client_id": "role-0001"}, callback=True
    )["ok"]
    refused = wijk["bert"].emit(
        "card:add", {"round_id": "warmte-nu", "text": "x", "client_id": "role-0002"}, callback=True
    )
    assert refused["error"]["code"] == "not_allowed"


def test_moderation_reaches_everyone_and_votes_follow_merges(wijk):
    goto(wijk["console"], "ideeen", ROUNDS)
    wijk["console"].emit("control", {"action": "reveal"}, callback=True)
    a = wijk["anna"].emit(
        "card:add", {"round_id": "ideeen", "text": "Zonnepanelen", "client_id": "mod-00001"}, callback=True
    )["item"]
    b = wijk["bert"].emit(
        "card:add", {"round_id": "ideeen", "text": "zonnepanelen!", "client_id": "mod-00002"}, callback=True
    )["item"]
    c = wijk["bert"].emit("card:add", {"round_id": "ideeen", "text": "Spam", "client_id": "mod-00003"}, callback=True)[
        "item"
    ]
    wijk["projector"].get_received()
    assert (
        wijk["anna"].emit("moderate", {"action": "hide", "id": c["id"]}, callback=True)["error"]["code"]
        == "not_allowed"
    )
    assert wijk["console"].emit("moderate", {"action": "hide", "id": c["id"]}, callback=True)["ok"]
    assert received(wijk["projector"], "item:removed")[-1]["id"] == c["id"]
    fixed = wijk["console"].emit(
        "moderate", {"action": "edit", "id": a["id"], "text": "Zonnepanelen op daken"}, callback=True
    )
    assert fixed["item"]["text"] == "Zonnepanelen op daken"
    assert received(wijk["projector"], "item:updated")[-1]["item"]["text"] == "Zonnepanelen op daken"
    own = received(wijk["anna"], "item:updated")[-1]["item"]  # the author's phone, in their own view
    assert own["text"] == "Zonnepanelen op daken" and own["mine"] is True
    assert received(wijk["bert"], "item:updated") == []  # no other phone
    assert wijk["console"].emit("moderate", {"action": "merge", "id": b["id"], "into": a["id"]}, callback=True)["ok"]
    visible = wijk["projector"].emit("sync", {}, callback=True)["snapshot"]["items"]
    assert [i["id"] for i in visible if i["round_id"] == "ideeen"] == [a["id"]]
    hidden = wijk["console"].emit("sync", {}, callback=True)["snapshot"]["items"]
    assert {i["id"]: i["hidden"] for i in hidden if i["round_id"] == "ideeen"} == {
        a["id"]: False,
        b["id"]: True,
        c["id"]: True,
    }

    wijk["console"].emit("control", {"action": "next"}, callback=True)
    voted = wijk["anna"].emit("ballot:set", {"round_id": "kiezen", "card_id": a["id"], "count": 1}, callback=True)
    assert voted["ok"], voted
    over = wijk["anna"].emit("ballot:set", {"round_id": "kiezen", "card_id": a["id"], "count": 2}, callback=True)
    assert over["error"]["code"] == "bad_request"
    assert (
        wijk["bert"].emit("ballot:set", {"round_id": "kiezen", "card_id": b["id"], "count": 1}, callback=True)["error"][
            "code"
        ]
        == "not_found"
    )
    summaries = received(wijk["projector"], "summary")
    assert summaries[-1]["summary"]["tally"] == {str(a["id"]): 1}, "this game shows tallies live"
    assert "kiezen" not in {i["round_id"] for p in received(wijk["projector"], "item:added") for i in [p["item"]]}


def test_perspective_assignments_are_public_and_stable(wijk, make_player):
    goto(wijk["console"], "rolwissel", ROUNDS)
    flow = received(wijk["anna"], "flow")[-1]
    perspectives = flow["summary"]["perspectives"]
    assert set(perspectives) == {str(wijk["ids"]["anna"]), str(wijk["ids"]["bert"])}
    card = wijk["anna"].emit(
        "card:add", {"round_id": "rolwissel", "text": "Als corporatie...", "client_id": "persp-001"}, callback=True
    )["item"]
    assert card["as"] == perspectives[str(wijk["ids"]["anna"])] != "bewoner"


def test_two_people_editing_one_step_end_up_with_the_same_text(make_session, make_player, make_socket):
    created = make_session()
    code = created["code"]
    a, b = make_player(code, "Henk"), make_player(code, "Bram", "ondernemer")
    console, projector = make_socket(code=code, key=created["key"]), make_socket(code=code)
    henk, bram = make_socket(code=code, token=a["token"]), make_socket(code=code, token=b["token"])
    console.emit("control", {"action": "start"}, callback=True)
    for _ in range(8):  # to the action path (after the vote and the pledge round)
        console.emit("control", {"action": "next"}, callback=True)
    step = henk.emit(
        "step:add", {"round_id": "actiepad", "what": "Bakken bouwen", "client_id": "step-conf-1"}, callback=True
    )["item"]
    first = henk.emit("step:edit", {"id": step["id"], "what": "Tien bakken", "base": {"what": 0}}, callback=True)
    second = bram.emit("step:edit", {"id": step["id"], "what": "Twaalf bakken", "base": {"what": 0}}, callback=True)
    assert first["ok"] and second["error"]["code"] == "conflict"
    assert second["error"]["current"] == "Tien bakken" and second["error"]["message"]
    finals = [s.emit("sync", {}, callback=True)["snapshot"]["items"] for s in (henk, bram, projector)]
    assert {tuple(i["what"] for i in items if i["kind"] == "step") for items in finals} == {("Tien bakken",)}


def test_the_console_adds_and_edits_steps_in_the_shared_plan(make_session, make_player, make_socket):
    created = make_session()
    code = created["code"]
    phone = make_socket(code=code, token=make_player(code, "Henk")["token"])
    console, projector = make_socket(code=code, key=created["key"]), make_socket(code=code)
    console.emit("control", {"action": "start"}, callback=True)
    for _ in range(8):  # to the action path (after the vote and the pledge round)
        console.emit("control", {"action": "next"}, callback=True)
    step = console.emit(
        "step:add",
        {"round_id": "actiepad", "what": "Subsidie aanvragen", "owner": "Marloes", "client_id": "console-step-1"},
        callback=True,
    )
    assert step["ok"] and step["item"]["author_id"] is None
    again = console.emit(
        "step:add", {"round_id": "actiepad", "what": "Subsidie aanvragen", "client_id": "console-step-1"}, callback=True
    )
    assert again["duplicate"] and again["item"]["id"] == step["item"]["id"]
    edited = phone.emit("step:edit", {"id": step["item"]["id"], "due": "2026-05-01", "base": {"due": 0}}, callback=True)
    assert edited["ok"]
    stale = console.emit(
        "step:edit", {"id": step["item"]["id"], "due": "2026-06-01", "base": {"due": 0}}, callback=True
    )
    assert stale["error"]["code"] == "conflict" and stale["error"]["current"] == "2026-05-01"
    assert console.emit("step:claim", {"id": step["item"]["id"]}, callback=True)["error"]["code"] == "not_allowed"
    assert (
        console.emit("card:add", {"round_id": "droom", "text": "x", "client_id": "console-card"}, callback=True)[
            "error"
        ]["code"]
        == "not_allowed"
    )
    steps = [i for i in projector.emit("sync", {}, callback=True)["snapshot"]["items"] if i["kind"] == "step"]
    assert [(s["what"], s["owner"], s["due"]) for s in steps] == [("Subsidie aanvragen", "Marloes", "2026-05-01")]


def test_the_console_holds_and_turns_the_wall_of_the_projector(room):
    room["projector"].get_received()
    assert room["fatima"].emit("control", {"action": "wall_next"}, callback=True)["error"]["code"] == "not_allowed"
    ack = room["console"].emit("control", {"action": "wall_hold"}, callback=True)
    assert ack["ok"] and ack["wall"] == {"held": True, "turns": 0}
    assert received(room["projector"], "summary")[-1]["summary"]["wall"] == {"held": True, "turns": 0}
    again = room["console"].emit("control", {"action": "wall_hold"}, callback=True)
    assert again["unchanged"] is True
    room["console"].emit("control", {"action": "wall_next"}, callback=True)
    room["console"].emit("control", {"action": "wall_next"}, callback=True)
    room["console"].emit("control", {"action": "wall_prev"}, callback=True)
    assert received(room["projector"], "summary")[-1]["summary"]["wall"] == {"held": True, "turns": 1}
    # a projector that reloads finds the wall as the console left it
    snapshot = room["projector"].emit("sync", {}, callback=True)["snapshot"]
    assert snapshot["summaries"]["droom"]["wall"] == {"held": True, "turns": 1}
