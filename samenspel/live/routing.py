"""The Socket.IO path as a URL rule of the Flask app, never served by Flask.

Flask-SocketIO handles every event inside a request context made from the connection's
environ, and Flask matches that request's path against the app's URL rules. Without a rule
for ``/socket.io/`` every event raised and kept a ``NotFound`` (``request.routing_exception``),
whose traceback holds the frames of the whole handler stack: a reference cycle of about a
hundred objects per event, left to the garbage collector. In a hall those cycles were most of
what each young collection found and freed, and the collections that freed them took 8–65 ms
(docs/performance.md, "Reference cycles per event"). With the rule the match succeeds and an
event leaves no cycle. Engine.IO's middleware answers the path before Flask sees it, so the
view is never called; if it were, it would answer 404 as before.
"""

from __future__ import annotations

from flask import Flask, abort

#: Socket.IO's default path (the client's and ``docs/protocol.md``'s)
SOCKET_PATH = "/socket.io/"


def _never_served():
    abort(404)


def claim_socket_path(app: Flask) -> None:
    """A rule for the long-polling transport's requests and one for the WebSocket's
    (Werkzeug matches a request that asks to upgrade against WebSocket rules only)."""
    app.add_url_rule(SOCKET_PATH, endpoint="socketio", view_func=_never_served, methods=["GET", "POST"])
    app.add_url_rule(SOCKET_PATH, endpoint="socketio", view_func=_never_served, websocket=True)
