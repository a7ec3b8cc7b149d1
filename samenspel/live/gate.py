"""The door of the Socket.IO server: what a connection may do before and around the event
handlers.

- **A cap per address.** At most ``SOCKETS_PER_ADDRESS`` Engine.IO connections from one
  address at a time; more are refused at the handshake (HTTP 401, ``too_many_connections``).
  The default holds a hall of phones behind one NAT, each with a lingering old connection
  after a Wi-Fi hiccup (README, Benchmarks).
- **One authentication per connection.** A second Socket.IO CONNECT packet on the same
  Engine.IO connection is answered with ``too_many_attempts`` and the connection is closed,
  so room codes cannot be tried hundreds of times over one WebSocket.
- **A deadline to authenticate.** A connection that has not joined the namespace within
  ``AUTH_TIMEOUT_SECONDS`` is closed.
- **Well-formed events only.** Events named like Socket.IO's own (``connect``,
  ``disconnect``, ``*`` …), events whose name is not a string, payloads nested deeper than
  ``MAX_DEPTH`` or holding a lone surrogate (not valid Unicode: it cannot be stored), and
  packets that do not decode get a ``bad_request`` ack instead of reaching a handler or
  leaving a traceback.

Python-socketio has no hooks for these, so the Server instance's packet methods are wrapped
(the versions are pinned in pyproject.toml; tests/live/test_gate.py covers each rule). What
is kept here is connection state — it lives exactly as long as the connections of this
process — never game state.
"""

from __future__ import annotations

import logging
import re
import time
from collections import defaultdict

from flask import Flask
from socketio import packet

from samenspel.i18n import LANGUAGES
from samenspel.live import flood
from samenspel.messages import message

log = logging.getLogger(__name__)

#: event names Socket.IO uses itself; a client sending one is refused
RESERVED_EVENTS = frozenset(
    {"connect", "disconnect", "connect_error", "disconnecting", "*", "newListener", "removeListener"}
)
#: packet types a client may send (CONNECT_ERROR and unknown types are protocol errors)
CLIENT_PACKETS = frozenset(
    {packet.CONNECT, packet.DISCONNECT, packet.EVENT, packet.ACK, packet.BINARY_EVENT, packet.BINARY_ACK}
)
TRIED = "samenspel.auth_tried"
LANG = "samenspel.gate_lang"
MAX_DEPTH = 16
SURROGATE = re.compile("[\ud800-\udfff]")
#: an EVENT packet's namespace and ack id, read without decoding its JSON
EVENT_HEADER = re.compile(r"^[25](?:\d+-)?(?:(/[^,]*),)?(\d+)?")


