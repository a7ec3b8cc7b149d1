"""Snapshots served from a per-process cache, so a flood of ``sync`` costs little.

A snapshot is derived data: a function of the session's stored state, the audience (viewer,
facilitator, or one participant: their own items differ) and the address it was asked at
(the join URL). Every change to a session's state takes a new number in the session's
sequence, so ``(session, audience, seq, join address)`` names one snapshot exactly; a newer ``seq``
makes the older entries unreachable and they age out of the bounded LRU. Only
``server_now`` is refreshed on the way out. Game state itself stays in the database: a miss
(or a restart) rebuilds from there.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable

from samenspel.store.clock import now_ms

MAX_ENTRIES = 512


class SnapshotCache:
    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.entries: OrderedDict[tuple, dict] = OrderedDict()
        self.max_entries = max_entries
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple, build: Callable[[], dict]) -> dict:
        with self.lock:
            cached = self.entries.get(key)
            if cached is not None:
                self.entries.move_to_end(key)
                self.hits += 1
        if cached is None:
            cached = build()
            with self.lock:
                self.misses += 1
                self.entries[key] = cached
                while len(self.entries) > self.max_entries:
                    self.entries.popitem(last=False)
        return {**cached, "server_now": now_ms()}
