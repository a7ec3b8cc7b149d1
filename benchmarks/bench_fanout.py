"""Fan-out latency on the real app: one phone writes a card, N projectors/phones receive it.

Starts ``samenspel serve`` once per async mode (gevent, the default, and eventlet) on the
same machine, connects N Socket.IO clients from one asyncio process, and measures for each
card the time from sending to each client's receipt. Prints p50/p99 per mode and the ratio
against gevent, measured in the same run, so the default keeps being earned.

    .venv/bin/python benchmarks/bench_fanout.py [--clients 300] [--cards 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import socketio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.server import ServerProcess  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def measure(server: ServerProcess, clients: int, cards: int) -> list[float]:
    created = server.api(
        "POST", "/api/sessions", json={"game": "het-nieuwe-samenspel", "title": "Bench", "question": "Hoe snel?"}
    ).json()
    code, key = created["code"], created["facilitator_url"].split("key=")[1]
    tokens = [
        server.api(
            "POST", f"/api/sessions/{code}/participants", json={"name": f"Schrijver{n}", "role": "inwoner"}
        ).json()["token"]
        for n in range(cards)
    ]
    received: dict[str, list[float]] = {}
    listeners = []

    async def listener():
        sio = socketio.AsyncClient(reconnection=False)

        @sio.on("item:added")
        async def on_item(data):
            received.setdefault(data["item"]["text"], []).append(time.perf_counter())

        await sio.connect(server.url, auth={"code": code}, transports=["websocket"], wait_timeout=30)
        listeners.append(sio)

    for start in range(0, clients, 50):
        await asyncio.gather(*(listener() for _ in range(min(50, clients - start))))
    console = socketio.AsyncClient(reconnection=False)
    await console.connect(server.url, auth={"code": code, "key": key}, transports=["websocket"])
    await console.call("control", {"action": "start"})
    await console.call("control", {"action": "next"})
    writers = []
    for token in tokens:
        writer = socketio.AsyncClient(reconnection=False)
        await writer.connect(server.url, auth={"code": code, "token": token}, transports=["websocket"])
        writers.append(writer)
    latencies = []
    for n, writer in enumerate(writers):
        text = f"kaart {n}"
        sent = time.perf_counter()
        await writer.call("card:add", {"round_id": "droom", "text": text, "client_id": f"bench-{n:05d}"})
        deadline = time.perf_counter() + 10
        while len(received.get(text, ())) < clients and time.perf_counter() < deadline:
            await asyncio.sleep(0.005)
        latencies += [(t - sent) * 1000 for t in received.get(text, ())]
        if len(received.get(text, ())) < clients:
            print(f"  warning: card {n} reached {len(received.get(text, ()))}/{clients} clients", file=sys.stderr)
    for sio in [*listeners, console, *writers]:
        await sio.disconnect()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--cards", type=int, default=20, help="cards written, each by its own player")
    args = parser.parse_args()
    results = {}
    for mode in ("gevent", "eventlet"):
        server = ServerProcess(Path(tempfile.mkdtemp()), async_mode=mode).start()
        try:
            latencies = asyncio.run(measure(server, args.clients, args.cards))
        finally:
            server.stop()
        results[mode] = latencies
        print(
            f"{mode:9s} clients={args.clients} deliveries={len(latencies)} "
            f"p50={statistics.median(latencies):7.1f} ms  p99={percentile(latencies, 0.99):7.1f} ms"
        )
    base = results["gevent"]
    for mode, latencies in results.items():
        print(
            f"ratio {mode}/gevent: p50 x{statistics.median(latencies) / statistics.median(base):.2f}  "
            f"p99 x{percentile(latencies, 0.99) / percentile(base, 0.99):.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
