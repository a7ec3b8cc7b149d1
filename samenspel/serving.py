"""The web server under ``samenspel serve``, as Flask-SocketIO's ``run`` would start it, with
TCP_NODELAY on every connection.

Without it Nagle's algorithm holds a small frame back while an earlier one is unacknowledged:
a phone that sends twice in a row waited ~40 ms for its second ack (the broadcast frame went
out first, and the ack waited for the client's delayed ACK). Under gevent each accepted
socket gets the option; under eventlet the listening socket does, and accepted sockets
inherit it (Linux, BSD, macOS). The threading mode (debugging) uses Werkzeug as before.

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


def _run_gevent(app, host: str, port: int) -> None:
    from gevent import pywsgi
    from geventwebsocket.handler import WebSocketHandler

    class Server(pywsgi.WSGIServer):
        def handle(self, sock, address):
            nodelay(sock)
            return super().handle(sock, address)

    Server((host, port), app, handler_class=WebSocketHandler, log=None).serve_forever()


def _run_eventlet(app, host: str, port: int) -> None:
    import eventlet
    import eventlet.wsgi

    family, *_rest, address = eventlet.green.socket.getaddrinfo(host, port)[0]
    listener = eventlet.listen(address, family)
    nodelay(listener)
    eventlet.wsgi.server(listener, app, log_output=False)
