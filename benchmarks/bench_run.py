"""``benchmarks/run``: the scenarios of issue 11 against the app under gevent and eventlet
and, in the same run, against two floors — a bare Flask-SocketIO re-broadcast server
(benchmarks/floor_flask.py) and the reference Node socket.io server (benchmarks/node/floor.js)
— with one load generator for all (Node socket.io-client, several processes: bench_generator.py).
Prints a table per scenario with every figure, each app figure as a ratio to both floors, and
writes the figures as JSON (benchmarks/results/, not committed). See the README, "Benchmark".
A scenario where a target lost receipts, refused a write or a join, or dropped a phone ends
with a WARNING line per target (and the JSON's ``warnings``): such figures are not like for
like with the floors'.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import traceback
from pathlib import Path

from bench_scenarios import KINDS, Plan
from bench_servers import Server, print_env
from bench_tables import tables

ROOT = Path(__file__).resolve().parents[1]

#: name -> (full size, --quick size)
SCENARIOS = {
    "hall-40": (Plan("hall", 40), Plan("hall", 10)),
    # p99 of 200 steps at 500 phones moved 0.66-2.14x the floor within an hour on one machine
    # (docs/performance.md): the app and the floors in three alternated rounds, medians compared
    "hall-500": (Plan("hall", 500, rounds=3, floor_rounds=True), Plan("hall", 40)),
    "hall-1000": (Plan("hall", 1000), Plan("hall", 60)),
    "sessions-20x50": (Plan("hall", 1000, sessions=20), Plan("hall", 40, sessions=4)),
    "writes-sqlite": (Plan("writes", 100), Plan("writes", 20, seconds=3)),
    "writes-postgres": (Plan("writes", 100, db="postgres"), Plan("writes", 20, seconds=3, db="postgres")),
    "snapshot-2000": (Plan("snapshot", 0), Plan("snapshot", 0, cards=200, joiners=5)),
    # one process and two alternated three times: a p99 of 200 steps on two shared cores is
    # set by a handful of slow steps, and one run of each differed 0.13-1.9x (docs/performance.md)
    "nginx-500": (
        Plan("hall", 500, db="postgres", cluster=True, rounds=3),
        Plan("hall", 40, db="postgres", cluster=True, rounds=2),
    ),
    # 200 phones at 25 tables writing at once, beside the same hall on one wall (bench_tables.py)
    "tables-200": (Plan("tables", 200, rate=200.0, tables=25), Plan("tables", 40, rate=40.0, tables=5)),
}
KINDS = {**KINDS, "tables": tables}
FLOORS = ("floor-flask", "floor-node")
#: figures compared with the floors (lower is better, except acks_per_s)
RATIOS = (
    "p50 p95 p99 worst_session_p99 ack_p50 ack_p99 join_cpu_s join_wall_s rss_per_phone_kb rss_marginal_kb "
    "cards_cpu_s cpu_s acks_per_s server_ms_per_joiner snapshot_ms_p50 snapshot_kb at_once_p50 at_once_p99"
).split()


def options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="benchmarks/run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a few minutes in all")
    parser.add_argument("--scenario", action="append", choices=list(SCENARIOS), help="only these (repeatable)")
    parser.add_argument("--phones", type=int, help="phones (hall, sessions: all of them; writes: the writers)")
    parser.add_argument("--db", choices=["sqlite", "postgres"], help="the app's database in every scenario")
    parser.add_argument("--worker", action="append", choices=["gevent", "eventlet"], help="the app's async mode(s)")
    parser.add_argument("--source", help="serve the app from another checkout (before/after)")
    parser.add_argument("--target", help="an already running app instead of starting one (see --print-env)")
    parser.add_argument("--no-floors", action="store_true", help="skip the floors (no ratios)")
    parser.add_argument("--procs", type=int, help="generator processes (default: one per 250 phones, 2 to 4)")
    parser.add_argument("--json", help="where to write the figures (default benchmarks/results/<time>.json)")
    parser.add_argument("--print-env", action="store_true", help="the environment for a --target server, then exit")
    return parser.parse_args(argv)


def targets(args, plan: Plan) -> list[Server]:
    if args.target:
        apps = [Server("target", url=args.target.rstrip("/"))]
    elif plan.cluster:  # as deployed (gevent unless asked): nginx in front of one process, then two
        modes = args.worker or ("gevent",)
        apps = [
            Server(f"nginx{n}-{mode}", mode=mode, source=args.source, processes=n) for mode in modes for n in (1, 2)
        ]
    else:
        apps = [Server(f"app-{mode}", mode=mode, source=args.source) for mode in args.worker or ("gevent", "eventlet")]
    return apps + ([] if args.no_floors else [Server(name) for name in FLOORS])


def schedule(servers: list[Server], rounds: int, floor_rounds: bool = False) -> list[Server]:
    """The apps ``rounds`` times, alternated (one process, two, one, two, …), then the floors
    once; with ``floor_rounds`` every target in every round (app, app, floor, floor, app, …)."""
    if floor_rounds:
        return servers * rounds
    apps = [server for server in servers if server.kind == "app"]
    return apps * rounds + [server for server in servers if server.kind != "app"]


#: counts that must be zero for a clean run (also with the prefix ``table_``: the tables
#: scenario's second hall)
FAILURES = ("join_refused", "connect_failed", "lost_phones", "snapshot_failed")


#: figures of a target run in several rounds that come from its worst round, so a loss or a
#: refusal in any round shows (and stays comparable with a floor's one round)
COUNTS = ("delivered", "expected", "lost", "to_players", "written", "acked", "refused") + FAILURES
#: figures whose every round is listed too (``p99_rounds``)
LISTED = ("p50", "p99", "ack_p99")


def trouble(run: dict) -> int:
    """How much went wrong in one round: receipts missing, writes refused, joins refused,
    connects failed, phones dropped."""
    missing = (run.get("expected") or 0) - (run.get("delivered") or 0)
    refused = sum((run.get("refused") or {}).values())
    return abs(missing) + refused + sum(run.get(key) or 0 for key in FAILURES)


def combined(runs: list[dict]) -> dict:
    """One target's figures over its rounds: the counts of its worst round, the median of
    every other number, the first round's value of anything else (the collector's pauses
    merged: collections added up, the longest pause); a failed round stands for all."""
    if len(runs) == 1:
        return runs[0]
    failed = [run for run in runs if "error" in run]
    if failed:
        return failed[0]
    worst = max(runs, key=trouble)
    merged = {}
    for key, first in runs[0].items():
        values = [run.get(key) for run in runs]
        if key in COUNTS:
            merged[key] = worst.get(key)
        elif key.startswith("gc") and all(isinstance(v, dict) for v in values):  # per generation
            merged[key] = {
                g: {
                    "count": sum(v.get(g, {}).get("count", 0) for v in values),
                    "max_ms": max(v.get(g, {}).get("max_ms", 0.0) for v in values),
                }
                for v in values
                for g in v
            }
        elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            merged[key] = statistics.median(values)
        else:
            merged[key] = first
        if key in LISTED:
            merged[f"{key}_rounds"] = values
    merged["rounds"] = len(runs)
    return merged


def baselines(name: str) -> tuple[str, ...]:
    """What an app's figures are divided by: both floors; two processes also by one."""
    return (*FLOORS, name.replace("nginx2-", "nginx1-")) if name.startswith("nginx2-") else FLOORS


