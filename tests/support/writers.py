"""Sessions driven through the use cases (samenspel/services) by many threads at once, on a
real database (SQLite file or PostgreSQL): for the one-writer-per-session tests and the
locking benchmark."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from samenspel.config import PROJECT_ROOT
from samenspel.engine.errors import Rejected
from samenspel.engine.views import FACILITATOR, PARTICIPANT
from samenspel.services import catalogue, create, people, play
from samenspel.services.context import Context
from samenspel.services.unit import ActorRef
from samenspel.store.db import Database
from samenspel.store.migrate import upgrade

GAME = "het-nieuwe-samenspel"
CONFIG = {"MAX_PARTICIPANTS": 200, "JOIN_ATTEMPTS_PER_WINDOW": 1000, "JOIN_WINDOW_SECONDS": 600}
GAMES = catalogue.load(PROJECT_ROOT / "game_rules")


def context(url: str, **pool) -> Context:
    database = Database(url, **pool)
    upgrade(database.engine)
    return Context(database, GAMES, CONFIG)


def cards_round(ctx: Context, players: int = 1) -> tuple[ActorRef, list[ActorRef]]:
    """A new session in its first cards round (``droom``: 3 cards each) with ``players``."""
    created = create.create(ctx, {"game": GAME, "title": "t", "question": "q"})
    refs = []
    for n in range(players):
        joined = people.join(ctx, created.code, {"name": f"P{n}", "role": "inwoner"}, "127.0.0.1")
        session_id = joined.session_id
        refs.append(ActorRef(session_id, PARTICIPANT, joined.ack["participant"]["id"]))
    facilitator = ActorRef(refs[0].session_id, FACILITATOR)
    for action in ("start", "next"):
        play.control(ctx, facilitator, {"action": action})
    return facilitator, refs


def at_once(calls: list, *, workers: int | None = None) -> list:
    """Run the calls in threads released together (the first ``workers`` of them; the rest
    follow as threads free up); each result is an Outcome or a Rejected."""
    workers = min(workers or len(calls), len(calls))
    barrier = threading.Barrier(workers)
    released = threading.Event()

    def run(call):
        if not released.is_set():
            barrier.wait()
            released.set()
        try:
            return call()
        except Rejected as rejected:
            return rejected

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, calls))
