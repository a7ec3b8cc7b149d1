"""The gevent handler of ``samenspel serve`` (samenspel/serving.py): a response with a body
goes out in one send, status line and headers first; one without a body (the WebSocket
upgrade's 101) is sent when it is written, as before; chunked bodies stay well-formed."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("geventwebsocket")

from samenspel.serving import gevent_handler  # noqa: E402


class Recording:
    """A socket that keeps what each ``sendall`` was given."""

    def __init__(self):
        self.sent: list[bytes] = []

    def sendall(self, data):
        self.sent.append(bytes(data))


class Server:
    log = None


def handler(version: str = "HTTP/1.1"):
    made = gevent_handler()(Recording(), ("127.0.0.1", 5000), Server(), rfile=io.BytesIO())
    made.request_version, made.close_connection, made.command = version, False, "POST"
    made.environ = {}
    made.response_length = 0
    return made


def test_a_response_with_a_body_is_one_send():
    made = handler()
    body = b'{"token": "t"}'
    made.start_response("201 CREATED", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    made.write(body)
    assert len(made.socket.sent) == 1
    head, _, rest = made.socket.sent[0].partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 201 CREATED\r\n") and b"Content-Length: 14" in head
    assert rest == body and made.response_length == len(made.socket.sent[0])


def test_headers_without_a_body_go_out_at_once():
    made = handler()
    made.start_response("101 Switching Protocols", [("Upgrade", "websocket"), ("Connection", "Upgrade")])
    made.write(b"")
    assert len(made.socket.sent) == 1 and made.socket.sent[0].startswith(b"HTTP/1.1 101 Switching Protocols\r\n")
    made.write(b"later")  # after the headers: as it comes
    assert made.socket.sent[1] == b"later"


def test_a_chunked_body_keeps_its_framing():
    made = handler()
    made.start_response("200 OK", [("Content-Type", "text/plain")])  # no length: chunked
    made.write(b"abc")
    made.write(b"de")
    assert len(made.socket.sent) == 2
    head, _, first = made.socket.sent[0].partition(b"\r\n\r\n")
    assert b"Transfer-Encoding: chunked" in head and first == b"3\r\nabc\r\n"
    assert made.socket.sent[1] == b"2\r\nde\r\n"


def test_a_closing_websocket_finds_the_app_and_makes_no_class():
    """gevent-websocket asks ``server.application.current_app`` on every close; served
    through ``ClosingApp`` it gets one, instead of a new class per close."""
    from geventwebsocket.websocket import WebSocket

    from samenspel.serving import ClosingApp

    def wsgi(environ, start_response):
        start_response("200 OK", [])
        return [b"answered"]

    served = ClosingApp(wsgi)
    made = handler()
    made.server.application = served
    socket = WebSocket({}, io.BytesIO(), made)
    assert socket.current_app is served and socket.current_app is socket.current_app
    served.on_close("closed")  # what the socket calls: nothing to do
    assert served({}, lambda *_: None) == [b"answered"]  # requests pass through unchanged
