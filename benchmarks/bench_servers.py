"""The servers ``benchmarks/run`` measures, each started fresh per scenario: the app
(``samenspel serve``, gevent or eventlet, SQLite or PostgreSQL, this checkout or ``--source``),
the Flask floor (``benchmarks/floor_flask.py``) and the Node floor
(``benchmarks/node/floor.js``), or one already running (``--target URL``). For the local ones
the server's CPU-seconds and RSS come from /proc, and the Python ones report the garbage
collector's collections and longest pause (``benchmarks/gclog``)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from bench_scale import GAME, ROUND, cpu_seconds, gc_snapshot, hall_sized_rules, open_budgets, rss_kb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from deploy.cluster import Cluster  # noqa: E402
from tests.support.databases import REDIS_URL, postgres_database  # noqa: E402
from tests.support.server import ServerProcess  # noqa: E402

#: a session seats at most this many players (the rules schema); more phones follow as viewers
SEATS = 200
#: cards one player may write in the benchmark's cards round (the shipped game allows 3): a
#: 2,000-card session from 100 players
CARDS_PER_PLAYER = 20


def bench_rules(folder: Path) -> Path:
    """The game as shipped, with every seat the rules allow and room for many cards a player."""
    hall_sized_rules(folder, SEATS)
    path = folder / f"{GAME}.yaml"
    text = path.read_text()
    round_at = text.find(f"\n  - id: {ROUND}\n")
    limit = re.compile(r"\n(\s+)max_per_player: \d+\n")
    found = limit.search(text, round_at) if round_at >= 0 else None
    if found is None or text.find("\n  - id: ", round_at + 1) < found.start():
        raise RuntimeError(f"benchmarks: no max_per_player in round {ROUND} of {GAME} (bench_servers.bench_rules)")
    widened = f"\n{found.group(1)}max_per_player: {CARDS_PER_PLAYER}\n"
    path.write_text(text[: found.start()] + widened + text[found.end() :])
    return folder


def bench_env(instance: Path, phones: int) -> dict:
    """What the app needs to take a hall from one address (bench_scale.open_budgets)."""
    return {
        "SAMENSPEL_GAME_RULES": str(bench_rules(instance / "rules")),
        "SAMENSPEL_MAX_PARTICIPANTS": str(SEATS),
        **open_budgets(phones * 2 + 100),
    }


class Server:
    """One target of one scenario: ``with Server(...) as server`` starts and stops it."""

    def __init__(self, name: str, *, mode="gevent", db="sqlite", source=None, url=None, processes: int = 0):
        """``processes``: 0 serves directly, N puts nginx in front of N app processes on
        PostgreSQL and Redis (deploy/cluster.py)."""
        self.name, self.mode, self.db, self.source, self.remote = name, mode, db, source, url
        self.processes = processes
        self.kind = "floor" if name.startswith("floor") else "app"
        self.process: ServerProcess | None = None
        self.cluster: Cluster | None = None
        self.stack = contextlib.ExitStack()

    def start(self, phones: int) -> "Server":
        if self.remote:
            return self
        instance = Path(tempfile.mkdtemp(prefix="samenspel-bench-"))
        self.stack.callback(shutil.rmtree, instance, ignore_errors=True)
        self.gc_log = instance / "gc.json"
        env = {"PYTHONPATH": str(ROOT / "benchmarks" / "gclog"), "SAMENSPEL_GC_LOG": str(self.gc_log)}
        program, cwd = None, ROOT
        if self.name == "floor-flask":
            program = [sys.executable, str(ROOT / "benchmarks" / "floor_flask.py")]
        elif self.name == "floor-node":
            program = ["node", str(ROOT / "benchmarks" / "node" / "floor.js")]
        else:
            env.update(bench_env(instance, phones))
            if self.db == "postgres" or self.processes:
                env["SAMENSPEL_DATABASE_URL"] = self.stack.enter_context(postgres_database())
            cwd = Path(self.source).resolve() if self.source else ROOT  # `python -m samenspel` from there
        if self.processes:
            env["SAMENSPEL_GC_LOG"] = str(instance / "gc-{pid}.json")
            database = env.pop("SAMENSPEL_DATABASE_URL")
            self.cluster = Cluster(
                instance / "cluster",
                processes=self.processes,
                database_url=database,
                redis_url=REDIS_URL,
                env=env,
                async_mode=self.mode,
                cwd=cwd,
            )
            self.cluster.start()
            self.stack.callback(self.cluster.stop)
            return self
        self.process = ServerProcess(instance, async_mode=self.mode, env=env, program=program, cwd=cwd)
        self.process.start(timeout=120)
        self.stack.callback(self.process.stop)
        return self

    def stop(self) -> None:
        self.stack.close()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return self.remote or (self.cluster.url if self.cluster else self.process.url)

    def servers(self) -> list:
        """The app processes (``.process`` a Popen): one, the cluster's, or none (remote)."""
        if self.remote:
            return []
        return self.cluster.apps if self.cluster else [self.process]

    def cpu(self) -> float | None:
        """CPU-seconds of all the server's processes (nginx not counted)."""
        pids = [server.process.pid for server in self.servers()]
        return sum(cpu_seconds(pid) for pid in pids) if pids else None

    def rss_kb(self) -> int | None:
        pids = [server.process.pid for server in self.servers()]
        return sum(rss_kb(pid) for pid in pids) if pids else None

    def gc(self) -> dict | None:
        """The collector since the last call: per generation count and longest pause (ms),
        over all the server's processes."""
        if self.remote or self.name == "floor-node":
            return None
        found: dict = {}
        for server in self.servers():
            path = (
                Path(str(self.gc_log).replace("gc.json", f"gc-{server.process.pid}.json"))
                if self.cluster
                else self.gc_log
            )
            for g, s in gc_snapshot(server, path).get("stats", {}).items():
                mine = found.setdefault(g, {"count": 0, "max_ms": 0.0})
                mine.update(count=mine["count"] + s["count"], max_ms=max(mine["max_ms"], round(s["max_ms"], 1)))
        return found


def print_env(phones: int) -> None:
    """The environment to start a server for ``--target`` with (as the benchmark starts the app)."""
    folder = Path(tempfile.mkdtemp(prefix="samenspel-bench-rules-"))
    for name, value in bench_env(folder, phones).items():
        print(f"export {name}={value}")
    print(f"# then: {os.path.relpath(sys.executable)} -m samenspel serve  (rules copied to {folder}/rules)")