def well_formed(data, max_depth: int = MAX_DEPTH) -> bool:
    """No lone surrogate in any string (they cannot be stored or sent on as UTF-8) and no
    nesting deeper than ``max_depth`` (no payload of the protocol nests more than 3 deep)."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if SURROGATE.search(value):
                return False
        elif isinstance(value, (list, dict)):
            if depth >= max_depth:
                return False
            if isinstance(value, dict):
                stack.extend((key, depth + 1) for key in value)
                value = value.values()
            stack.extend((item, depth + 1) for item in value)
    return True


class Gate:
    def __init__(self, app: Flask, socketio):
        self.app = app
        self.socketio = socketio
        self.server = socketio.server
        self.max_per_address = app.config["SOCKETS_PER_ADDRESS"]
        self.auth_timeout = app.config["AUTH_TIMEOUT_SECONDS"]
        self.by_address: dict[str, set[str]] = defaultdict(set)
        self.address_of: dict[str, str] = {}
        self.deadlines: dict[str, float] = {}
        self.reaper = None
        self.messages: dict[tuple[str, str | None], str] = {}

    def install(self) -> None:
        server, eio = self.server, self.server.eio
        self._eio_connect, self._eio_disconnect = eio.handlers["connect"], eio.handlers["disconnect"]
        eio.on("connect", self.on_eio_connect)
        eio.on("disconnect", self.on_eio_disconnect)
        eio.on("message", self.on_message)
        self._handle_message, server._handle_eio_message = server._handle_eio_message, self.on_message
        self._handle_connect, server._handle_connect = server._handle_connect, self.on_connect_packet
        self._handle_event, server._handle_event = server._handle_event, self.on_event_packet

    # --- Engine.IO connections -----------------------------------------------------------

    def on_eio_connect(self, eio_sid, environ):
        address = environ.get("REMOTE_ADDR") or "?"
        if len(self.by_address[address]) >= self.max_per_address:
            log.warning("refused a connection from %s: %d open", address, len(self.by_address[address]))
            return "too_many_connections"
        self.by_address[address].add(eio_sid)
        self.address_of[eio_sid] = address
        self.deadlines[eio_sid] = time.monotonic() + self.auth_timeout
        if self.reaper is None:
            self.reaper = self.socketio.start_background_task(self._reap)
        return self._eio_connect(eio_sid, environ)

    def on_eio_disconnect(self, eio_sid, *args):
        self._forget(eio_sid)
        return self._eio_disconnect(eio_sid, *args)

    def _forget(self, eio_sid) -> None:
        self.deadlines.pop(eio_sid, None)
        address = self.address_of.pop(eio_sid, None)
        if address is not None:
            open_ = self.by_address.get(address)
            if open_ is not None:
                open_.discard(eio_sid)
                if not open_:
                    del self.by_address[address]

    def _reap(self) -> None:
        """Close connections that did not authenticate in time; drop bookkeeping of
        connections Engine.IO no longer knows (closed without a disconnect event)."""
        while True:
            self.socketio.sleep(1)
            try:
                now = time.monotonic()
                for eio_sid, deadline in list(self.deadlines.items()):
                    if deadline <= now:
                        self.deadlines.pop(eio_sid, None)
                        if not self._authenticated(eio_sid):
                            self.server.eio.disconnect(eio_sid)
                known = self.server.eio.sockets
                for eio_sid in [s for s in self.address_of if s not in known]:
                    self._forget(eio_sid)
            except Exception:  # the reaper must outlive any one bad connection
                log.exception("connection reaper")

    def _authenticated(self, eio_sid) -> bool:
        sid = self.server.manager.sid_from_eio_sid(eio_sid, "/")
        return bool(sid) and self.server.manager.is_connected(sid, "/")

    # --- Socket.IO packets ------------------------------------------------------------------

    def on_message(self, eio_sid, data):
        try:
            return self._handle_message(eio_sid, data)
        except (ValueError, TypeError, KeyError, IndexError, RecursionError) as exc:
            decoded = self._decoded(data)
            if decoded is not None and decoded.packet_type in CLIENT_PACKETS:
                raise  # a well-formed packet: a real error, not the client's
            # a packet that does not decode: answer it if it asked for an ack
            log.warning("undecodable packet from %s: %s", eio_sid, type(exc).__name__)
            header = EVENT_HEADER.match(data) if isinstance(data, str) else None
            if header and header.group(2):
                self._ack(eio_sid, header.group(1) or "/", int(header.group(2)), "bad_request")

    def _decoded(self, data):
        if not isinstance(data, str):
            return None
        try:
            return self.server.packet_class(encoded_packet=data)
        except Exception:
            return None

    def on_connect_packet(self, eio_sid, namespace, data):
        environ = self.server.environ.get(eio_sid)
        if environ is not None and environ.get(TRIED):
            self._refuse_connect(eio_sid, namespace, "too_many_attempts")
            return None
        if environ is not None:
            environ[TRIED] = True
            environ[LANG] = data.get("lang") if isinstance(data, dict) else None
        if data is not None and not well_formed(data):
            self._refuse_connect(eio_sid, namespace, "bad_auth")
            return None
        result = self._handle_connect(eio_sid, namespace, data)
        if self._authenticated(eio_sid):
            self.deadlines.pop(eio_sid, None)
        return result

    def on_event_packet(self, eio_sid, namespace, id, data):
        environ = self.server.environ.get(eio_sid)
        if environ is None or not self._authenticated(eio_sid):
            return self._handle_event(eio_sid, namespace, id, data)  # dropped there, with a warning
        refusal = flood.check_environ(self.app, environ)
        if refusal is not None:
            if id is not None:
                self._ack(eio_sid, namespace or "/", id, "rate_limited", **refusal)
            return None
        if (
            isinstance(data, list)
            and data
            and isinstance(data[0], str)
            and data[0] not in RESERVED_EVENTS
            and well_formed(data)
        ):
            return self._handle_event(eio_sid, namespace, id, data)
        if id is not None:
            self._ack(eio_sid, namespace or "/", id, "bad_request")
        return None

    def _message(self, eio_sid, code: str) -> str:
        """The message in the connection's language, translated once per language."""
        lang = self._lang(eio_sid)
        key = (code, lang)
        if key not in self.messages:
            with self.app.app_context():
                self.messages[key] = message(code, lang)
        return self.messages[key]

    def _refuse_connect(self, eio_sid, namespace, code: str) -> None:
        text = self._message(eio_sid, code)
        self.server._send_packet(
            eio_sid,
            self.server.packet_class(
                packet.CONNECT_ERROR, data={"message": text, "data": {"code": code}}, namespace=namespace or "/"
            ),
        )
        self.server.eio.disconnect(eio_sid)

    def _ack(self, eio_sid, namespace: str, id: int, code: str, **extra) -> None:
        body = {"ok": False, "error": {"code": code, "message": self._message(eio_sid, code), **extra}}
        self.server._send_packet(eio_sid, self.server.packet_class(packet.ACK, namespace=namespace, id=id, data=[body]))

    def _lang(self, eio_sid) -> str:
        """The language the connection asked for in its auth, else the default."""
        lang = (self.server.environ.get(eio_sid) or {}).get(LANG)
        return lang if lang in LANGUAGES else LANGUAGES[0]


def install(app: Flask, socketio) -> Gate:
    gate = Gate(app, socketio)
    gate.install()
    app.extensions["samenspel.gate"] = gate
    return gate
