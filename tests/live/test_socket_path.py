"""The request context Flask-SocketIO pushes for every event matches a URL rule
(samenspel/live/routing.py): no ``NotFound`` kept on the request, no reference cycle left
for the garbage collector, on the WebSocket and on the long-polling transport."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from flask import request

WEBSOCKET = {"Upgrade": "websocket", "Connection": "Upgrade"}
TRANSPORTS = [
    pytest.param("GET", "websocket", WEBSOCKET, id="websocket"),
    pytest.param("GET", "polling", {}, id="polling-get"),
    pytest.param("POST", "polling", {}, id="polling-post"),
]


def context(app, method: str, transport: str, headers: dict):
    """The request context of an event on a connection made as a Socket.IO client makes it."""
    return app.test_request_context(
        "/socket.io/", method=method, query_string={"EIO": "4", "transport": transport}, headers=headers
    )


@pytest.mark.parametrize(("method", "transport", "headers"), TRANSPORTS)
def test_an_event_request_matches_a_rule(app, method, transport, headers):
    with context(app, method, transport, headers):
        assert request.routing_exception is None
        assert request.url_rule.rule == "/socket.io/"


#: run in a fresh interpreter: the collector's garbage is the whole process's, and in the
#: suite's process other tests' client threads leave theirs at any moment (a WebSocket closing,
#: a refused connection), which a count in that process would blame on the request
CYCLES = """
import gc, json, sys, tempfile
from samenspel.app import create_app
method, transport, headers = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
path = tempfile.mkdtemp()
app = create_app({"INSTANCE_PATH": path, "DATABASE_URL": f"sqlite:///{path}/t.sqlite3", "ASYNC_MODE": "threading",
                  "SECRET_KEY": "test", "TESTING": True})
query = {"EIO": "4", "transport": transport}
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
for _ in range(20):
    with app.test_request_context("/socket.io/", method=method, query_string=query, headers=headers):
        pass
gc.collect()
print(json.dumps([type(found).__name__ for found in gc.garbage]))
"""


@pytest.mark.parametrize(("method", "transport", "headers"), TRANSPORTS)
def test_an_event_request_leaves_no_reference_cycle(method, transport, headers):
    done = subprocess.run(
        [sys.executable, "-c", CYCLES, method, transport, json.dumps(headers)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    left = json.loads(done.stdout.strip().splitlines()[-1])
    # Werkzeug's matcher leaves one small closure cycle per match (function, cell, set,
    # tuple); nothing else: no exception, traceback or frame, no request or context
    assert not {"traceback", "frame", "NotFound", "WebsocketMismatch", "RequestContext", "Request"} & set(left)
    assert len(left) <= 20 * 10


def test_the_socket_path_is_still_answered_by_socket_io(client):
    answer = client.get("/socket.io/?EIO=4&transport=polling")
    assert answer.status_code == 200
    assert answer.get_data(as_text=True).startswith("0{")  # Engine.IO's open packet
