"""A hall in one session at scale: N phones connect (the first P, up to the 200 seats a
session has, join over HTTP as players; the rest follow as viewers), then W players each
write one card at a fixed rate while the viewers and the projector receive each card (a
player's phone is sent only the player's own: docs/performance.md, "Fan-out").

Reports, per phase, the server's CPU-seconds (from /proc), its RSS per phone, the garbage
collector's collections and longest pause (benchmarks/gclog), and for the cards: p50/p95/p99
fan-out latency, ack latency, delivered/expected. The phones run in several generator
processes (one clock: ``time.monotonic`` is system-wide on Linux); each reports its CPU so a
saturated generator is visible. ``--profile DIR`` records each phase with py-spy (raw
collapsed stacks) and prints the top entries.

    .venv/bin/python benchmarks/bench_scale.py --phones 500 [--writers 40 --rate 10]
        [--mode gevent] [--procs 4] [--profile /tmp/prof]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.support.server import ServerProcess  # noqa: E402

GAME = "het-nieuwe-samenspel"
ROUND = "droom"  # the game's first cards round: start + next


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# --- the phones (one generator process) ---------------------------------------------------


def phones(url, code, first, count, players, writers, commands, results) -> None:
    try:
        asyncio.run(_phones(url, code, first, count, players, writers, commands, results))
    except BaseException as failed:
        results.put(("failed", repr(failed)))
        raise


async def _phones(url, code, first, count, players, writers, commands, results):
    import aiohttp
    import socketio

    received: dict[str, list[float]] = {}
    clients: dict[int, socketio.AsyncClient] = {}
    async with aiohttp.ClientSession() as http:

        async def one(n: int) -> None:
            if n >= players:  # a phone beyond the session's seats follows as a viewer
                return await connect(n, {"code": code})
            async with http.post(
                f"{url}/api/sessions/{code}/participants", json={"name": f"Telefoon{n}", "role": "inwoner"}
            ) as answer:
                joined = await answer.json()
            if "token" not in joined:
                raise RuntimeError(f"join refused: {joined}")
            await connect(n, {"code": code, "token": joined["token"]})

        async def connect(n: int, auth: dict) -> None:
            sio = socketio.AsyncClient(reconnection=False)

            @sio.on("item:added")
            async def on_item(data):
                received.setdefault(data["item"]["text"], []).append(time.monotonic())

            await sio.connect(url, auth=auth, transports=["websocket"], wait_timeout=60)
            clients[n] = sio

        for start in range(first, first + count, 25):
            await asyncio.gather(*(one(n) for n in range(start, min(first + count, start + 25))))
    results.put(("joined", first))
    t0 = await asyncio.get_running_loop().run_in_executor(None, commands.get)
    sent: dict[str, float] = {}
    acks: list[float] = []

    async def write(n: int, at: float) -> None:
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        text = f"kaart {n}"
        sent[text] = time.monotonic()
        try:
            answer = await clients[n].call(
                "card:add", {"round_id": ROUND, "text": text, "client_id": f"bench-{n:06d}"}, timeout=60
            )
        except Exception as failed:  # a phone the server (or a starved generator) dropped
            print(f"  card {n} not sent: {failed!r}", file=sys.stderr)
            return
        acks.append(time.monotonic() - sent[text])
        if not answer.get("ok"):
            print(f"  card {n} refused: {answer}", file=sys.stderr)

    await asyncio.gather(*(write(n, t0[n]) for n in sorted(writers)))
    await asyncio.sleep(t0["drain"])
    usage = resource.getrusage(resource.RUSAGE_SELF)
    results.put(("cards", first, sent, received, acks, usage.ru_utime + usage.ru_stime))
    await asyncio.gather(*(sio.disconnect() for sio in clients.values()), return_exceptions=True)


# --- the run ------------------------------------------------------------------------------


def gc_snapshot(server: ServerProcess, path: Path) -> dict:
    """The collector's figures since the last snapshot (benchmarks/gclog/sitecustomize.py)."""
    path.unlink(missing_ok=True)
    server.process.send_signal(signal.SIGUSR1)
    for _ in range(100):
        if path.exists() and path.stat().st_size:
            time.sleep(0.05)
            return json.loads(path.read_text())
        time.sleep(0.05)
    return {}


def gc_line(found: dict) -> str:
    stats = found.get("stats", {})
    parts = [f"gen{g}: {s['count']}× max {s['max_ms']:.1f} ms" for g, s in sorted(stats.items())]
    return ", ".join(parts) + f"  (threshold {found.get('threshold')}, frozen {found.get('frozen')})"


