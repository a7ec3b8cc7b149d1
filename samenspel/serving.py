"""The web server under ``samenspel serve``, as Flask-SocketIO's ``run`` would start it, with
TCP_NODELAY on every connection.

Without it Nagle's algorithm holds a small frame back while an earlier one is unacknowledged:
a phone that sends twice in a row waited ~40 ms for its second ack (the broadcast frame went
out first, and the ack waited for the client's delayed ACK). Under gevent each accepted
socket gets the option; under eventlet the listening socket does, and accepted sockets
inherit it (Linux, BSD, macOS). The threading mode (debugging) uses Werkzeug as before.
"""

from __future__ import annotations

import socket


def nodelay(sock) -> None:
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except (OSError, AttributeError):  # not TCP (a Unix socket), or already closed
        pass


def run(app, socketio, *, host: str, port: int, async_mode: str) -> None:
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
