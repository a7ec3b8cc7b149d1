"""A bare Socket.IO client over one WebSocket (websocket-client), for tests that must do what
a well-behaved client library would not: send several CONNECT packets on one connection,
events under reserved names, undecodable packets — and connect from a chosen loopback
address (127.0.0.2, …) to play different clients behind different addresses."""

from __future__ import annotations

import json
import select
import socket
import time
from urllib.parse import urlsplit

import websocket


class Closed(Exception):
    pass


class RawSocket:
    def __init__(
        self,
        url: str,
        *,
        source: str | None = None,
        headers: dict | None = None,
        timeout: float = 10,
        path: str = "/socket.io/",
    ):
        parts = urlsplit(url)
        sock = None
        if source:
            sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout, source_address=(source, 0))
        header = [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.ws = websocket.create_connection(
            f"ws://{parts.netloc}{path}?EIO=4&transport=websocket", timeout=timeout, socket=sock, header=header
        )
        first = self.ws.recv()
        if not first.startswith("0"):  # refused: upgraded, then closed without an OPEN packet
            self.ws.close()
            raise Closed(first)
        self.open = json.loads(first[1:])  # Engine.IO OPEN: sid, pingInterval, …
        self.next_id = 0
        self.events: list[tuple[str, object]] = []

    # --- frames -----------------------------------------------------------------------------

    def send(self, frame: str) -> None:
        self.ws.send(frame)

    def recv(self, timeout: float = 10) -> str:
        """The next Socket.IO frame (Engine.IO pings are answered on the way)."""
        deadline = time.monotonic() + timeout
        while True:
            if not self._readable(max(0.0, deadline - time.monotonic())):
                raise websocket.WebSocketTimeoutException("nothing received in time")
            try:
                frame = self.ws.recv()
            except (websocket.WebSocketConnectionClosedException, ConnectionError, OSError) as exc:
                if isinstance(exc, websocket.WebSocketTimeoutException):
                    raise
                raise Closed() from exc
            if frame == "":
                raise Closed()
            if frame == "2":
                self.ws.send("3")
                continue
            if frame.startswith("4"):
                return frame[1:]
            if frame.startswith("1"):
                raise Closed()

    def _readable(self, timeout: float) -> bool:
        """Wait for data without a socket timeout (a timeout inside websocket-client can
        leave it mid-frame)."""
        if self.ws.frame_buffer.recv_buffer:
            return True
        return bool(select.select([self.ws.sock], [], [], timeout)[0])

    def closed_within(self, seconds: float) -> bool:
        """Whether the server closes this connection within ``seconds`` (reading what comes)."""
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                try:
                    self.recv(timeout=deadline - time.monotonic())
                except websocket.WebSocketTimeoutException:
                    return False
        except Closed:
            return True
        return False

    # --- Socket.IO --------------------------------------------------------------------------

    def connect(self, auth: dict | None) -> tuple[bool, dict]:
        """Send a CONNECT packet; return (accepted, data) — data is the refusal's ``data``."""
        self.send("40" + (json.dumps(auth) if auth is not None else ""))
        while True:
            frame = self.recv()
            if frame.startswith("0"):
                return True, json.loads(frame[1:])
            if frame.startswith("4"):
                return False, json.loads(frame[1:]).get("data") or {}
            self._record(frame)

    def emit_raw(self, body: str) -> int:
        """Send an EVENT with an ack id and a hand-written body (``["event", …]``)."""
        self.next_id += 1
        self.send(f"42{self.next_id}{body}")
        return self.next_id

    def call(self, event: str, *args, timeout: float = 10):
        return self.ack(self.emit_raw(json.dumps([event, *args])), timeout=timeout)

    def ack(self, ack_id: int, timeout: float = 10):
        deadline = time.monotonic() + timeout
        prefix = f"3{ack_id}["
        while True:
            frame = self.recv(timeout=max(0.01, deadline - time.monotonic()))
            if frame.startswith(prefix):
                data = json.loads(frame[len(prefix) - 1 :])
                return data[0] if data else None
            self._record(frame)

    def _record(self, frame: str) -> None:
        if frame.startswith("2"):
            body = frame[1:]
            data = json.loads(body[body.index("[") :])
            self.events.append((data[0], data[1] if len(data) > 1 else None))

    def received(self, event: str) -> list:
        return [data for name, data in self.events if name == event]

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:
            pass