def ratios(figures: dict) -> dict:
    """Each app's figure over each floor's (and two processes' over one's), same run."""
    found = {}
    for name, mine in figures.items():
        if name in FLOORS or "error" in mine:
            continue
        for floor in baselines(name):
            theirs = figures.get(floor, {})
            found.setdefault(name, {})[floor] = {
                key: round(mine[key] / theirs[key], 2)
                for key in RATIOS
                if isinstance(mine.get(key), (int, float)) and isinstance(theirs.get(key), (int, float)) and theirs[key]
            }
    return found


def shown(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):  # gc
        ran = [f"g{g}:{s['count']}× ≤{s['max_ms']:.0f}ms" for g, s in sorted(value.items()) if s["count"]]
        return " ".join(ran) or "none"
    if isinstance(value, dict):  # refusals by code: "none", not "–" (no figure)
        return " ".join(f"{k}:{v}" for k, v in value.items()) or "none"
    if isinstance(value, list):  # a figure per round
        return " / ".join(shown(v) for v in value)
    return str(value)


def table(name: str, plan: Plan, figures: dict, found: dict) -> str:
    names = list(figures)
    pairs = [(app, base) for app in found for base in found[app] if figures.get(base)]
    head = ["figure", *names, *(f"{a.removeprefix('app-')}÷{b.removeprefix('floor-')}" for a, b in pairs)]
    keys = []
    for mine in figures.values():
        keys += [k for k in mine if k not in keys]
    rows = [head]
    for key in keys:
        row = [key, *(shown(figures[n].get(key)) for n in names)]
        rows.append(row + [shown(found[a][f].get(key)) for a, f in pairs])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    size = f"{plan.phones} phones in {plan.sessions} session(s), a {plan.item} per player"
    size = size if plan.kind == "hall" else plan.kind
    if plan.kind == "tables":
        size = f"{plan.phones} phones on one wall, then at {plan.tables} tables"
    lines = [f"\n== {name} ({size}, db {plan.db})"]
    for row in rows:
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    return "\n".join(lines)


