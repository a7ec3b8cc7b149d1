"""Snapshots served from a per-process cache, so a flood of ``sync`` costs little.

A snapshot is derived data: a function of the session's stored state, the audience (viewer,
facilitator, or one participant: their own items differ) and the address it was asked at
(the join URL). Every change to a session's state takes a new number in the session's
sequence, so ``(session, audience, seq, join address)`` names one snapshot exactly; a newer ``seq``
makes the older entries unreachable and they age out of the bounded LRU. Only
``server_now`` is refreshed on the way out. Game state itself stays in the database: a miss
(or a restart) rebuilds from there.

The same cache keeps the other answers derived per audience and ``seq``: a round's items as an
audience sees them (services/round_items.py), encoded once (``Encoded``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, TypeVar

from samenspel.store.clock import now_ms

MAX_ENTRIES = 512
T = TypeVar("T")


class SnapshotCache:
    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.entries: OrderedDict[tuple, tuple] = OrderedDict()  # key → (seq, value)
        self.max_entries = max_entries
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple, build: Callable[[], dict]) -> dict:
        """The snapshot named by ``key``, with the server's clock of now."""
        return {**self.keep(key, build), "server_now": now_ms()}

    def keep(self, key: tuple, build: Callable[[], T]) -> T:
        """What ``key`` names, built once while it stays in the cache."""
        return self.newest(key, None, build)

    def newest(self, key: tuple, seq: int | None, build: Callable[[], T]) -> T:
        """What ``key`` names at ``seq``, kept for the newest ``seq`` asked only (an answer at
        an older ``seq`` is built and not kept), so a large answer that changes with every
        ballot holds one entry, not one per ``seq``. Shared by every caller: never change it.
        Under gevent a build that does no I/O runs to its end before another request is
        served, so a burst builds once; with threads two may build, harmlessly."""
        with self.lock:
            kept = self.entries.get(key)
            if kept is not None and kept[0] == seq:
                self.entries.move_to_end(key)
                self.hits += 1
                return kept[1]
        built = build()
        with self.lock:
            self.misses += 1
            kept = self.entries.get(key)
            if kept is None or seq is None or kept[0] is None or kept[0] < seq:
                self.entries[key] = (seq, built)
                self.entries.move_to_end(key)
                while len(self.entries) > self.max_entries:
                    self.entries.popitem(last=False)
        return built


class Encoded(list):
    """A list sent with its JSON text made beforehand (``json``): a part of an answer that
    many sockets are sent alike is encoded once (samenspel/live/packets.py sends the text;
    in-process callers see the plain list)."""

    __slots__ = ("json",)

    def __init__(self, values, json: str):
        super().__init__(values)
        self.json = json
