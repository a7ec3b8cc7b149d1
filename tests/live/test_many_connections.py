"""A hall holds more connections at once than a web page's server expects: every phone keeps
a WebSocket open. Under eventlet the server's default of 1,024 connections at once made the
1,025th wait for ever (20 sessions × 50 phones, their projectors and consoles: 16 phones never
got in). Here 1,100 connections stay open, each in the middle of a request, and one more
still gets its answer — under both servers."""

from __future__ import annotations

import socket

import pytest
import requests

HELD = 1100


@pytest.mark.parametrize("mode", ["gevent", "eventlet"])
def test_a_connection_beyond_a_thousand_open_ones_is_served(start_server, mode):
    server = start_server(mode)
    host, port = server.url.removeprefix("http://").split(":")
    held = []
    try:
        for _ in range(HELD):
            sock = socket.create_connection((host, int(port)), timeout=10)
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # a request not finished yet
            held.append(sock)
        answer = requests.get(server.url + "/healthz", timeout=20)
        assert answer.status_code == 200
    finally:
        for sock in held:
            sock.close()
