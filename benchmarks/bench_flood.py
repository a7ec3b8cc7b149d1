"""Overload: a playing phone's ack latency and ``/healthz`` with 0 vs N flooding viewers,
and what a hall of phones behind one address needs (the defaults of the budgets and caps).

``flood``: starts ``samenspel serve`` (gevent), opens a cards round, and lets one phone play
(a card, then edits at a steady pace) while a probe asks ``/healthz`` every 100 ms; first
alone, then beside N viewer sockets (only the room code needed) sending ``sync`` from another
address (127.0.0.2) at ``--rate`` events a second each. Prints p50/p99 of both phases and
the ratios (target: ack p99 < 2×, /healthz < 100 ms).

``hall``: N phones (in sessions of at most 40, the game's maximum), each session's projector
and console, all behind one address (127.0.0.1), play a cards round at a human pace, then all
reconnect at once (a Wi-Fi hiccup: the old sockets linger
until the ping timeout). Prints the sockets open from that address and the events per
second (peak over 1-second windows, and the largest burst) — what SAMENSPEL_SOCKETS_PER_ADDRESS
and SAMENSPEL_ADDRESS_EVENT_* must allow.

    .venv/bin/python benchmarks/bench_flood.py flood [--flooders 30] [--rate 20] [--edits 80]
    .venv/bin/python benchmarks/bench_flood.py hall [--phones 80]
"""

from __future__ import annotations

import argparse
import collections
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.raw import RawSocket  # noqa: E402
from tests.support.server import ServerProcess  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def figures(values: list[float]) -> str:
    return f"p50 {statistics.median(values):6.1f} ms  p99 {percentile(values, 0.99):6.1f} ms  max {max(values):6.1f} ms"


def open_cards_round(server: ServerProcess) -> tuple[str, str]:
    created = server.api(
        "POST", "/api/sessions", json={"game": "het-nieuwe-samenspel", "title": "Bench", "question": "Hoe druk?"}
    ).json()
    code, key = created["code"], created["facilitator_url"].split("key=")[1]
    console = RawSocket(server.url)
    console.connect({"code": code, "key": key})
    console.call("control", {"action": "start"})
    console.call("control", {"action": "next"})
    console.close()
    return code, key


def join(server: ServerProcess, code: str, name: str) -> str:
    return server.api("POST", f"/api/sessions/{code}/participants", json={"name": name, "role": "inwoner"}).json()[
        "token"
    ]


# --- flood ------------------------------------------------------------------------------------


