"""The door of the real server (samenspel/live/gate.py and flood.py), tried with bare
WebSockets: a cap on connections per address, one authentication per connection, a deadline
to authenticate, reserved and undecodable events refused with an ack, and event budgets
shared by an address and by a session."""

import time

import pytest
import websocket

from tests.support.game import open_game
from tests.support.raw import Closed, RawSocket

pytestmark = pytest.mark.server


@pytest.fixture
def sockets():
    opened = []

    def open_(url, **kwargs):
        raw = RawSocket(url, **kwargs)
        opened.append(raw)
        return raw

    yield open_
    for raw in opened:
        raw.close()


def no_tracebacks(server):
    assert "Traceback" not in server.log(), server.log()[-3000:]


def test_connections_per_address_are_capped_and_freed_again(start_server, sockets):
    server = start_server(SAMENSPEL_SOCKETS_PER_ADDRESS="4")
    code, _key = open_game(server)
    first = [sockets(server.url) for _ in range(4)]
    with pytest.raises((websocket.WebSocketBadStatusException, Closed)):
        sockets(server.url)  # gevent-websocket upgrades before the app answers: closed at once
    polling = server.api("GET", "/socket.io/?EIO=4&transport=polling")
    assert polling.status_code == 401 and "too_many_connections" in polling.text
    assert sockets(server.url, source="127.0.0.2").connect({"code": code})[0], "another address is not affected"
    first[0].close()
    deadline = time.monotonic() + 5
    while True:  # the server notices the close and frees the place
        try:
            assert sockets(server.url).connect({"code": code})[0]
            break
        except (websocket.WebSocketBadStatusException, Closed):
            assert time.monotonic() < deadline, "the closed connection's place was never freed"
            time.sleep(0.1)
    no_tracebacks(server)


@pytest.mark.parametrize("async_mode", ["gevent", "eventlet"])
def test_one_authentication_per_connection(start_server, sockets, async_mode):
    server = start_server(async_mode)
    code, _key = open_game(server)
    raw = sockets(server.url)
    accepted, data = raw.connect({"code": "WRONG1"})
    assert not accepted and data["code"] == "unknown_session"
    accepted, data = raw.connect({"code": code})
    assert not accepted and data["code"] == "too_many_attempts", "a second try on one connection is refused"
    assert raw.closed_within(3), "and the connection is closed"
    accepted_once = sockets(server.url)
    assert accepted_once.connect({"code": code})[0]
    accepted, data = accepted_once.connect({"code": code})
    assert not accepted and data["code"] == "too_many_attempts", "even after a successful one"
    no_tracebacks(server)


@pytest.mark.parametrize("async_mode", ["gevent", "eventlet"])
def test_connections_that_do_not_authenticate_are_closed(start_server, sockets, async_mode):
    server = start_server(async_mode, SAMENSPEL_AUTH_TIMEOUT="1")
    code, _key = open_game(server)
    silent, refused, player = sockets(server.url), sockets(server.url), sockets(server.url)
    assert not refused.connect({"code": "WRONG1"})[0]
    assert player.connect({"code": code})[0]
    started = time.monotonic()
    assert silent.closed_within(5) and refused.closed_within(5)
    assert time.monotonic() - started < 4
    assert not player.closed_within(2.5), "an authenticated connection stays"
    assert player.call("sync")["ok"]


def test_reserved_and_malformed_events_get_a_clear_refusal(start_server, sockets):
    server = start_server()
    code, key = open_game(server)
    console = sockets(server.url)
    assert console.connect({"code": code, "key": key})[0]
    snapshots = len(console.received("snapshot"))
    bodies = [
        '["connect",{"code":"%s"}]' % code,
        '["connect"]',
        '["disconnect"]',
        '["*"]',
        '["*",{}]',
        '["connect_error",{}]',
        "[5,{}]",
        '[{"a":1}]',
        "[]",
        '{"not":"a list"}',
        "[null]",
        '["sync",' + "[" * 20000 + "]" * 20000 + "]",  # nested past the decoder's limit
        '["card:add",' + '{"a":' * 400 + "1" + "}" * 400 + "]",  # nested, but decodes
        '["sync"',
        "garbage",
    ]
    for body in bodies:
        ack = console.ack(console.emit_raw(body), timeout=5)
        assert ack["ok"] is False and ack["error"]["code"] == "bad_request", (body[:40], ack)
    assert console.call("sync")["ok"], "the connection still works"
    assert len(console.received("snapshot")) == snapshots, "a client-sent connect never re-runs the handshake"
    no_tracebacks(server)


def test_address_and_session_budgets_are_shared_by_their_sockets(start_server, sockets):
    server = start_server(
        SAMENSPEL_SOCKET_EVENTS_PER_SECOND="1",
        SAMENSPEL_SOCKET_EVENT_BURST="10",
        SAMENSPEL_ADDRESS_EVENTS_PER_SECOND="1",
        SAMENSPEL_ADDRESS_EVENT_BURST="15",
        SAMENSPEL_SESSION_EVENTS_PER_SECOND="1",
        SAMENSPEL_SESSION_EVENT_BURST="25",
    )
    code, _key = open_game(server)
    here = [sockets(server.url) for _ in range(3)]
    for raw in here:
        assert raw.connect({"code": code})[0]
    answers = [raw.call("sync") for _ in range(6) for raw in here]
    refused = [a["error"] for a in answers if not a["ok"]]
    assert 15 <= len(answers) - len(refused) <= 16, "three sockets share one address budget"
    assert {r["code"] for r in refused} == {"rate_limited"} and {r["scope"] for r in refused} == {"address"}
    assert all(r["retry_ms"] > 0 and r["message"] for r in refused)

    there = [sockets(server.url, source=f"127.0.0.{n}") for n in (2, 3)]
    for raw in there:
        assert raw.connect({"code": code})[0]
    answers = [raw.call("sync") for _ in range(8) for raw in there]
    refused = [a["error"] for a in answers if not a["ok"]]
    assert 9 <= len(answers) - len(refused) <= 11, "the session's budget is what was left of 25"
    assert {r["scope"] for r in refused} == {"session"}

    other_code, _ = open_game(server)
    elsewhere = sockets(server.url, source="127.0.0.4")
    assert elsewhere.connect({"code": other_code})[0]
    assert elsewhere.call("sync")["ok"], "another session, from another address, is served"
    no_tracebacks(server)


def test_rate_limited_answers_name_their_scope_in_json(start_server, sockets):
    server = start_server(SAMENSPEL_SOCKET_EVENTS_PER_SECOND="1", SAMENSPEL_SOCKET_EVENT_BURST="2")
    code, _key = open_game(server)
    raw = sockets(server.url)
    assert raw.connect({"code": code})[0]
    answers = [raw.call("sync") for _ in range(4)]
    assert [a["ok"] for a in answers[:2]] == [True, True]
    assert answers[3]["error"]["scope"] == "socket"