def warnings(figures: dict) -> list[str]:
    """Per target what makes its figures not clean: an error, receipts missing or extra
    (delivered != expected: a refused write's receipts count as missing), refused writes by
    code, refused joins, failed connects, dropped phones."""
    found = []
    for name, mine in figures.items():
        problems = [f"failed: {mine['error']}"] if "error" in mine else []
        for prefix in ("", "table_"):
            delivered, expected = mine.get(f"{prefix}delivered"), mine.get(f"{prefix}expected")
            if delivered is not None and delivered != expected:
                problems.append(f"{prefix}delivered {delivered} != {prefix}expected {expected}")
            if mine.get(f"{prefix}refused"):
                problems.append(f"{prefix}refused {shown(mine[prefix + 'refused'])}")
            problems += [f"{prefix}{key} {mine[prefix + key]}" for key in FAILURES if mine.get(prefix + key)]
        if problems:
            found.append(f"{name}: {'; '.join(problems)}")
    return found


def machine() -> dict:
    def run(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=30).stdout.strip()
        except OSError:
            return ""

    return {
        "uptime": run("uptime"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "node": run("node", "--version"),
        "commit": run("git", "rev-parse", "--short", "HEAD"),
    }


def main(argv: list[str] | None = None) -> int:
    args = options(argv)
    if args.print_env:
        print_env(args.phones or 1000)
        return 0
    started = datetime.datetime.now(datetime.timezone.utc)
    report = {"started": started.isoformat(timespec="seconds"), "before": machine(), "args": vars(args)}
    report["scenarios"] = {}
    print(f"{report['started']}  {report['before']['uptime']}")
    failed = False
    for name in args.scenario or list(SCENARIOS):
        plan = SCENARIOS[name][1 if args.quick else 0]
        plan = dataclasses.replace(plan, phones=args.phones or plan.phones, db=args.db or plan.db)
        if plan.kind == "snapshot" and args.phones:
            plan = dataclasses.replace(plan, phones=0)
        procs = args.procs or min(4, max(2, -(-(plan.phones + plan.sessions) // 250)))
        runs: dict[str, list[dict]] = {}
        for server in schedule(targets(args, plan), plan.rounds, plan.floor_rounds):
            server.db = plan.db
            print(f"  {name}: {server.name} …", flush=True)
            try:
                with server.start(plan.phones + plan.joiners * 2):
                    runs.setdefault(server.name, []).append(KINDS[plan.kind](server, plan, procs))
            except Exception as error:  # one target failing leaves the others' figures
                traceback.print_exc()
                runs.setdefault(server.name, []).append({"error": repr(error)})
                failed = True
        figures = {target: combined(found) for target, found in runs.items()}
        found = ratios(figures)
        plan_figures = {"plan": dataclasses.asdict(plan), "procs": procs}
        warned = warnings(figures)
        report["scenarios"][name] = {**plan_figures, "figures": figures, "ratios": found, "warnings": warned}
        print(table(name, plan, figures, found), flush=True)
        for line in warned:
            print(f"WARNING {name}: {line}", flush=True)
    report["after"] = machine()
    print(f"\n{report['after']['uptime']}")
    out = Path(args.json) if args.json else ROOT / "benchmarks" / "results" / f"{started:%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1))
    print(f"figures: {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