class Profiler:
    def __init__(self, folder: str | None, pid: int):
        self.folder, self.pid, self.process = folder and Path(folder), pid, None

    def start(self, phase: str) -> None:
        if not self.folder:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.out = self.folder / f"{phase}.txt"
        spy = Path(sys.executable).with_name("py-spy")
        self.process = subprocess.Popen(
            [
                str(spy),
                "record",
                "-p",
                str(self.pid),
                "-r",
                "200",
                "--format",
                "raw",
                "-o",
                str(self.out),
                "--nonblocking",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGINT)
        self.process.wait(30)
        self.process = None
        print(top_entries(self.out))


def top_entries(path: Path, count: int = 12) -> str:
    """The functions most often on the stack (inclusive) and on top of it (self), in % of
    samples, from py-spy's raw collapsed stacks; idle samples (the hub waiting) left out."""
    inclusive, own, total = Counter(), Counter(), 0
    for line in path.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        frames = stack.split(";")
        if not frames or "wait (" in frames[-1] or "select" in frames[-1] or "poll (" in frames[-1]:
            continue
        n = int(n)
        total += n
        own[frames[-1]] += n
        for frame in set(frames):
            inclusive[frame] += n
    ours = [(f, n) for f, n in inclusive.most_common(400) if "samenspel" in f or "sqlalchemy" in f]
    lines = [f"  busy samples: {total}", "  inclusive (samenspel/sqlalchemy frames):"]
    lines += [f"    {100 * n / total:5.1f}%  {f}" for f, n in ours[:count]]
    lines += ["  self:"] + [f"    {100 * n / total:5.1f}%  {f}" for f, n in own.most_common(count)]
    return "\n".join(lines)


def hall_sized_rules(folder: Path, players: int) -> Path:
    """The game as shipped, with room for ``players`` (it seats 80; rules allow 200)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "game_rules" / f"{GAME}.yaml").read_text()
    sized, found = re.subn(r"(?m)^(players:\n(?:  .*\n)*?  max: )\d+$", rf"\g<1>{players}", text, count=1)
    if not found:  # a silent miss once capped every hall at the game's own seats
        raise SystemExit(f"game_rules/{GAME}.yaml: no 'players: max:' to raise to {players}")
    (folder / f"{GAME}.yaml").write_text(sized)
    return folder


def open_budgets(sockets: int) -> dict:
    """The environment that lets one generator address stand for a hall: ``sockets``
    connections, the budgets per address and per session and the join attempts opened (the
    per-socket limit is kept), a long time to authenticate while thousands connect."""
    return {
        "SAMENSPEL_SOCKETS_PER_ADDRESS": str(sockets),
        "SAMENSPEL_ADDRESS_EVENTS_PER_SECOND": "100000",
        "SAMENSPEL_ADDRESS_EVENT_BURST": "100000",
        "SAMENSPEL_SESSION_EVENTS_PER_SECOND": "100000",
        "SAMENSPEL_SESSION_EVENT_BURST": "100000",
        "SAMENSPEL_JOIN_ATTEMPTS": "100000",
        "SAMENSPEL_AUTH_TIMEOUT": "300",
    }


def run(args) -> dict:
    instance = Path(tempfile.mkdtemp())
    gc_log = instance / "gc.json"
    env = {
        "SAMENSPEL_GAME_RULES": str(hall_sized_rules(instance / "rules", args.players)),
        "PYTHONPATH": str(ROOT / "benchmarks" / "gclog"),
        "SAMENSPEL_GC_LOG": str(gc_log),
        "SAMENSPEL_MAX_PARTICIPANTS": str(args.players),
        **open_budgets(args.phones * 2 + 50),
        **({"SAMENSPEL_DATABASE_URL": args.database} if args.database else {}),
    }
    source = Path(args.source).resolve() if args.source else ROOT  # `python -m samenspel` from there
    server = ServerProcess(instance, async_mode=args.mode, env=env, cwd=source).start(timeout=120)
    pid = server.process.pid
    profiler = Profiler(args.profile, pid)
    try:
        created = server.api(
            "POST", "/api/sessions", json={"game": GAME, "title": "Bench", "question": "Hoe snel?"}
        ).json()
        code, key = created["code"], created["facilitator_url"].split("key=")[1]
        import socketio

        console = socketio.Client(reconnection=False)
        console.connect(server.url, auth={"code": code, "key": key}, transports=["websocket"])
        console.call("control", {"action": "start"})
        console.call("control", {"action": "next"})
        projector_times: dict[str, float] = {}
        projector = socketio.Client(reconnection=False)
        projector.on("item:added", lambda data: projector_times.setdefault(data["item"]["text"], time.monotonic()))
        projector.connect(server.url, auth={"code": code}, transports=["websocket"])
        rss_before = rss_kb(pid)
        gc_snapshot(server, gc_log)

        # phase 1: join over HTTP and connect
        per = -(-args.phones // args.procs)
        writers = set(range(0, args.players, max(1, args.players // args.writers))[: args.writers])
        commands = [multiprocessing.Queue() for _ in range(args.procs)]
        results = multiprocessing.Queue()
        profiler.start("join")
        cpu0, wall0 = cpu_seconds(pid), time.monotonic()
        procs = []
        for p in range(args.procs):
            first, count = p * per, min(per, args.phones - p * per)
            mine = {n for n in writers if first <= n < first + count}
            proc = multiprocessing.Process(
                target=phones, args=(server.url, code, first, count, args.players, mine, commands[p], results)
            )
            proc.start()
            procs.append(proc)
        for _ in procs:
            if (answer := results.get(timeout=900))[0] == "failed":
                raise RuntimeError(f"a generator failed: {answer[1]}")
        join = {
            "wall_s": time.monotonic() - wall0,
            "cpu_s": cpu_seconds(pid) - cpu0,
            "gc": gc_snapshot(server, gc_log),
        }
        profiler.stop()
        join["rss_per_phone_kb"] = (rss_kb(pid) - rss_before) / args.phones
        print(
            f"join {args.phones} phones: {join['wall_s']:.1f} s wall, server {join['cpu_s']:.2f} CPU-s, "
            f"RSS +{join['rss_per_phone_kb']:.0f} KB/phone; gc {gc_line(join['gc'])}"
        )

        # phase 2: the writers' cards at a fixed rate
        time.sleep(1)
        profiler.start("cards")
        start = time.monotonic() + 1
        schedule = {n: start + i / args.rate for i, n in enumerate(sorted(writers))}
        drain = 3.0
        cpu0 = cpu_seconds(pid)
        for queue in commands:
            queue.put({**schedule, "drain": drain})
        sent, received, acks, generator_cpu = {}, {}, [], []
        for _ in procs:
            _tag, _first, s, r, a, cpu = results.get(timeout=600)
            sent.update(s)
            acks += a
            generator_cpu.append(cpu)
            for text, times in r.items():
                received.setdefault(text, []).extend(times)
        cards = {"cpu_s": cpu_seconds(pid) - cpu0, "gc": gc_snapshot(server, gc_log)}
        profiler.stop()
        latencies = [(t - sent[text]) * 1000 for text, times in received.items() if text in sent for t in times]
        latencies += [(t - sent[text]) * 1000 for text, t in projector_times.items() if text in sent]
        # the viewers and the projector: a cards round shows a player's phone only the player's
        # own cards, so no other player's reaches it (a --source from before 2026-12-01 sent
        # every phone each card: delivered then exceeds this)
        expected = len(sent) * (args.phones - args.players + 1)
        cards.update(
            p50=statistics.median(latencies) if latencies else float("nan"),
            p95=percentile(latencies, 0.95),
            p99=percentile(latencies, 0.99),
            ack_p50=statistics.median(acks) * 1000 if acks else float("nan"),
            ack_p99=percentile(acks, 0.99) * 1000,
            delivered=len(latencies),
            expected=expected,
            generator_cpu=generator_cpu,
        )
        print(
            f"cards {len(sent)} at {args.rate}/s to {args.phones}+1: p50 {cards['p50']:.1f}  p95 {cards['p95']:.1f}  "
            f"p99 {cards['p99']:.1f} ms; ack p50 {cards['ack_p50']:.1f} p99 {cards['ack_p99']:.1f} ms; "
            f"delivered {cards['delivered']}/{expected}; server {cards['cpu_s']:.2f} CPU-s; "
            f"generators {', '.join(f'{c:.1f}' for c in generator_cpu)} CPU-s; gc {gc_line(cards['gc'])}"
        )
        for proc in procs:
            proc.join(30)
        projector.disconnect()
        console.disconnect()
        return {"join": join, "cards": cards}
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--players", type=int, default=200, help="phones that join as players (rules: ≤ 200)")
    parser.add_argument("--writers", type=int, default=40)
    parser.add_argument("--rate", type=float, default=10, help="cards per second")
    parser.add_argument("--mode", default="gevent")
    parser.add_argument("--procs", type=int, default=4, help="generator processes")
    parser.add_argument("--database", help="SQLAlchemy URL (default: SQLite in a temporary folder)")
    parser.add_argument("--profile", help="folder for py-spy recordings per phase")
    parser.add_argument("--source", help="a checkout whose samenspel to serve (e.g. a worktree of main: before/after)")
    args = parser.parse_args()
    args.players = min(args.players, args.phones)
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}")
    run(args)
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
