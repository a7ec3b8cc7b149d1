"""Malformed input against the real server, over bare WebSockets and HTTP: every event gets
a clear ack (never ``server_error``), every page and API call a clear status (never a 500),
and the server log holds not one traceback. Covers what a fuzzer found: nested payloads,
event names Socket.IO reserves, lone surrogates, integers past 2^63, booleans as ids, and
query arguments that collide with the app's own URL building."""

import json
import random

import pytest

from tests.support.fuzz import ACTIONS, EVENTS, KEYS
from tests.support.game import join, open_game
from tests.support.raw import RawSocket

pytestmark = pytest.mark.server

UNLIMITED = {
    f"SAMENSPEL_{scope}_{what}": "1000000"
    for scope in ("SOCKET", "ADDRESS", "SESSION")
    for what in ("EVENTS_PER_SECOND", "EVENT_BURST")
}
NASTY = [
    None,
    True,
    False,
    0,
    -1,
    1,
    2,
    2**63,
    2**63 - 1,
    2**64 + 7,
    -(2**63) - 1,
    10**30,
    3.5,
    float("1e308"),
    "",
    "x",
    "droom",
    "actiepad",
    "kiezen",
    "welkom",
    *ACTIONS,
    "hide",
    "abcdefgh",
    "abc\ud800defgh",
    "\udfff",
    "\x00\u202e",
    "x" * 5000,
    "2026-13-45",
    [],
    {},
    [1, 2],
    {"a": 1},
    ["\ud800"],
]


def nasty(rng: random.Random, depth: int = 0):
    if depth < 3 and rng.random() < 0.25:
        return rng.choice(
            [
                [nasty(rng, depth + 1) for _ in range(rng.randint(0, 3))],
                {k: nasty(rng, depth + 1) for k in rng.sample(KEYS, rng.randint(0, 3))},
            ]
        )
    return rng.choice(NASTY)


def nested(depth: int, kind: str) -> str:
    return ("[" * depth + "]" * depth) if kind == "list" else ('{"a":' * depth + "1" + "}" * depth)


def encode(value) -> str:
    """JSON as a browser would send it: lone surrogates as \\uXXXX escapes."""
    return json.dumps(value, ensure_ascii=True)


@pytest.fixture
def game(start_server):
    server = start_server(**UNLIMITED)
    code, key = open_game(server)
    phone_token = join(server, code, "Fatima", "inwoner")["token"]
    join(server, code, "Henk", "ambtenaar")
    sockets = {"console": RawSocket(server.url), "projector": RawSocket(server.url), "phone": RawSocket(server.url)}
    sockets["console"].connect({"code": code, "key": key})
    sockets["projector"].connect({"code": code})
    sockets["phone"].connect({"code": code, "token": phone_token})
    yield server, code, key, sockets
    for raw in sockets.values():
        raw.close()


def test_random_malformed_events_get_clear_acks_and_no_tracebacks(game):
    server, code, _key, sockets = game
    console = sockets["console"]
    rng = random.Random(9)
    answers = []
    for rounds in range(9):  # through every round of the game, the lobby and the end
        for _ in range(120):
            who = rng.choice(list(sockets))
            event = rng.choice(EVENTS)
            if event in ("leave", "session:delete", "participant:remove"):
                continue  # would end the fuzzing; their malformed forms are below
            payload = (
                {k: nasty(rng) for k in rng.sample(KEYS, rng.randint(0, 6))} if rng.random() < 0.85 else nasty(rng)
            )
            raw = sockets[who]
            ack = raw.ack(raw.emit_raw(encode([event, payload])))
            answers.append(ack)
            assert isinstance(ack, dict) and "ok" in ack, (event, payload, ack)
            if not ack["ok"]:
                assert ack["error"]["code"] not in ("server_error", None) and ack["error"]["message"], (event, payload)
        console.call("control", {"action": "next" if rounds else "start"})
    for body in (
        f'["card:add",{nested(5000, "list")}]',
        f'["step:add",{nested(900, "dict")}]',
        f'["card:add",{nested(40, "dict")}]',
        '["participant:remove",{"participant_id":true,"forget_name":true}]',
        '["participant:remove",{"participant_id":9223372036854775808}]',
        '["leave",{"forget_name":[]}]',
        '["session:delete",{"code":"\\ud800"}]',
        '["session:delete",{"code":[]}]',
        '["connect",{}]',
    ):
        ack = console.ack(console.emit_raw(body))
        assert ack["ok"] is False and ack["error"]["code"] not in ("server_error", None), (body[:60], ack)
    snapshot = sockets["projector"].call("sync")["snapshot"]
    assert [p["name"] for p in snapshot["participants"]] == ["Fatima", "Henk"], "true is not participant 1"
    assert sum(1 for a in answers if a["ok"]) > 0 and sum(1 for a in answers if not a["ok"]) > 100
    assert "Traceback" not in server.log(), server.log()[-4000:]


