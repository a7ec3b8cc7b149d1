"""One writer per session: SELECT … FOR UPDATE on the session row (what the app does) against
SERIALIZABLE with a bounded retry, on PostgreSQL, under concurrent writers.

Each writer is a thread that edits its own card through the real use case
(services.play.act, ``card:edit``) as fast as it can: one transaction per edit, the state
loaded once, the sequence number taken, the log written. "hot": every writer in one session
(a hall typing at once); "spread": the writers spread over 8 sessions. Prints edits per
second, latency p50/p99 and, for SERIALIZABLE, how many attempts were aborted and retried.

    .venv/bin/python benchmarks/bench_locking.py [--url postgresql+psycopg://postgres@127.0.0.1/postgres]
                                                 [--writers 2 8 16] [--seconds 4]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.exc import OperationalError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samenspel.services import play, unit  # noqa: E402
from samenspel.store import db as store_db  # noqa: E402
from samenspel.store.models import GameSession  # noqa: E402
from tests.support.writers import cards_round, context  # noqa: E402

MAX_ATTEMPTS = 10


@contextmanager
def serializable(ctx):
    """The app's write path, but SERIALIZABLE instead of the row lock."""
    original_lock = unit.lock_session
    original_maker = ctx.database.sessionmaker
    unit.lock_session = lambda db, session_id: db.get(GameSession, session_id)
    ctx.database.sessionmaker = store_db.sessionmaker(
        ctx.database.engine.execution_options(isolation_level="SERIALIZABLE"), expire_on_commit=False
    )
    try:
        yield
    finally:
        unit.lock_session = original_lock
        ctx.database.sessionmaker = original_maker


def is_serialization_failure(error: Exception) -> bool:
    return isinstance(error, OperationalError) and getattr(error.orig, "sqlstate", None) in ("40001", "40P01")


def run(ctx, writers: int, sessions: int, seconds: float, retry: bool) -> dict:
    rounds = [cards_round(ctx, players=-(-writers // sessions)) for _ in range(sessions)]
    players = [p for _f, refs in rounds for p in refs][:writers]
    cards = []
    for n, player in enumerate(players):
        ack = play.act(
            ctx, player, "card:add", {"round_id": "droom", "text": "start", "client_id": f"bench-{n:06d}"}
        ).ack
        cards.append(ack["item"]["id"])
    latencies, retries, failures = [], [0], [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    barrier = threading.Barrier(writers)

    def writer(player, card_id):
        barrier.wait()
        n = 0
        while time.monotonic() < stop:
            n += 1
            started = time.perf_counter()
            for attempt in range(MAX_ATTEMPTS):
                try:
                    play.act(ctx, player, "card:edit", {"id": card_id, "text": f"tekst {n}"})
                    break
                except Exception as error:  # noqa: BLE001  (counted, then retried or given up)
                    if not (retry and is_serialization_failure(error)) or attempt == MAX_ATTEMPTS - 1:
                        with lock:
                            failures[0] += 1
                        break
                    with lock:
                        retries[0] += 1
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=writer, args=(p, c)) for p, c in zip(players, cards)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return {
        "per_second": len(latencies) / elapsed,
        "p50": statistics.median(latencies),
        "p99": latencies[int(len(latencies) * 0.99) - 1],
        "retries": retries[0],
        "failures": failures[0],
        "edits": len(latencies),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="an administrative PostgreSQL URL; a scratch database is created and dropped",
    )
    parser.add_argument("--writers", type=int, nargs="+", default=[2, 8, 16])
    parser.add_argument("--seconds", type=float, default=4)
    args = parser.parse_args()
    name = f"bench_locking_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = args.url.replace("postgresql://", "postgresql+psycopg://").rsplit("/", 1)[0] + f"/{name}"
    try:
        ctx = context(url, pool_size=40, max_overflow=10)
        print(
            f"{'writers':>7} {'sessions':>8} {'strategy':<22} {'edits/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'retries':>8} {'failed':>6}"
        )
        for writers in args.writers:
            for sessions in (1, 8):
                if sessions > writers:
                    continue
                locked = run(ctx, writers, sessions, args.seconds, retry=False)
                with serializable(ctx):
                    retried = run(ctx, writers, sessions, args.seconds, retry=True)
                for label, result in (("FOR UPDATE", locked), ("SERIALIZABLE + retry", retried)):
                    print(
                        f"{writers:>7} {sessions:>8} {label:<22} {result['per_second']:>8.0f} {result['p50']:>7.1f} "
                        f"{result['p99']:>7.1f} {result['retries']:>8} {result['failures']:>6}"
                    )
                print(
                    f"{'':>17} ratio edits/s FOR UPDATE ÷ SERIALIZABLE: "
                    f"{locked['per_second'] / max(retried['per_second'], 1e-9):.2f}; "
                    f"p99 SERIALIZABLE ÷ FOR UPDATE: {retried['p99'] / max(locked['p99'], 1e-9):.2f}"
                )
        ctx.database.dispose()
    finally:
        with psycopg.connect(args.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
