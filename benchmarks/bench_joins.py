"""The join phase of ``benchmarks/run``'s halls alone, split in two: every phone joins over
HTTP (``POST /api/sessions/<code>/participants``), then every phone connects its socket with
its token and receives its snapshot. Prints the server's CPU-seconds (from /proc) and wall
time of each half, so a before/after pair takes a minute, not a whole scenario; with
``--profile FILE`` py-spy records both halves (raw collapsed stacks) and the top entries are
printed. ``--source DIR`` serves another checkout (e.g. a worktree of main: the "before").

    .venv/bin/python benchmarks/bench_joins.py [--phones 1000 --sessions 20]
        [--round actiepad] [--source DIR] [--profile /tmp/joins.txt]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench_generator import Generators
from bench_scale import top_entries
from bench_scenarios import PLAN_ROUND, TIMEOUT_MS, Run, seat
from bench_servers import Server


def load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--round", default=PLAN_ROUND, help="the round the sessions are on (the halls' by default)")
    parser.add_argument("--mode", default="gevent")
    parser.add_argument("--procs", type=int, default=4, help="generator processes")
    parser.add_argument("--source", help="a checkout whose samenspel to serve")
    parser.add_argument("--profile", help="py-spy raw output file for both halves")
    args = parser.parse_args()
    print(f"load average {load()}")
    with Server(f"app-{args.mode}", mode=args.mode, source=args.source).start(args.phones) as server:
        run = Run(server, args.procs)
        try:
            codes = [run.session(args.round) for _ in range(args.sessions)]
            phones = seat(codes, args.phones)
            with Generators(args.procs) as gens:
                gens.setup(server.url, args.round, phones)
                spy = None
                if args.profile:
                    py_spy = Path(sys.executable).with_name("py-spy")
                    pid = str(server.process.process.pid)
                    command = [str(py_spy), "record", "-p", pid, "-r", "200", "--format", "raw", "--nonblocking"]
                    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
                    spy = subprocess.Popen([*command, "-o", args.profile], **quiet)
                    time.sleep(1)
                ns = [p["n"] for p in phones]
                cpu0, wall0 = server.cpu(), time.monotonic()
                refused = sum(len(a["refused"]) for a in gens.only("http", ns))
                cpu1, wall1 = server.cpu(), time.monotonic()
                failed = sum(1 for c in gens.connect(ns, TIMEOUT_MS) if "error" in c)
                cpu2, wall2 = server.cpu(), time.monotonic()
                if spy is not None:
                    spy.send_signal(signal.SIGINT)
                    spy.wait(30)
        finally:
            run.close()
    print(
        f"{len(ns)} phones in {args.sessions} sessions ({args.round}): "
        f"http joins {cpu1 - cpu0:.2f} CPU-s ({wall1 - wall0:.1f} s wall), "
        f"connects {cpu2 - cpu1:.2f} CPU-s ({wall2 - wall1:.1f} s wall), total {cpu2 - cpu0:.2f} CPU-s; "
        f"refused {refused}, failed {failed}"
    )
    print(f"load average {load()}")
    if args.profile:
        print(top_entries(Path(args.profile), 25))
    return 1 if refused or failed else 0


if __name__ == "__main__":
    sys.exit(main())