@pytest.mark.parametrize(
    "auth",
    [
        {"code": "\ud800"},
        {"code": "ABC234", "token": "\udc00"},
        {"code": []},
        {"code": "ABC234", "key": {"a": 1}},
        {"code": 2**70},
        [1],
        "x",
        {"code": True},
    ],
)
def test_malformed_auth_is_refused_clearly(game, auth):
    server, code = game[0], game[1]
    auth = {**auth, "code": code} if isinstance(auth, dict) and auth.get("code") == "ABC234" else auth
    raw = RawSocket(server.url)
    try:
        raw.send("40" + encode(auth))
        frame = raw.recv()
        assert frame.startswith("4"), frame
        assert json.loads(frame[1:])["data"]["code"] in (
            "bad_auth",
            "unknown_session",
            "unknown_participant",
            "bad_key",
        ), frame
    finally:
        raw.close()
    assert "Traceback" not in server.log(), server.log()[-4000:]


COLLIDING = [
    "code=x",
    "endpoint=x",
    "_method=x",
    "_external=1",
    "_anchor=x",
    "_scheme=ftp",
    "key=x",
    "lang=xx",
    "values=x",
    "code=x&endpoint=y&_method=z",
]


def test_query_arguments_never_collide_with_url_building(game):
    server, code, key, _sockets = game
    pages = [
        "/",
        "/j",
        f"/j/{code}",
        f"/j/{code.lower()}",
        f"/s/{code}/projector",
        f"/s/{code}/console?key={key}",
        f"/s/{code}/plan",
        f"/s/{code}/plan?key={key}",
        "/j/NOPE99",
    ]
    for page in pages:
        for query in COLLIDING:
            answer = server.api("GET", page + ("&" if "?" in page else "?") + query, allow_redirects=False)
            assert answer.status_code < 500, (page, query, answer.status_code)
    assert "Traceback" not in server.log(), server.log()[-4000:]


@pytest.mark.parametrize(
    "body",
    [
        {"game": []},
        {"game": {}},
        {"game": 5},
        {"game": None},
        {"game": True},
        {"game": "het-nieuwe-samenspel", "title": {"a": 1}, "question": "q"},
        {"game": "het-nieuwe-samenspel", "title": "t", "question": "q\ud800"},
        [],
        "x",
        None,
    ],
)
def test_malformed_session_requests_get_a_clear_400(game, body):
    server = game[0]
    answer = server.api("POST", "/api/sessions", data=encode(body), headers={"Content-Type": "application/json"})
    assert answer.status_code in (201, 400, 404), answer.text[:200]
    assert answer.status_code == 201 or answer.json()["error"]["code"]
    assert "Traceback" not in server.log()


@pytest.mark.parametrize(
    "body",
    [
        {"name": [], "role": "inwoner"},
        {"name": "Ab", "role": []},
        {"name": "Ab\ud800", "role": "inwoner"},
        {"name": {"x": 1}, "role": {}},
        [],
    ],
)
def test_malformed_joins_get_a_clear_400(game, body):
    server, code = game[0], game[1]
    answer = server.api(
        "POST", f"/api/sessions/{code}/participants", data=encode(body), headers={"Content-Type": "application/json"}
    )
    assert answer.status_code in (400, 201) and "Traceback" not in server.log(), answer.text[:200]
