"""What the real server's connections look like from outside: acks without Nagle's delay,
a Content-Security-Policy that lets pages connect only to their own origin (and the public
URL), and the security headers on Socket.IO's own HTTP answers too."""

import statistics
import time

import pytest

from tests.support.raw import RawSocket

pytestmark = pytest.mark.server

FAST = {
    "SAMENSPEL_SOCKET_EVENTS_PER_SECOND": "1000",
    "SAMENSPEL_SOCKET_EVENT_BURST": "1000",
    "SAMENSPEL_ADDRESS_EVENTS_PER_SECOND": "1000",
    "SAMENSPEL_ADDRESS_EVENT_BURST": "1000",
}


@pytest.mark.parametrize("async_mode", ["gevent", "eventlet"])
def test_an_ack_of_a_back_to_back_send_is_not_held_back(start_server, async_mode):
    """Two events sent together: with Nagle's algorithm the second ack waits for the client's
    delayed ACK (~40 ms on Linux, measured 44 ms median); with TCP_NODELAY it goes at once
    (measured ~2 ms median on the loaded 2-core machine)."""
    server = start_server(async_mode, **FAST)
    code = server.api(
        "POST", "/api/sessions", json={"game": "het-nieuwe-samenspel", "title": "Snel", "question": "Hoe snel?"}
    ).json()["code"]
    raw = RawSocket(server.url)
    try:
        assert raw.connect({"code": code})[0]
        times = []
        for _ in range(40):
            first = raw.emit_raw('["no:such-event",{}]')  # cheap: refused before any database work
            started = time.perf_counter()
            second = raw.emit_raw('["no:such-event",{}]')
            assert raw.ack(first)["error"]["code"] == "bad_request"
            assert raw.ack(second)["error"]["code"] == "bad_request"
            times.append((time.perf_counter() - started) * 1000)
            time.sleep(0.02)
    finally:
        raw.close()
    assert statistics.median(times) < 15, sorted(times)


def test_pages_may_connect_only_to_their_own_origin_and_the_public_url(start_server):
    server = start_server(SAMENSPEL_PUBLIC_URL="https://samenspel.example")
    policy = server.api("GET", "/").headers["Content-Security-Policy"]
    connect = next(p for p in policy.split("; ") if p.startswith("connect-src")).split()[1:]
    host = f"127.0.0.1:{server.port}"
    assert connect == ["'self'", "https://samenspel.example", f"ws://{host}", "wss://samenspel.example"]
    assert "ws:" not in connect and "wss:" not in connect
    odd = server.api("GET", "/", headers={"Host": "evil.example; script-src *"}).headers
    assert "script-src *" not in odd["Content-Security-Policy"].replace("script-src 'self'", "")


def test_socket_io_answers_carry_the_security_headers(start_server):
    server = start_server()
    answers = [
        server.api("GET", "/socket.io/?EIO=4&transport=polling"),  # a handshake
        server.api("GET", "/socket.io/?EIO=4&transport=polling&sid=nope"),  # a refusal
        server.api("GET", "/socket.io/?EIO=99&transport=polling"),
    ]  # a bad request
    assert [a.status_code for a in answers] == [200, 400, 400]
    for answer in answers:
        headers = answer.headers
        assert "connect-src 'self' ws://" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "no-referrer" and headers["Cache-Control"] == "no-store"
