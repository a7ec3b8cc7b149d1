"""Who is behind a socket: resolved once at connect from the handshake's ``auth`` (by the
``connect`` use case), kept in the connection's WSGI environ (it lives exactly as long as
the socket), and checked again by every use case. Payload fields never name an actor."""

from __future__ import annotations

from dataclasses import asdict

from flask import request

from samenspel.engine.errors import Rejected
from samenspel.services.access import language_of
from samenspel.services.unit import ActorRef

ENVIRON_KEY = "samenspel.actor"

__all__ = ["current", "language_of", "remember", "saved_language"]


def remember(ref: ActorRef) -> None:
    request.environ[ENVIRON_KEY] = asdict(ref)


def current() -> ActorRef:
    """The actor of the current socket event."""
    saved = request.environ.get(ENVIRON_KEY)
    if not saved:
        raise Rejected("unknown_session")
    return ActorRef(**saved)


def saved_language() -> str | None:
    saved = request.environ.get(ENVIRON_KEY)
    return saved.get("lang") if saved else None
