"""Benchmark: library search over 1,000 entries, on SQLite (FTS5) and PostgreSQL (GIN).

    .venv/bin/python benchmarks/bench_library.py [--entries 1000] [-n 50] [--strict] [--no-postgres]

Budget (issue 14): a search answers in under 50 ms. Measured here: the store's ``search``
(one page of results, the total, in a read transaction) for a few kinds of query — one
common word, two words, a phrase, a word with a filter, a word that matches nothing, no
words with a filter — each run ``-n`` times; the median and the worst per kind, per
database. The entries are generated from a small vocabulary so common words match many.
PostgreSQL is used when it answers on 127.0.0.1:5432 (a fresh database, dropped after).

``--strict`` exits with status 1 when any median is over budget. The machine may be
shared: the load average is printed with the numbers.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from samenspel.engine.library.themes import THEMES  # noqa: E402
from samenspel.store import library  # noqa: E402
from samenspel.store.db import Database  # noqa: E402
from samenspel.store.migrate import upgrade  # noqa: E402

BUDGET_MS = 50
WORDS = (
    "moestuin kas buurthuis school speelplek zonnepanelen regentonnen groen bankje boom fiets bus ouderen"
    " jongeren buren koken oogst water dak straat plein park hek sleutel rooster markt wijk energie zorg"
).split()
TOWNS = ["Terneuzen", "Utrecht", "Goes", "Zwolle", "Tilburg", "Delft", "Assen", "Venlo", "Hoorn", "Emmen"]
QUERIES = {
    "one word": ("moestuin", {}),
    "two words": ("moestuin school", {}),
    "phrase": ('"samen koken"', {}),
    "word + filter": ("oogst", {"theme": "groen"}),
    "no match": ("fietsenstalling", {}),
    "filter only": ("", {"municipality": "Goes"}),
}


def fill(database: Database, count: int, seed: int = 14) -> None:
    rng = random.Random(seed)
    themes = list(THEMES)
    with database.unit_of_work() as db:
        for _ in range(count):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120)))
            library.add(
                db,
                {
                    "id": str(uuid.uuid4()),
                    "licence": "CC-BY-4.0",
                    "document": {"question": text[:80]},
                    "search_text": f"samen koken {text}" if rng.random() < 0.2 else text,
                    "theme": rng.choice(themes),
                    "municipality": rng.choice(TOWNS),
                    "game": "het-nieuwe-samenspel",
                    "year": rng.choice([2024, 2025, 2026]),
                    "status": rng.choice(["planned", "under_way", "done"]),
                },
            )


def measure(database: Database, runs: int) -> dict[str, tuple[float, float, int]]:
    out = {}
    for name, (q, filters) in QUERIES.items():
        times, total = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            with database.unit_of_work(write=False) as db:
                total = library.search(db, q, filters).total
            times.append((time.perf_counter() - start) * 1000)
        out[name] = (statistics.median(times), max(times), total)
    return out


def report(label: str, results: dict) -> bool:
    print(f"\n{label}")
    ok = True
    for name, (median, worst, total) in results.items():
        flag = "" if median < BUDGET_MS else "  OVER BUDGET"
        ok = ok and median < BUDGET_MS
        print(f"  {name:14s} median {median:6.2f} ms  worst {worst:6.2f} ms  ({total} found){flag}")
    return ok


def run(url: str, label: str, entries: int, runs: int) -> bool:
    database = Database(url)
    try:
        upgrade(database.engine)
        fill(database, entries)
        return report(f"{label}: {entries} entries, {runs} runs per query", measure(database, runs))
    finally:
        database.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; budget {BUDGET_MS} ms")
    with TemporaryDirectory() as folder:
        ok = run(f"sqlite:///{folder}/library.sqlite3", "SQLite (FTS5)", args.entries, args.n)
    if not args.no_postgres:
        from tests.support.databases import postgres_database, reachable

        if reachable(5432):
            with postgres_database() as url:
                ok = run(url, "PostgreSQL (GIN)", args.entries, args.n) and ok
        else:
            print("\nPostgreSQL: not running on 127.0.0.1:5432, skipped")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
