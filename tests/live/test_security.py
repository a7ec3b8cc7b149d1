"""Who may do what (a matrix), limits that protect everyone else, and privacy controls."""

import random

import pytest

from samenspel.store.clock import now_ms
from samenspel.store.db import Database
from samenspel.store.housekeeping import DAY_MS, purge_expired
from samenspel.store.models import GameSession, Initiative
from tests.support.fuzz import ACTIONS, EVENTS, KEYS, PLAYER_EVENTS
from tests.support.socket_game import add_card, received

FACILITATOR_ONLY = [
    ("control", {"action": "next"}),
    ("control", {"action": "wall_hold"}),
    ("control", {"action": "wall_next"}),
    ("moderate", {"action": "hide", "id": 1}),
    ("session:lock", {"locked": True}),
    ("session:qr", {"large": True}),
    ("participant:remove", {"participant_id": 1}),
    ("session:delete", {"code": "X"}),
]
PARTICIPANT_ONLY = [
    ("card:add", {"round_id": "droom", "text": "x", "client_id": "matrix-01"}),
    ("card:edit", {"id": 1, "text": "y"}),
    ("card:delete", {"id": 1}),
    ("intro:set", {"round_id": "welkom", "text": "x"}),
    ("ballot:set", {"round_id": "kiezen", "card_id": 1, "count": 1}),
    ("step:claim", {"id": 1}),
    ("rating:set", {"round_id": "samenspel", "scores": {}}),
    ("leave", {}),
]