class Probe(threading.Thread):
    """/healthz every 100 ms."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.times, self.running = url, [], True

    def run(self):
        session = requests.Session()
        while self.running:
            started = time.perf_counter()
            session.get(self.url + "/healthz", timeout=30)
            self.times.append((time.perf_counter() - started) * 1000)
            time.sleep(0.1)


class Flooder(threading.Thread):
    def __init__(self, url: str, code: str, rate: float, source: str):
        super().__init__(daemon=True)
        self.raw = RawSocket(url, source=source)
        self.raw.connect({"code": code})
        self.rate, self.running = rate, True
        self.answers = collections.Counter()

    def run(self):
        pause = 1 / self.rate
        while self.running:
            started = time.perf_counter()
            try:
                ack = self.raw.call("sync", timeout=30)
            except Exception:
                self.answers["no answer"] += 1
                continue
            self.answers["ok" if ack["ok"] else ack["error"]["code"]] += 1
            time.sleep(max(0.0, pause - (time.perf_counter() - started)))


def play(server: ServerProcess, phone: RawSocket, edits: int, card_id: int, label: str) -> list[float]:
    times = []
    for n in range(edits):
        started = time.perf_counter()
        ack = phone.call("card:edit", {"id": card_id, "text": f"{label} {n}"}, timeout=60)
        times.append((time.perf_counter() - started) * 1000)
        assert ack["ok"], ack
        time.sleep(0.15)
    return times


def flood(args) -> int:
    server = ServerProcess(Path(tempfile.mkdtemp()), async_mode="gevent").start()
    try:
        code, _key = open_cards_round(server)
        phone = RawSocket(server.url)
        phone.connect({"code": code, "token": join(server, code, "Speler")})
        card = phone.call("card:add", {"round_id": "droom", "text": "start", "client_id": "bench-flood-1"})
        results = {}
        for flooders in (0, args.flooders):
            crowd = [Flooder(server.url, code, args.rate, "127.0.0.2") for _ in range(flooders)]
            for flooder in crowd:
                flooder.start()
            probe = Probe(server.url)
            probe.start()
            time.sleep(1 if crowd else 0)
            acks = play(server, phone, args.edits, card["item"]["id"], f"flood{flooders}")
            probe.running = False
            for flooder in crowd:
                flooder.running = False
            probe.join()
            answers = sum((f.answers for f in crowd), collections.Counter())
            for flooder in crowd:
                flooder.join(30)
                flooder.raw.close()
            results[flooders] = acks, probe.times
            print(f"flooders={flooders:3d}  phone ack {figures(acks)}")
            print(f"               /healthz  {figures(probe.times)}")
            if crowd:
                print(f"               flooders' answers: {dict(answers)}")
        (base_acks, base_health), (acks, health) = results[0], results[args.flooders]
        print(
            f"ratio {args.flooders}/0 flooders: ack p50 x{statistics.median(acks) / statistics.median(base_acks):.2f}  "
            f"p99 x{percentile(acks, 0.99) / percentile(base_acks, 0.99):.2f}  "
            f"/healthz p99 x{percentile(health, 0.99) / percentile(base_health, 0.99):.2f}"
        )
        phone.close()
    finally:
        server.stop()
    return 0


# --- hall ---------------------------------------------------------------------------------------


class Counter:
    def __init__(self):
        self.lock, self.sent = threading.Lock(), []

    def note(self):
        with self.lock:
            self.sent.append(time.monotonic())

    def peak_per_second(self) -> int:
        windows = collections.Counter(int(t) for t in self.sent)
        return max(windows.values()) if windows else 0


def hall(args) -> int:
    """The game takes at most 40 players, so a hall of 80 plays as two sessions (two groups,
    each with its projector and console), all behind one address."""
    server = ServerProcess(Path(tempfile.mkdtemp()), async_mode="gevent").start()
    counter = Counter()
    try:
        groups = [open_cards_round(server) for _ in range(-(-args.phones // 40))]
        seats = [
            (code, join(server, code, f"Speler{n}"))
            for n in range(args.phones)
            for code, _key in [groups[n % len(groups)]]
        ]
        screens = []
        for code, key in groups:
            screens += [RawSocket(server.url), RawSocket(server.url)]
            screens[-2].connect({"code": code})
            screens[-1].connect({"code": code, "key": key})
        phones = [RawSocket(server.url) for _ in seats]
        for phone, (code, token) in zip(phones, seats):
            phone.connect({"code": code, "token": token})
        print(
            f"phones={args.phones} in {len(groups)} sessions: sockets from one address while playing: "
            f"{len(phones) + len(screens)}"
        )

        def human(index: int, phone: RawSocket):
            rng = random.Random(index)
            for n in range(3):  # three cards in a round of ~20 s, each typed for a while
                time.sleep(rng.uniform(1, 7))
                counter.note()
                phone.call(
                    "card:add",
                    {"round_id": "droom", "text": f"idee {index}.{n}", "client_id": f"hall-{index:03d}-{n}"},
                    timeout=60,
                )
            counter.note()
            phone.call("sync", timeout=60)  # the phone comes back from the lock screen

        started = time.monotonic()
        threads = [threading.Thread(target=human, args=(i, p)) for i, p in enumerate(phones)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        played = time.monotonic() - started
        normal = len(counter.sent)
        print(
            f"a cards round: {normal} events in {played:.1f} s = {normal / played:.1f}/s on average, "
            f"peak {counter.peak_per_second()}/s (1-s windows)"
        )

        # A Wi-Fi hiccup: every phone opens a new connection and syncs while the old one lingers.
        burst = Counter()
        again = [RawSocket(server.url) for _ in seats]
        began = time.monotonic()
        for phone, (code, token) in zip(again, seats):
            phone.connect({"code": code, "token": token})
            burst.note()
            phone.emit_raw('["sync",{}]')
        print(
            f"a hiccup: sockets from one address {len(phones) + len(again) + len(screens)} (old ones linger up "
            f"to the ping timeout), {len(again)} connects + syncs in {time.monotonic() - began:.2f} s "
            f"(peak {burst.peak_per_second()}/s)"
        )
        for raw in [*phones, *again, *screens]:
            raw.close()
    finally:
        server.stop()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    flood_args = commands.add_parser("flood")
    flood_args.add_argument("--flooders", type=int, default=30)
    flood_args.add_argument("--rate", type=float, default=20, help="sync events a second per flooder")
    flood_args.add_argument("--edits", type=int, default=80)
    hall_args = commands.add_parser("hall")
    hall_args.add_argument("--phones", type=int, default=80)
    args = parser.parse_args()
    return flood(args) if args.command == "flood" else hall(args)


if __name__ == "__main__":
    sys.exit(main())
