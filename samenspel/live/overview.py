"""The tables at a glance (engine/tables/overview.py) for the console and the projector,
sent after changes at the tables, at most ``PER_SECOND`` times a second per session and
process: changes in between are folded into the next update, which reads the state as it
is then. It is derived (no ``seq``); the snapshot carries it too."""

from __future__ import annotations

import logging
import time

from flask import current_app, has_app_context

from samenspel.live import rooms, socketio
from samenspel.services import context, tables

log = logging.getLogger(__name__)

PER_SECOND = 2
INTERVAL = 1 / PER_SECOND
#: session id -> when its last update went out (monotonic seconds)
_sent: dict[int, float] = {}
#: sessions with an update on its way
_due: set[int] = set()


def touch(session_id: int) -> None:
    """Something changed at the tables: an update goes out now, or at the end of the
    interval when one went out less than ``INTERVAL`` ago."""
    if session_id in _due or not has_app_context():
        return
    _due.add(session_id)
    wait = max(0.0, _sent.get(session_id, 0.0) + INTERVAL - time.monotonic())
    socketio.start_background_task(_send, current_app._get_current_object(), session_id, wait)


def _send(app, session_id: int, wait: float) -> None:
    if wait:
        socketio.sleep(wait)
    _due.discard(session_id)
    _sent[session_id] = time.monotonic()
    try:
        with app.app_context():
            found = tables.overview(context.current(), session_id)
    except Exception:  # noqa: BLE001 - a glance that failed is sent again with the next change
        log.exception("tables overview of session %s failed", session_id)
        return
    if found is not None:
        socketio.emit("tables:overview", found, to=[rooms.screens(session_id), rooms.facilitators(session_id)])
