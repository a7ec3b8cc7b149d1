"""Sending an operation's broadcasts, after its commit, to each audience in its own shape."""
from __future__ import annotations

from typing import Iterable

from samenspel.engine.views import FACILITATOR, VIEWER, Viewer
from samenspel.live import rooms, socketio
from samenspel.store.outcome import Broadcast

AUDIENCES = ((rooms.public, Viewer(VIEWER)), (rooms.facilitators, Viewer(FACILITATOR)))


def send(session_id: int, broadcasts: Iterable[Broadcast]) -> None:
    for broadcast in broadcasts:
        for room, viewer in AUDIENCES:
            shaped = broadcast.build(viewer)
            if shaped is None:
                # Keep the sequence gap-free for this audience without revealing anything.
                socketio.emit("tick", {"seq": broadcast.seq}, to=room(session_id))
            else:
                event, payload = shaped
                socketio.emit(event, {"seq": broadcast.seq, **payload}, to=room(session_id))
