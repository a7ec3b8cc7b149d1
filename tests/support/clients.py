"""A real python-socketio client that records what the server sends, for tests against a
running server."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import socketio


class LiveClient:
    """One phone, projector or console connected to a real server over WebSocket (or, with
    ``transports=("polling", "websocket")``, long-polling first and then upgrading, as a
    browser on a network that holds WebSockets back does). ``headers`` go with every
    request (e.g. a cookie)."""

    def __init__(self, url: str, *, transports=("websocket",), headers: dict | None = None, **auth):
        self.url = url
        self.auth = auth
        self.transports = list(transports)
        self.headers = headers or {}
        self.events: list[tuple[str, dict]] = []
        self._lock = threading.Lock()
        self.sio = socketio.Client(
            reconnection=True, reconnection_delay=0.2, reconnection_delay_max=1, randomization_factor=0
        )
        self.sio.on("*", self._record)

    def _record(self, event, data=None):
        with self._lock:
            self.events.append((event, data))

    def connect(self) -> "LiveClient":
        self.sio.connect(self.url, auth=self.auth, transports=self.transports, headers=self.headers, wait_timeout=10)
        self.wait_for("snapshot")
        return self

    def call(self, event: str, payload=None, timeout: float = 10):
        return self.sio.call(event, payload if payload is not None else {}, timeout=timeout)

    def received(self, event: str) -> list[dict]:
        with self._lock:
            return [data for name, data in self.events if name == event]

    def wait_for(self, event: str, predicate=lambda data: True, timeout: float = 15) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            matches = [d for d in self.received(event) if predicate(d)]
            if matches:
                return matches[-1]
            time.sleep(0.02)
        raise AssertionError(f"no {event!r} matching within {timeout}s; got {[e for e, _ in self.events]}")

    def wait_reconnected(self, timeout: float = 20) -> dict:
        """After a server restart: the fresh snapshot, once the namespace is connected again."""
        snapshot = self.wait_for("snapshot", timeout=timeout)
        deadline = time.monotonic() + timeout
        while "/" not in self.sio.namespaces and time.monotonic() < deadline:
            time.sleep(0.02)
        return snapshot

    def clear(self) -> None:
        with self._lock:
            self.events.clear()

    def close(self) -> None:
        self.sio.shutdown()


def close_all(clients) -> None:
    """Disconnect clients side by side (each disconnect waits for its reader to stop)."""
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(LiveClient.close, clients))


class Outbox:
    """What a phone does with its inputs: keep each until the server acknowledged it, resend
    it with the same client_id after a reconnect. Records which inputs were acknowledged."""

    def __init__(self, client: LiveClient):
        self.client = client
        self.pending: list[dict] = []
        self.acked: list[dict] = []

    def add(self, payload: dict) -> None:
        self.pending.append(payload)

    def flush(self, event: str, *, deadline: float, pause: float = 0.0) -> None:
        while self.pending and time.monotonic() < deadline:
            payload = self.pending[0]
            try:
                ack = self.client.call(event, payload, timeout=2)
            except Exception:  # disconnected or timed out: keep it, try again after reconnecting
                time.sleep(0.1)
                continue
            assert ack["ok"], ack
            self.acked.append(self.pending.pop(0))
            time.sleep(pause)
