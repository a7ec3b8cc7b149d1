"""Delivering a use case's broadcasts after its commit, to each audience in its own shape
(registered by the app factory as the services' sender). The one place that decides which
room hears what: an audience (engine/views.py ``AUDIENCES``) with nothing to see is sent no
frame (its next copy names the ``seq`` it heard last, ``prev``); each audience's copy is
encoded once for its whole room. In a table round a table's item goes to that table's
phones only; the other tables' phones get a ``tick`` with the same ``seq``. An item of a
round no phone shows (services/tell.py ``items``) goes to no phone but its author's.

The socket that acted (``skip_sid``) is skipped: its ack carries the same broadcasts in its
own view (services/outcome.py). The participant concerned (the author of an input, or who
was taken out) gets their own view in their personal room first — ``mine: true``, their
unrevealed text — and then their audience's copy with the same ``seq``, which a client
ignores as already known. Each emit goes through the same queue (in process, or Redis
between processes), so that order holds everywhere."""

from __future__ import annotations

import threading
import time

from samenspel.engine.views import AUDIENCES, PARTICIPANT, PHONES, Viewer
from samenspel.live import overview, rooms, socketio
from samenspel.services.outcome import Broadcast, Outcome

#: the phones' count of players is told at most this often per session (seconds)
HEADCOUNT_EVERY_S = 1.0


def send(outcome: Outcome, skip_sid: str | None = None) -> None:
    if outcome.session_id is None:
        return
    session_id = outcome.session_id
    if outcome.headcount is not None:
        headcounts.note(session_id, outcome.headcount)
    own = outcome.author_view
    for broadcast in outcome.broadcasts:
        if broadcast.seq is None:  # a notice outside the sequence goes to everyone
            for name, viewer in AUDIENCES.items():
                socketio.emit(*broadcast.shaped(viewer), to=rooms.audience(name, session_id))
            continue
        if own is not None and (copy := broadcast.own(own)) is not None:
            socketio.emit(*copy, to=rooms.participant(own.player.id), skip_sid=skip_sid)
        _to_owner(broadcast, own, skip_sid)
        for name in AUDIENCES:
            if (copy := broadcast.copy_for(name)) is None:
                continue
            if name == PHONES and broadcast.table is not None:
                _to_table(session_id, broadcast, copy, skip_sid)
            else:
                socketio.emit(*copy, to=rooms.audience(name, session_id), skip_sid=skip_sid)
    if outcome.tables_changed:
        overview.touch(session_id)


def _to_owner(broadcast: Broadcast, own: Viewer | None, skip_sid: str | None) -> None:
    """An item the phones are not sent (a round no phone shows) still reaches its author's
    own room in their view — unless that room already had it as the outcome's author."""
    owner = broadcast.owner
    if owner is None or owner.proxy or (own is not None and own.player.id == owner.id):
        return
    if (copy := broadcast.own(Viewer(PARTICIPANT, owner))) is not None:
        socketio.emit(*copy, to=rooms.participant(owner.id), skip_sid=skip_sid)


def _to_table(session_id: int, broadcast: Broadcast, copy: tuple[str, dict], skip_sid: str | None) -> None:
    """A table's item in a table round: the phones' copy to that table's phones, and a
    ``tick`` (the same ``seq``) to the other tables' phones, so their sequence stays
    gap-free without the item ever reaching them."""
    socketio.emit(*copy, to=rooms.table(session_id, broadcast.table), skip_sid=skip_sid)
    others = [rooms.table(session_id, t) for t in range(1, broadcast.tables + 1) if t != broadcast.table]
    if others:
        socketio.emit(*broadcast.tick_for(PHONES), to=others, skip_sid=skip_sid)


class Headcounts:
    """The phones' count of players (``people``, outside the sequence): the newest count of
    a session, told at once when none was told in the last ``HEADCOUNT_EVERY_S``, else once
    that time is up. Phones show how many joined; they are not told who (docs/protocol.md)."""

    def __init__(self, every_s: float = HEADCOUNT_EVERY_S):
        self.every_s = every_s
        self.lock = threading.Lock()
        self.latest: dict[int, tuple[int, int]] = {}  # session id → (count, seq)
        self.told_at: dict[int, float] = {}
        self.waiting: set[int] = set()

    def note(self, session_id: int, headcount: tuple[int, int]) -> None:
        with self.lock:
            known = self.latest.get(session_id)
            if known is None or headcount[1] >= known[1]:
                self.latest[session_id] = headcount
            if session_id in self.waiting:
                return
            self.waiting.add(session_id)
        socketio.start_background_task(self._tell, session_id)

    def _tell(self, session_id: int) -> None:
        wait = self.told_at.get(session_id, float("-inf")) + self.every_s - time.monotonic()
        if wait > 0:
            socketio.sleep(wait)
        with self.lock:
            self.waiting.discard(session_id)
            count, at = self.latest.pop(session_id)
            now = time.monotonic()
            self.told_at = {sid: t for sid, t in self.told_at.items() if now - t < self.every_s}
            self.told_at[session_id] = now
        socketio.emit("people", {"count": count, "at": at}, to=rooms.audience(PHONES, session_id))


headcounts = Headcounts()
