"""Writers of one session take turns in this process before they take a database connection.

The session's lock in the database (``SELECT … FOR UPDATE``, or SQLite's single writer) is
what makes one writer per session true across processes. Without this queue in front of
it, every waiting writer would hold a pooled connection while it waits: a hall of phones
voting in one session at the same moment could empty the pool and other sessions would get
``server_busy``. Here they wait without a connection (a cooperative lock under gevent or
eventlet, whose monkey-patching makes ``threading`` cooperative), one at a time, and take a
connection when it is their turn. Connection coordination, not game state: nothing here
survives or needs to survive a restart.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from samenspel.engine.errors import Rejected

#: how long a writer waits for its turn before it is answered ``server_busy``
WAIT_SECONDS = 10


class Turns:
    def __init__(self, wait_seconds: float = WAIT_SECONDS):
        self.wait_seconds = wait_seconds
        self._guard = threading.Lock()
        self._queues: dict[int, list] = {}  # session id -> [lock, writers waiting or writing]

    @contextmanager
    def turn(self, session_id: int) -> Iterator[None]:
        with self._guard:
            entry = self._queues.setdefault(session_id, [threading.Lock(), 0])
            entry[1] += 1
        try:
            if not entry[0].acquire(timeout=self.wait_seconds):
                raise Rejected("server_busy", "another writer of this session took too long")
            try:
                yield
            finally:
                entry[0].release()
        finally:
            with self._guard:
                entry[1] -= 1
                if not entry[1]:
                    del self._queues[session_id]

    def __len__(self) -> int:
        """Sessions with a writer right now (0 when idle: nothing is kept)."""
        return len(self._queues)
