"""Event budgets: token buckets per socket, per client address and per session.

A socket's bucket lives with the connection (in its WSGI environ). The address and session
buckets are shared by every socket of this process from that address or in that session,
so opening more sockets buys no more events: thirty viewer sockets from one address share
one budget. All three are connection state, kept in this process; none is game state.

The gate (samenspel/live/gate.py) takes an event's tokens before the event is dispatched,
where a refusal costs least: one ack, no request context, no greenlet. An event is allowed
when every bucket it draws from has a token; a refused event takes nothing, and the refusal
says which budget ran out (``scope``) and when to try again (``retry_ms``). The defaults leave room
for a hall of 80 phones behind one NAT address
(README, Benchmarks).
"""

from __future__ import annotations

import threading
import time

ENVIRON_KEY = "samenspel.bucket"
ACTOR_KEY = "samenspel.actor"
#: buckets kept per shared budget before full (idle) ones are dropped
PRUNE_AT = 10_000


class Budget:
    """Token buckets under keys: ``rate`` tokens a second, at most ``burst``."""

    def __init__(self, rate: float, burst: float):
        self.rate, self.burst = rate, burst
        self.buckets: dict[object, tuple[float, float]] = {}

    def level(self, key, now: float) -> float:
        tokens, last = self.buckets.get(key, (self.burst, now))
        return min(self.burst, tokens + (now - last) * self.rate)

    def set(self, key, tokens: float, now: float) -> None:
        if len(self.buckets) >= PRUNE_AT and key not in self.buckets:
            self.prune(now)
        self.buckets[key] = (tokens, now)

    def prune(self, now: float) -> None:
        for key in [k for k in self.buckets if self.level(k, now) >= self.burst]:
            del self.buckets[key]

    def retry_ms(self, tokens: float) -> int:
        return int((1 - tokens) / self.rate * 1000) + 1 if self.rate > 0 else 60_000


class Budgets:
    def __init__(self):
        self.address, self.session = Budget(0, 0), Budget(0, 0)
        self.lock = threading.Lock()  # the threading mode; free under gevent/eventlet

    def configure(self, config) -> "Budgets":
        """Rates from the configuration (read on every event: tests and operators may change it)."""
        self.address.rate, self.address.burst = config["ADDRESS_EVENTS_PER_SECOND"], config["ADDRESS_EVENT_BURST"]
        self.session.rate, self.session.burst = config["SESSION_EVENTS_PER_SECOND"], config["SESSION_EVENT_BURST"]
        return self


def budgets(app) -> Budgets:
    return app.extensions.setdefault("samenspel.budgets", Budgets()).configure(app.config)


def check_environ(app, environ) -> dict | None:
    """Take one token from each budget of an event on the connection of ``environ``, or
    return why not: ``{"scope": "socket"|"address"|"session", "retry_ms": …}``."""
    config = app.config
    now = time.monotonic()
    socket = Budget(config["SOCKET_EVENTS_PER_SECOND"], config["SOCKET_EVENT_BURST"])
    socket.buckets = {"": environ[ENVIRON_KEY]} if ENVIRON_KEY in environ else {}
    shared = budgets(app)
    saved = environ.get(ACTOR_KEY)
    draws = [("socket", socket, ""), ("address", shared.address, environ.get("REMOTE_ADDR") or "?")]
    if saved:
        draws.append(("session", shared.session, saved.get("session_id")))
    with shared.lock:
        levels = [(scope, budget, key, budget.level(key, now)) for scope, budget, key in draws]
        short = next(((scope, budget, tokens) for scope, budget, _key, tokens in levels if tokens < 1), None)
        for _scope, budget, key, tokens in levels:
            budget.set(key, tokens if short else tokens - 1, now)
    environ[ENVIRON_KEY] = socket.buckets[""]
    if short is None:
        return None
    scope, budget, tokens = short
    return {"scope": scope, "retry_ms": budget.retry_ms(tokens)}
