"""Guessing room codes costs the same on every path: failed socket authentications (a wrong
code, token or key) count towards the same per-address limit as failed lookups over HTTP,
and an address over the limit is refused with ``too_many_attempts`` everywhere — also for
a right code. One Engine.IO connection may try once; many connections share the count."""

import json

import pytest

from tests.support.game import join, open_game
from tests.support.raw import RawSocket

pytestmark = pytest.mark.server

LIMIT = 5


def try_auth(server, auth, source=None) -> tuple[bool, dict]:
    raw = RawSocket(server.url, source=source)
    try:
        return raw.connect(auth)
    finally:
        raw.close()


def test_many_sockets_guessing_are_locked_out_like_http(start_server):
    server = start_server(SAMENSPEL_JOIN_ATTEMPTS=str(LIMIT))
    code, key = open_game(server)
    token = join(server, code, "Fatima", "inwoner")["token"]
    wrong = [{"code": f"ZZZZ{n:02d}"} for n in range(3)] + [
        {"code": code, "token": "not-a-token"},
        {"code": code, "key": "not-the-key"},
    ]
    answers = [try_auth(server, auth) for auth in wrong]
    assert [data["code"] for _ok, data in answers] == ["unknown_session"] * 3 + ["unknown_participant", "bad_key"]
    over = [{"code": "ZZZZ99"}, {"code": code}, {"code": code, "token": token}, {"code": code, "key": key}]
    over += [{"code": "ZZZZ99", "token": token}, {"code": code, "token": "not-a-token"}]  # counter read in-query
    for auth in over:
        accepted, data = try_auth(server, auth)
        assert not accepted and data["code"] == "too_many_attempts", (auth, data)
    assert server.api("GET", f"/j/{code}").status_code == 429, "HTTP shares the count"
    refused = server.api("POST", f"/api/sessions/{code}/participants", json={"name": "Laat", "role": "inwoner"})
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "too_many_attempts"
    accepted, _ = try_auth(server, {"code": code, "token": token}, source="127.0.0.2")
    assert accepted, "another address is not affected"
    assert "Traceback" not in server.log()


def test_http_failures_count_for_sockets_too(start_server):
    server = start_server(SAMENSPEL_JOIN_ATTEMPTS=str(LIMIT))
    code, _key = open_game(server)
    assert [server.api("GET", f"/j/ZZZZ{n:02d}").status_code for n in range(LIMIT)] == [404] * LIMIT
    accepted, data = try_auth(server, {"code": code})
    assert not accepted and data["code"] == "too_many_attempts"


def next_refusal(raw: RawSocket) -> str:
    """The code of the next CONNECT_ERROR the server sent (socket.io frame ``4…``)."""
    while not (frame := raw.recv()).startswith("4"):
        pass
    return json.loads(frame[1:])["data"]["code"]


def test_repeated_connect_packets_on_one_websocket_are_refused(start_server):
    server = start_server(SAMENSPEL_JOIN_ATTEMPTS=str(LIMIT))
    code, _key = open_game(server)
    raw = RawSocket(server.url)
    try:
        answers = [raw.connect({"code": "ZZZZ00"})[1]["code"]]
        try:  # as fast as a guesser would, the right code last, without waiting for answers
            for frame in ['40{"code":"ZZZZ%02d"}' % n for n in range(1, 4)] + ['40{"code":"%s"}' % code]:
                raw.send(frame)
        except OSError:
            pass  # the server may already have closed the connection after refusing the first
        answers.append(next_refusal(raw))
        assert raw.closed_within(5), "a connection sending connect packets again is closed"
    finally:
        raw.close()
    assert answers == ["unknown_session", "too_many_attempts"]
    assert try_auth(server, {"code": code})[0], "one connection tried once: the address is not locked out"
