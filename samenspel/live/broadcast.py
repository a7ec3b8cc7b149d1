"""Delivering a use case's broadcasts after its commit, to each audience in its own shape
(registered by the app factory as the services' sender).

The socket that acted (``skip_sid``) is skipped: its ack carries the same broadcasts in its
own view (services/outcome.py). The author's other sockets (their personal room) get the
author's own view first — ``mine: true``, their unrevealed text — and then the room's copy
with the same ``seq``, which a client ignores as already known. Each emit goes through the
same queue (in process, or Redis between processes), so that order holds everywhere."""

from __future__ import annotations

from samenspel.engine.views import FACILITATOR, VIEWER, Viewer
from samenspel.live import overview, rooms, socketio
from samenspel.services.outcome import Outcome

AUDIENCES = ((rooms.public, Viewer(VIEWER)), (rooms.facilitators, Viewer(FACILITATOR)))


def _to_table(session_id: int, broadcast, skip_sid: str | None) -> None:
    """A table's item in a table round: the screens and that table's phones in the room's
    shape, the facilitator in theirs, and a ``tick`` (the same ``seq``) to the other tables'
    phones, so their sequence stays gap-free without the item ever reaching them."""
    shown = [rooms.screens(session_id), rooms.table(session_id, broadcast.table)]
    socketio.emit(*broadcast.shaped(Viewer(VIEWER)), to=shown, skip_sid=skip_sid)
    socketio.emit(*broadcast.shaped(Viewer(FACILITATOR)), to=rooms.facilitators(session_id), skip_sid=skip_sid)
    others = [rooms.table(session_id, t) for t in range(1, broadcast.tables + 1) if t != broadcast.table]
    if others:
        socketio.emit("tick", {"seq": broadcast.seq}, to=others, skip_sid=skip_sid)


def send(outcome: Outcome, skip_sid: str | None = None) -> None:
    if outcome.session_id is None:
        return
    author = outcome.author_view
    for broadcast in outcome.broadcasts:
        if broadcast.seq is None:  # a notice outside the sequence goes to everyone
            for room, viewer in AUDIENCES:
                socketio.emit(*broadcast.shaped(viewer), to=room(outcome.session_id))
            continue
        if author is not None:
            socketio.emit(*broadcast.shaped(author), to=rooms.participant(author.player.id), skip_sid=skip_sid)
        if broadcast.table is not None:
            _to_table(outcome.session_id, broadcast, skip_sid)
            continue
        for room, viewer in AUDIENCES:
            socketio.emit(*broadcast.shaped(viewer), to=room(outcome.session_id), skip_sid=skip_sid)
    if outcome.tables_changed:
        overview.touch(outcome.session_id)
