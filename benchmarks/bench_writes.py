"""Writes as fast as a phone may send them: N phones in one session (SQLite and PostgreSQL),
each writing cards and then editing them, one input on its way at a time (as a phone's
outbox sends, static/js/outbox.js) and no faster than the per-socket budget lets it (the
rate and burst read from the server's own configuration, samenspel/config.py, with the same
environment the server gets). The address and session budgets are lifted: all phones come
from 127.0.0.1, and one session's shared budget (150/s by default) would otherwise be the
only thing measured.

Reports per database: acknowledged writes per second, ack p50/p95/p99, refusals (``busy``:
rate_limited or server_busy; other errors by code), broadcasts the phones received, the
server's CPU-seconds (from /proc) and each generator's, and with ``--profile DIR`` the top
entries of a py-spy recording of the server during the writes.

The phones are bare Engine.IO/Socket.IO clients over aiohttp WebSockets (several generator
processes): a broadcast is counted, not decoded, so the generators stay light next to the
server on a small machine. ``main(argv)`` prints a summary and, with ``--json FILE`` (``-``
for stdout), the figures as JSON.

    .venv/bin/python benchmarks/bench_writes.py [--phones 100] [--seconds 20]
        [--databases sqlite,postgresql] [--procs 4] [--profile /tmp/prof] [--json -]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.bench_scale import GAME, ROUND, Profiler, cpu_seconds, open_budgets, percentile  # noqa: E402
from tests.support.server import ServerProcess  # noqa: E402

CARDS = 3  # the round's max_per_player: after these, a phone edits its own cards


# --- one phone: a bare Socket.IO client -------------------------------------------------


class Phone:
    """One socket: sends an event and waits for its ack; counts everything else."""

    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.waiting: dict[int, asyncio.Future] = {}
        self.broadcasts = 0

    @classmethod
    async def connect(cls, http, url: str, auth: dict) -> "Phone":
        ws = await http.ws_connect(f"{url}/socket.io/?EIO=4&transport=websocket", max_msg_size=0)
        opened = await ws.receive_str()
        if not opened.startswith("0"):
            raise RuntimeError(f"no Engine.IO open: {opened[:80]}")
        await ws.send_str("40" + json.dumps(auth))
        phone = cls(ws)
        while not (connected := await ws.receive_str()).startswith("40"):  # the snapshot may come first
            if connected.startswith("44"):
                raise RuntimeError(f"refused: {connected[:200]}")
        phone.reader = asyncio.create_task(phone.read())
        return phone

    async def read(self) -> None:
        async for message in self.ws:
            data = message.data
            if not isinstance(data, str):
                continue
            if data == "2":
                await self.ws.send_str("3")
            elif data.startswith("43"):  # an ack: 43<id>[body]
                bracket = data.index("[")
                future = self.waiting.pop(int(data[2:bracket]), None)
                if future is not None and not future.done():
                    future.set_result(json.loads(data[bracket:])[0])
            elif data.startswith("42"):
                self.broadcasts += 1

    async def call(self, event: str, payload: dict, timeout: float = 60) -> dict:
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.waiting[self.next_id] = future
        await self.ws.send_str(f"42{self.next_id}" + json.dumps([event, payload]))
        return await asyncio.wait_for(future, timeout)


class Bucket:
    """The client's copy of the server's per-socket budget: send only with a token."""

    def __init__(self, rate: float, burst: float):
        self.rate, self.burst, self.tokens, self.last = rate, burst, burst, time.monotonic()

    async def take(self) -> None:
        while True:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
            self.last = now
            if self.tokens >= 1:
                self.tokens -= 1
                return
            await asyncio.sleep((1 - self.tokens) / self.rate)


# --- one generator process --------------------------------------------------------------


def generator(url, code, names, budget, commands, results) -> None:
    try:
        asyncio.run(_generator(url, code, names, budget, commands, results))
    except BaseException as failed:
        results.put(("failed", repr(failed)))
        raise


async def _generator(url, code, names, budget, commands, results):
    import aiohttp

    async with aiohttp.ClientSession() as http:
        phones: dict[int, Phone] = {}

        async def join(n: int) -> None:
            async with http.post(
                f"{url}/api/sessions/{code}/participants", json={"name": f"Schrijver{n}", "role": "inwoner"}
            ) as answer:
                joined = await answer.json()
            if "token" not in joined:
                raise RuntimeError(f"join refused: {joined}")
            phones[n] = await Phone.connect(http, url, {"code": code, "token": joined["token"]})

        for start in range(0, len(names), 20):
            await asyncio.gather(*(join(n) for n in names[start : start + 20]))
        results.put(("joined", len(phones)))
        until = await asyncio.get_running_loop().run_in_executor(None, commands.get)
        acks: list[float] = []
        refused: Counter = Counter()

        async def write(n: int, phone: Phone) -> None:
            bucket, cards, k = Bucket(*budget), [], 0
            while time.monotonic() < until:
                await bucket.take()
                k += 1
                if len(cards) < CARDS:
                    event, payload = "card:add", {"round_id": ROUND, "text": f"{n}-{k}", "client_id": f"w{n}-{k:06d}"}
                else:
                    event, payload = "card:edit", {"id": cards[k % CARDS], "text": f"{n} bewerkt {k}"}
                sent = time.monotonic()
                try:
                    answer = await phone.call(event, payload)
                except Exception as failed:
                    refused[f"no answer: {type(failed).__name__}"] += 1
                    continue
                if answer.get("ok"):
                    acks.append(time.monotonic() - sent)
                    if event == "card:add":
                        cards.append(answer["item"]["id"])
                    continue
                error = answer.get("error", {})
                refused[error.get("code", "?")] += 1
                if error.get("retry_ms"):
                    await asyncio.sleep(error["retry_ms"] / 1000)

        await asyncio.gather(*(write(n, phone) for n, phone in phones.items()))
        usage = resource.getrusage(resource.RUSAGE_SELF)
        broadcasts = sum(p.broadcasts for p in phones.values())
        results.put(("done", acks, dict(refused), broadcasts, usage.ru_utime + usage.ru_stime))
        for phone in phones.values():
            await phone.ws.close()


# --- the run ----------------------------------------------------------------------------


def hall_rules(source: Path, folder: Path, players: int) -> Path:
    """The game as the served checkout ships it (an older one may not take today's file),
    with room for exactly ``players``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (source / "game_rules" / f"{GAME}.yaml").read_text()
    seats = re.sub(r"(\nplayers:\n(?:  .*\n)*?  max: )\d+", rf"\g<1>{max(players, 4)}", text, count=1)
    (folder / f"{GAME}.yaml").write_text(seats)
    return folder


def server_env(source: Path, instance: Path, phones: int, database: str | None) -> dict:
    return {
        "SAMENSPEL_GAME_RULES": str(hall_rules(source, instance / "rules", phones)),
        "SAMENSPEL_MAX_PARTICIPANTS": str(max(phones, 1)),
        **open_budgets(phones * 2 + 50),  # the per-socket budget stays the server's own
        **({"SAMENSPEL_DATABASE_URL": database} if database else {}),
    }


def socket_budget(env: dict) -> tuple[float, float]:
    """The per-socket rate and burst the server runs with: its own configuration, read with
    the environment it gets."""
    from samenspel.config import load_settings

    settings = load_settings(environ={**os.environ, **env})
    return settings["SOCKET_EVENTS_PER_SECOND"], settings["SOCKET_EVENT_BURST"]


@contextlib.contextmanager
def database_url(kind: str, synchronous_commit: str | None = None):
    if kind == "sqlite":
        yield None  # the server's default: an SQLite file in its instance folder
    else:
        import psycopg

        from tests.support.databases import PG_ADMIN, postgres_database

        with postgres_database() as url:
            if synchronous_commit:  # an experiment: what the commit's flush to disk costs
                with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                    name = url.rsplit("/", 1)[1]
                    admin.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = {synchronous_commit}')
            yield url


def run_one(kind: str, args) -> dict:
    with database_url(kind, args.pg_synchronous_commit) as url:
        instance = Path(tempfile.mkdtemp(prefix="bench-writes-"))
        source = Path(args.source).resolve() if args.source else ROOT
        env = server_env(source, instance, args.phones, url)
        budget = socket_budget(env)
        server = ServerProcess(instance, async_mode=args.mode, env=env, cwd=source).start(timeout=120)
        pid = server.process.pid
        try:
            created = server.api(
                "POST", "/api/sessions", json={"game": GAME, "title": "Schrijven", "question": "Hoe snel?"}
            ).json()
            if "code" not in created:
                raise RuntimeError(f"no session: {created}")
            code, key = created["code"], created["facilitator_url"].split("key=")[1]
            import socketio

            console = socketio.Client(reconnection=False)
            console.connect(server.url, auth={"code": code, "key": key}, transports=["websocket"])
            for action in ("start", "next"):
                console.call("control", {"action": action})
            names = list(range(args.phones))
            commands = [multiprocessing.Queue() for _ in range(args.procs)]
            results = multiprocessing.Queue()
            procs = [
                multiprocessing.Process(
                    target=generator, args=(server.url, code, names[p :: args.procs], budget, commands[p], results)
                )
                for p in range(args.procs)
            ]
            for proc in procs:
                proc.start()
            for _ in procs:
                if (answer := results.get(timeout=600))[0] == "failed":
                    raise RuntimeError(f"a generator failed: {answer[1]}")
            time.sleep(1)
            profiler = Profiler(args.profile and str(Path(args.profile) / kind), pid)
            profiler.start("writes")
            cpu0, wall0 = cpu_seconds(pid), time.monotonic()
            for queue in commands:
                queue.put(time.monotonic() + args.seconds)
            acks, refused, broadcasts, generator_cpu = [], Counter(), 0, []
            for _ in procs:
                answer = results.get(timeout=args.seconds + 300)
                if answer[0] == "failed":
                    raise RuntimeError(f"a generator failed: {answer[1]}")
                _tag, a, r, b, cpu = answer
                acks += a
                refused.update(r)
                broadcasts += b
                generator_cpu.append(round(cpu, 2))
            wall, cpu = time.monotonic() - wall0, cpu_seconds(pid) - cpu0
            profiler.stop()
            for proc in procs:
                proc.join(30)
            console.disconnect()
        finally:
            server.stop()
    busy = refused.pop("rate_limited", 0) + refused.pop("server_busy", 0)
    ms = [a * 1000 for a in acks]
    return {
        "database": kind
        + (f" (synchronous_commit={args.pg_synchronous_commit})" if url and args.pg_synchronous_commit else ""),
        "phones": args.phones,
        "budget": {"rate": budget[0], "burst": budget[1]},
        "seconds": round(wall, 2),
        "acks": len(acks),
        "acks_per_s": round(len(acks) / wall, 1),
        "ack_ms": {
            "p50": round(statistics.median(ms), 1) if ms else None,
            "p95": round(percentile(ms, 0.95), 1),
            "p99": round(percentile(ms, 0.99), 1),
            "max": round(max(ms), 1) if ms else None,
        },
        "busy": busy,
        "errors": dict(refused),
        "broadcasts_received": broadcasts,
        "server_cpu_s": round(cpu, 2),
        "server_cpu_ms_per_ack": round(1000 * cpu / len(acks), 2) if acks else None,
        "generator_cpu_s": generator_cpu,
    }


def summary(result: dict) -> str:
    a = result["ack_ms"]
    return (
        f"{result['database']}: {result['phones']} phones at ≤ {result['budget']['rate']:g}/s each: "
        f"{result['acks_per_s']} acks/s ({result['acks']} in {result['seconds']} s); ack p50 {a['p50']} "
        f"p95 {a['p95']} p99 {a['p99']} max {a['max']} ms; busy {result['busy']}, errors {result['errors']}; "
        f"broadcasts received {result['broadcasts_received']}; server {result['server_cpu_s']} CPU-s "
        f"({result['server_cpu_ms_per_ack']} ms/ack); generators {result['generator_cpu_s']} CPU-s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20, help="how long the phones write")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--mode", default="gevent")
    parser.add_argument("--procs", type=int, default=4, help="generator processes")
    parser.add_argument("--profile", help="folder for py-spy recordings of the server")
    parser.add_argument("--source", help="a checkout whose samenspel to serve (e.g. a worktree of main: before/after)")
    parser.add_argument(
        "--pg-synchronous-commit", choices=["on", "off"], help="an experiment: PostgreSQL's synchronous_commit"
    )
    parser.add_argument("--json", help="write the figures as JSON to this file ('-': stdout)")
    args = parser.parse_args(argv)
    load = os.getloadavg()
    figures = {"load_before": [round(x, 2) for x in load], "runs": []}
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", file=sys.stderr)
    for kind in args.databases.split(","):
        result = run_one(kind.strip(), args)
        figures["runs"].append(result)
        print(summary(result), file=sys.stderr)
    figures["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(f"load average {' '.join(map(str, figures['load_after']))}", file=sys.stderr)
    if args.json == "-":
        print(json.dumps(figures, indent=2))
    elif args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
