"""Events per second per socket: a token bucket kept with the connection (it lives and dies
with the socket, so it is connection state, not game state). A flooding phone gets
``rate_limited`` errors; everybody else is served as usual."""
from __future__ import annotations

import time

from flask import current_app, request

ENVIRON_KEY = "samenspel.bucket"


def allow() -> bool:
    rate = current_app.config["SOCKET_EVENTS_PER_SECOND"]
    burst = current_app.config["SOCKET_EVENT_BURST"]
    now = time.monotonic()
    tokens, last = request.environ.get(ENVIRON_KEY, (burst, now))
    tokens = min(burst, tokens + (now - last) * rate)
    allowed = tokens >= 1
    request.environ[ENVIRON_KEY] = (tokens - 1 if allowed else tokens, now)
    return allowed
