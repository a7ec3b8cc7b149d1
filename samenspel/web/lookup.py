"""Finding a session by room code for anyone on the network, guarded against guessing:
every failed lookup from an address counts, and an address over the limit is refused for
every code until the window has passed. Successful lookups do not count, so a hall full of
phones behind one public address is never locked out."""
from __future__ import annotations

from flask import current_app, request
from werkzeug.exceptions import TooManyRequests

from samenspel.store import ratelimit
from samenspel.store.db import get_db
from samenspel.store.models import GameSession
from samenspel.store.sessions import find_by_code


class TooManyAttempts(TooManyRequests):
    pass


def find_session(code: str) -> GameSession | None:
    db, config = get_db(), current_app.config
    key = f"lookup-fail:{request.remote_addr}"
    limits = {"limit": config["JOIN_ATTEMPTS_PER_WINDOW"], "window_seconds": config["JOIN_WINDOW_SECONDS"]}
    if ratelimit.blocked(db, key, **limits):
        raise TooManyAttempts()
    session = find_by_code(db, code)
    if session is None:
        ratelimit.allow(db, key, **limits)
    return session
