"""Sessions' states kept per process between events, so an event does not read the whole
session again: a card in a hall of 200 reads the session's row, its version and the rows it
touches, not 200 players and every card.

Derived data, like the snapshot cache (services/snapshots.py): a session's state is named
exactly by its version, the id of its last logged action (store/state.py ``version``), which
every change takes a new one of, in this process or any other. A use case reads the version
first (under the session's lock when it writes) and uses the state kept under that number;
another number is a miss and the state is loaded from the database. A writer keeps the state
it committed under the version it logged. Only the players, items and round states are kept:
the flow comes from the session's row, which the use case holds anyway. Bounded (LRU by
session); a restart starts empty. Rows changed behind the app's back without a logged
action (a test seeding a session) are seen once the session's next action is logged, or
after a restart. A session is named by its id, code and creation time
(``key``): SQLite may give a deleted session's id to a new one, with the same action ids.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import NamedTuple

from samenspel.engine.state import SessionState

MAX_SESSIONS = 256


class Kept(NamedTuple):
    version: int
    state: SessionState


def key(session) -> tuple:
    return (session.id, session.code, session.created_ms)


class StateCache:
    def __init__(self, max_sessions: int = MAX_SESSIONS):
        self.entries: OrderedDict[tuple, Kept] = OrderedDict()
        self.max_sessions = max_sessions
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, session_id: tuple, version: int) -> SessionState | None:
        with self.lock:
            kept = self.entries.get(session_id)
            if kept is None or kept.version != version:
                self.misses += 1
                return None
            self.entries.move_to_end(session_id)
            self.hits += 1
            return kept.state

    def put(self, session_id: tuple, version: int, state: SessionState) -> None:
        """Keep ``state`` as the session's state at ``version`` (a newer one kept stays)."""
        with self.lock:
            kept = self.entries.get(session_id)
            if kept is not None and kept.version > version:
                return
            self.entries[session_id] = Kept(version, state)
            self.entries.move_to_end(session_id)
            while len(self.entries) > self.max_sessions:
                self.entries.popitem(last=False)

    def drop(self, code: str) -> None:
        """Forget what is kept of the session with this code: it was deleted, or a name was
        forgotten in its texts (a forgotten name must not stay in the process's memory)."""
        with self.lock:
            for name in [name for name in self.entries if name[1] == code]:
                del self.entries[name]
