"""The web server under ``samenspel serve``, as Flask-SocketIO's ``run`` would start it, with
TCP_NODELAY on every connection.

Without it Nagle's algorithm holds a small frame back while an earlier one is unacknowledged:
a phone that sends twice in a row waited ~40 ms for its second ack (the broadcast frame went
out first, and the ack waited for the client's delayed ACK). Under gevent each accepted
socket gets the option; under eventlet the listening socket does, and accepted sockets
inherit it (Linux, BSD, macOS). The threading mode (debugging) uses Werkzeug as before.

Under gevent the handler also writes a response's status line, headers and body in one send
(gevent sends the headers, then the body: two system calls and two TCP segments for each
small JSON answer, ~2 % of a hall's joins), and skips formatting an access-log line for a
logger that discards it (``samenspel serve`` sets ``geventwebsocket.handler`` to WARNING).

The garbage collector is managed for a server that holds many connections (``settle``).
CPython's full (generation-2) collection walks every tracked object; in a running server
most of them are the modules, the rules, SQLAlchemy's mappings and Flask's app, made at
start-up and never garbage: a full collection over them paused the server 120–200 ms with a
hall connected (docs/performance.md). Before serving, one collection, then ``gc.freeze``
moves what is left to a permanent generation the collector skips; the thresholds make young
collections rarer (an event allocates a few thousand short-lived objects, most die young
either way), chosen with ``benchmarks/bench_scale.py``, which reports the collections and
the longest pause.
"""

from __future__ import annotations

import gc
import logging
import socket

#: (allocations before a generation-0 collection, generation-0 runs per generation-1 run,
#: generation-1 runs per generation-2 run)
GC_THRESHOLDS = (20_000, 20, 20)


def nodelay(sock) -> None:
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except (OSError, AttributeError):  # not TCP (a Unix socket), or already closed
        pass


def settle_collector() -> None:
    """Start-up objects out of the collector's way; rarer young collections."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def run(app, socketio, *, host: str, port: int, async_mode: str) -> None:
    settle_collector()
    if async_mode == "gevent":
        _run_gevent(app, host, port)
    elif async_mode == "eventlet":
        _run_eventlet(app, host, port)
    else:
        socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, log_output=False)


def gevent_handler():
    """gevent-websocket's handler, with one send per small response and no discarded log lines.
    Overrides gevent's ``_write_with_headers``/``_sendall`` (gevent pinned in pyproject.toml)."""
    from geventwebsocket.handler import WebSocketHandler

    class Handler(WebSocketHandler):
        _hold = False  # the headers wait for the body (a response with a body only)
        _held: bytes | None = None

        def _write_with_headers(self, data):
            self._hold = bool(data)
            try:
                super()._write_with_headers(data)
            finally:
                self._hold, self._held = False, None

        def _sendall(self, data):
            if self._hold:
                if self._held is None:  # the status line and headers: sent with the body
                    self._held = data
                    return
                data, self._held, self._hold = self._held + data, None, False
            super()._sendall(data)

        def log_request(self):
            if self.logger.isEnabledFor(logging.INFO):
                super().log_request()

    return Handler


class ClosingApp:
    """The WSGI app as gevent-websocket's WebSocket looks for it on every close of a socket
    (``server.application.current_app.on_close``): without the attribute it made a new class
    each time (``MockApp``), about a dozen objects in reference cycles per close, eight
    closes per phone that leaves (docs/performance.md, "Reference cycles per event")."""

    def __init__(self, app):
        self.app = app
        self.current_app = self

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)

    def on_close(self, *_reason) -> None:
        pass


def _run_gevent(app, host: str, port: int) -> None:
    from gevent import pywsgi

    class Server(pywsgi.WSGIServer):
        def handle(self, sock, address):
            nodelay(sock)
            return super().handle(sock, address)

    Server((host, port), ClosingApp(app), handler_class=gevent_handler(), log=None).serve_forever()


#: eventlet: connections served at once, and the queue of connections not yet accepted.
#: eventlet's own defaults (1,024 and 50) are a hall's size: every phone holds a WebSocket,
#: so in 20 sessions of 50 phones the 1,025th connection (and every one after) waited for a
#: free place that never came. gevent's server has no such limit.
EVENTLET_MAX_CONNECTIONS = 10_000
EVENTLET_BACKLOG = 1024


def _run_eventlet(app, host: str, port: int) -> None:
    import eventlet
    import eventlet.wsgi

    family, *_rest, address = eventlet.green.socket.getaddrinfo(host, port)[0]
    listener = eventlet.listen(address, family, backlog=EVENTLET_BACKLOG)
    nodelay(listener)
    eventlet.wsgi.server(listener, app, log_output=False, max_size=EVENTLET_MAX_CONNECTIONS)
