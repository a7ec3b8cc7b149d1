"""Writers of one session take turns in this process before they take a database connection.

The session's lock in the database (``SELECT … FOR UPDATE``, or SQLite's single writer) is
what makes one writer per session true across processes. Without this queue in front of
it, every waiting writer would hold a pooled connection while it waits: a hall of phones
voting in one session at the same moment could empty the pool and other sessions would get
``server_busy``. Here they wait without a connection (a cooperative lock under gevent or
eventlet, whose monkey-patching makes ``threading`` cooperative), one at a time, and take a
connection when it is their turn. Connection coordination, not game state: nothing here
survives or needs to survive a restart.

The queue is also where a writer finds the open transaction of a group commit
(services/batches.py): ``Queue.batch`` is set only between two writers' turns, by the writer
that left it open for the next one, and taken by whoever has the turn next.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from samenspel.engine.errors import Rejected

#: how long a writer waits for its turn before it is answered ``server_busy``
WAIT_SECONDS = 10


class Queue:
    """One session's writers in this process: the turn, how many want it, and the open
    transaction the last turn left for the next (or None)."""

    __slots__ = ("lock", "writers", "batch")

    def __init__(self):
        self.lock = threading.Lock()
        self.writers = 0  # waiting for the turn or having it
        self.batch = None

    @property
    def waiting(self) -> int:
        """Writers queued behind the one that has the turn."""
        return self.writers - 1


class Turns:
    def __init__(self, wait_seconds: float = WAIT_SECONDS):
        self.wait_seconds = wait_seconds
        self._guard = threading.Lock()
        self._queues: dict[int, Queue] = {}

    @contextmanager
    def turn(self, session_id: int) -> Iterator[Queue]:
        with self._guard:
            queue = self._queues.setdefault(session_id, Queue())
            queue.writers += 1
        left = None
        try:
            if not queue.lock.acquire(timeout=self.wait_seconds):
                raise Rejected("server_busy", "another writer of this session took too long")
            try:
                yield queue
            finally:
                queue.lock.release()
        finally:
            with self._guard:
                queue.writers -= 1
                if not queue.writers:
                    del self._queues[session_id]
                    left, queue.batch = queue.batch, None
            if left is not None:  # left for a writer that gave up waiting: nobody else will end it
                left.finish()

    def __len__(self) -> int:
        """Sessions with a writer right now (0 when idle: nothing is kept)."""
        return len(self._queues)