@pytest.mark.parametrize("who", ["fatima", "projector"])
@pytest.mark.parametrize("event,payload", FACILITATOR_ONLY)
def test_only_the_facilitator_controls(room, who, event, payload):
    ack = room[who].emit(event, payload, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "not_allowed"


@pytest.mark.parametrize("who", ["console", "projector"])
@pytest.mark.parametrize("event,payload", PARTICIPANT_ONLY)
def test_projector_and_console_cannot_play(room, who, event, payload):
    ack = room[who].emit(event, payload, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "not_allowed"


def test_a_flooding_phone_is_slowed_and_the_others_play_on(app, room):
    # a slow refill, so the outcome does not depend on how fast this machine answers
    app.config["SOCKET_EVENTS_PER_SECOND"] = 0.5
    answers = [room["fatima"].emit("sync", {}, callback=True) for _ in range(60)]
    codes = [a.get("error", {}).get("code") for a in answers]
    assert codes.count("rate_limited") >= 25 and codes[0] is None
    assert add_card(room["henk"], "ik speel gewoon door", "flood-ok-1")["ok"]


def test_locked_session_refuses_new_players(room, client):
    door = f"/api/sessions/{room['code']}/door"
    assert client.get(door).json["open"] is True
    assert room["console"].emit("session:lock", {"locked": True}, callback=True)["locked"] is True
    assert received(room["projector"], "session")[-1]["locked"] is True
    # the join page is told before anything is typed (and asks again while it is open)
    assert client.get(door).json | {"roles": None} == {"open": False, "closed": "locked", "roles": None}
    assert 'data-closed="locked"' in client.get(f"/j/{room['code']}").get_data(as_text=True)
    refused = client.post(f"/api/sessions/{room['code']}/participants", json={"name": "Laat", "role": "inwoner"})
    assert refused.status_code == 409 and refused.json["error"]["code"] == "session_locked"
    room["console"].emit("session:lock", {"locked": False}, callback=True)
    assert (
        client.post(f"/api/sessions/{room['code']}/participants", json={"name": "Laat", "role": "inwoner"}).status_code
        == 201
    )


def test_an_ended_session_says_so_before_anything_is_typed(room, client):
    assert room["console"].emit("control", {"action": "end"}, callback=True)["ok"] is True
    # ended comes first: a locked, ended session says "ended" (with the plan), not "locked"
    room["console"].emit("session:lock", {"locked": True}, callback=True)
    door = client.get(f"/api/sessions/{room['code']}/door")
    assert door.json["closed"] == "ended" and door.headers["Cache-Control"] == "no-store"
    page = client.get(f"/j/{room['code']}").get_data(as_text=True)
    assert 'data-closed="ended"' in page and f"/s/{room['code']}/plan" in page
    assert client.get("/api/sessions/NOPE99/door").status_code == 404


def test_removed_participant_is_out_but_their_cards_stay(room, make_socket):
    card = add_card(room["fatima"], "Mijn kaart", "removed-01")["item"]
    ack = room["console"].emit("participant:remove", {"participant_id": room["ids"]["fatima"]}, callback=True)
    assert ack["ok"]
    assert received(room["fatima"], "participant:removed")[-1]["participant_id"] == room["ids"]["fatima"]
    assert add_card(room["fatima"], "nog een", "removed-02")["error"]["code"] == "unknown_participant"
    snapshot = room["projector"].emit("sync", {}, callback=True)["snapshot"]
    assert [p["name"] for p in snapshot["participants"]] == ["Henk"]
    assert [i["id"] for i in snapshot["items"]] == [card["id"]]


def test_leaving_can_remove_your_name(room, app):
    assert room["henk"].emit("leave", {"forget_name": True}, callback=True)["ok"]
    database = app.extensions["samenspel.db"]
    with database.unit_of_work() as db:
        names = [p.name for p in db.query(GameSession).filter_by(code=room["code"]).one().participants]
    assert names == ["Fatima", ""]


def test_deleting_a_session_removes_everything_and_tells_everyone(room, app, client):
    add_card(room["fatima"], "weg ermee", "delete-001")
    refused = room["console"].emit("session:delete", {"code": "WRONG"}, callback=True)
    assert refused["error"]["code"] == "bad_request"
    assert room["console"].emit("session:delete", {"code": room["code"]}, callback=True)["ok"]
    assert received(room["projector"], "session:deleted") and received(room["fatima"], "session:deleted")
    with app.extensions["samenspel.db"].unit_of_work() as db:
        for table in ("game_sessions", "participants", "items", "actions", "round_states"):
            assert db.execute(__import__("sqlalchemy").text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
    assert client.get(f"/j/{room['code']}").status_code == 404


def test_retention_purges_initiatives_without_recent_activity_only(app, make_session):
    old, fresh = make_session()["code"], make_session()["code"]
    database: Database = app.extensions["samenspel.db"]
    long_ago = now_ms() - 91 * DAY_MS
    with database.unit_of_work() as db:
        session = db.query(GameSession).filter_by(code=old).one()
        session.created_ms = session.ended_ms = long_ago
        db.get(Initiative, session.initiative_id).last_activity_ms = long_ago
    with database.unit_of_work() as db:
        assert purge_expired(db, older_than_days=90) == [old]
    with database.unit_of_work() as db:
        assert [s.code for s in db.query(GameSession)] == [fresh]
        assert db.query(Initiative).count() == 1  # its initiative went with it


def nested(depth: int):
    value = 1
    for _ in range(depth):
        value = [value]
    return value


def random_value(rng: random.Random, depth=0):
    choices = [
        None,
        True,
        False,
        0,
        -1,
        2**70,
        3.5,
        "",
        "x" * rng.choice([1, 300, 5000]),
        "droom",
        "\x00\u202e",
        "<script>alert(1)</script>",
        rng.randint(1, 30),
        rng.choice(ACTIONS),
        # lone surrogates, integers past 64 bits, nesting past the gate's depth
        "abc\ud800defgh",
        "\udfff",
        2**63,
        2**64 + 1,
        -(2**63) - 1,
        nested(rng.choice([20, 60])),
    ]
    if depth < 2:
        choices += [
            [random_value(rng, depth + 1) for _ in range(3)],
            {k: random_value(rng, depth + 1) for k in rng.sample(KEYS, 3)},
        ]
    return rng.choice(choices)


def test_fuzzing_never_breaks_the_server_or_changes_data_on_rejection(app, room, caplog):
    for budget in ("SOCKET", "ADDRESS", "SESSION"):
        app.config[f"{budget}_EVENTS_PER_SECOND"] = app.config[f"{budget}_EVENT_BURST"] = 10**6
    rng = random.Random(20261123)
    senders = [room["fatima"], room["projector"], room["console"]]
    for _ in range(2500):
        sender = rng.choice(senders)
        event = rng.choice(EVENTS)
        payload = (
            {k: random_value(rng) for k in rng.sample(KEYS, rng.randint(0, 5))}
            if rng.random() < 0.8
            else random_value(rng)
        )
        before = room["projector"].emit("sync", {}, callback=True)["snapshot"]
        ack = sender.emit(event, payload, callback=True)
        if event == "sync":
            continue
        assert isinstance(ack, dict) and "ok" in ack, (event, payload, ack)
        if ack["ok"] is False:
            assert ack["error"]["code"] and ack["error"]["message"]
            assert ack["error"]["code"] != "server_error", (event, payload, ack)
            after = room["projector"].emit("sync", {}, callback=True)["snapshot"]
            assert (after["items"], after["flow"], after["seq"]) == (before["items"], before["flow"], before["seq"]), (
                event,
                payload,
            )
    assert add_card(room["henk"], "na het fuzzen", "after-fuzz")["ok"]
    assert not [r for r in caplog.records if r.levelno >= 40 or r.exc_info], "no tracebacks in the log"


def test_facilitator_types_only_for_participants_they_added(room):
    added = room["console"].emit("participant:add", {"name": "Opa Jan", "role": "inwoner"}, callback=True)
    assert added["ok"] and added["participant"]["proxy"] is True
    jan = added["participant"]["id"]
    assert received(room["projector"], "participant:joined")[-1]["participant"]["name"] == "Opa Jan"
    card = room["console"].emit(
        "card:add",
        {"round_id": "droom", "text": "Een bankje", "client_id": "proxy-001", "on_behalf_of": jan},
        callback=True,
    )
    assert card["ok"] and card["item"]["author_id"] == jan
    for other in (room["ids"]["fatima"], 9999, None, "1"):
        refused = room["console"].emit(
            "card:add",
            {"round_id": "droom", "text": "x", "client_id": "proxy-002", "on_behalf_of": other},
            callback=True,
        )
        assert refused["error"]["code"] == "not_allowed"
    assert (
        room["fatima"].emit("participant:add", {"name": "x", "role": "inwoner"}, callback=True)["error"]["code"]
        == "not_allowed"
    )


@pytest.mark.parametrize("event", PLAYER_EVENTS)
def test_nobody_speaks_for_someone_they_may_not(room, event):
    """Every player event (each mechanic's, from the registry): a phone never acts for anyone,
    the facilitator never for a phone player; both refused before anything is decided."""
    jan = room["console"].emit("participant:add", {"name": "Opa Jan", "role": "inwoner"}, callback=True)
    payload = {"round_id": "droom", "id": 1, "text": "x", "client_id": "behalf-001"}
    for who, someone in (
        ("fatima", jan["participant"]["id"]),
        ("fatima", room["ids"]["fatima"]),
        ("console", room["ids"]["henk"]),
    ):
        ack = room[who].emit(event, {**payload, "on_behalf_of": someone}, callback=True)
        assert ack["error"]["code"] == "not_allowed", (who, someone, ack)


def test_the_facilitator_shows_the_projector_qr_large(room):
    assert room["projector"].emit("sync", {}, callback=True)["snapshot"]["session"]["qr_large"] is False
    ack = room["console"].emit("session:qr", {"large": True}, callback=True)
    assert ack["ok"] is True and ack["qr_large"] is True
    told = received(room["projector"], "session")[-1]
    assert told["qr_large"] is True and told["locked"] is False
    assert room["fatima"].emit("sync", {}, callback=True)["snapshot"]["session"]["qr_large"] is True
    assert room["console"].emit("session:qr", {"large": "ja"}, callback=True)["error"]["code"] == "bad_request"
    assert room["console"].emit("session:qr", {"large": False}, callback=True)["qr_large"] is False
    assert received(room["projector"], "session")[-1]["qr_large"] is False


def test_the_facilitator_makes_the_shared_plan_anonymous(room, client):
    assert "Fatima" in client.get(f"/s/{room['code']}/plan").get_data(as_text=True)
    assert room["fatima"].emit("session:plan", {"anonymous": True}, callback=True)["error"]["code"] == "not_allowed"
    assert room["console"].emit("session:plan", {"anonymous": True}, callback=True)["plan_anonymous"] is True
    assert received(room["projector"], "session")[-1]["plan_anonymous"] is True
    page = client.get(f"/s/{room['code']}/plan").get_data(as_text=True)
    assert "Fatima" not in page and "Henk" not in page
    assert room["console"].emit("session:plan", {"anonymous": "ja"}, callback=True)["error"]["code"] == "bad_request"
