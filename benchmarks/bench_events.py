"""Server CPU per event through the use cases (no sockets, no network): a join, a connect
snapshot and a card, in sessions of different sizes, on a real SQLite file. CPU time of this
process (``time.process_time``), so a busy shared machine disturbs it less than wall time.
The per-event cost should not grow with the session: compare the rows.

    .venv/bin/python benchmarks/bench_events.py [--players 10 50 200] [--cards 400]
    .venv/bin/python benchmarks/bench_events.py --snapshot   # a late joiner at 2,090 cards
    .venv/bin/python benchmarks/bench_events.py --items-burst 1000   # a vote's start: phones ask the ideas
    .venv/bin/python benchmarks/bench_events.py --joins [--players 10 200]   # joins and connects only

Run from another checkout (``cd /tmp/main && /work/x/.venv/bin/python benchmarks/...``, or
with PYTHONPATH) to compare before and after on the same machine in the same minute.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(os.environ.get("SAMENSPEL_SOURCE") or Path(__file__).resolve().parents[1])
sys.path.insert(0, str(ROOT))

from samenspel.engine.views import FACILITATOR, PARTICIPANT  # noqa: E402
from samenspel.rules.loader import Catalogue, load_game  # noqa: E402
from samenspel.services import create, people, play  # noqa: E402
from samenspel.services.context import Context  # noqa: E402
from samenspel.services.unit import ActorRef  # noqa: E402
from samenspel.store.db import Database  # noqa: E402
from samenspel.store.migrate import upgrade  # noqa: E402

GAME = "het-nieuwe-samenspel"


def game_for_hall(folder: Path, seats: int):
    text = (ROOT / "game_rules" / f"{GAME}.yaml").read_text()
    path = folder / f"{GAME}.yaml"
    path.write_text(re.sub(r"\n  max: \d+\n", f"\n  max: {seats}\n", text, count=1))  # the seats
    return load_game(path)


def hall_session(seats: int) -> tuple[Context, str, Database]:
    """A fresh SQLite database with one session of the game seating ``seats`` (the server's
    participant cap too) and joins unthrottled: where every measurement starts, so they
    differ only in what they time. Returns the context, the session's code and the database
    (dispose it when done)."""
    folder = Path(tempfile.mkdtemp())
    game = game_for_hall(folder, seats)
    database = Database(f"sqlite:///{folder / 'bench.sqlite3'}")
    upgrade(database.engine)
    config = {"MAX_PARTICIPANTS": seats, "JOIN_ATTEMPTS_PER_WINDOW": 10**6, "JOIN_WINDOW_SECONDS": 600}
    ctx = Context(database, Catalogue({game.id: game}), config)
    return ctx, create.create(ctx, {"game": GAME, "title": "t", "question": "q"}).code, database


def cpu_ms(call, repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        call()
        times.append((time.process_time() - start) * 1000)
    return times


def measure(players: int, cards: int) -> dict:
    ctx, code, database = hall_session(200)
    joins, refs, tokens = [], [], []
    for n in range(players):
        out = {}
        form = {"name": f"P{n}", "role": ("inwoner", "ambtenaar")[n % 2]}
        joins += cpu_ms(lambda form=form, out=out: out.update(j=people.join(ctx, code, form, "127.0.0.1")))
        refs.append(ActorRef(out["j"].session_id, PARTICIPANT, out["j"].ack["participant"]["id"]))
        tokens.append(out["j"].ack["token"])
    facilitator = ActorRef(refs[0].session_id, FACILITATOR)
    for action in ("start", "next"):
        play.control(ctx, facilitator, {"action": action})
    card_times = []
    for _round in range(3):  # three cards each at most in this round
        for ref in refs:
            if len(card_times) >= cards:
                break
            made = len(card_times)
            payload = {"round_id": "droom", "text": f"kaart {made}", "client_id": f"bench-{made:06d}"}
            card_times += cpu_ms(lambda ref=ref, payload=payload: play.act(ctx, ref, "card:add", payload))
    # a phone connecting: its snapshot (one per participant, so not from the snapshot cache)
    connects = [cpu_ms(lambda t=t: play.connect(ctx, {"code": code, "token": t}, "127.0.0.1"))[0] for t in tokens[-10:]]
    database.dispose()
    return {
        "join": statistics.median(joins[-10:]),
        "card": statistics.median(card_times[-20:]),
        "connect": statistics.median(connects),
        "cards": len(card_times),
    }


def measure_joins(players: int, timed: int = 20) -> dict:
    """Joins and connects only, in a session of ``players`` (at most 200, the rules' limit):
    the CPU of the last ``timed`` joins that fill it (a code this process found before, as in
    a hall), then of a connect by each of them (different phones: no snapshot from the
    cache). Medians and quartiles."""
    ctx, code, database = hall_session(players)
    joined, joins = [], []
    for n in range(players):
        form = {"name": f"P{n}", "role": ("inwoner", "ambtenaar")[n % 2]}
        took = cpu_ms(lambda form=form: joined.append(people.join(ctx, code, form, "127.0.0.1")))
        joins += took if n >= players - timed else []
    auths = [{"code": code, "token": j.ack["token"]} for j in joined[-timed:]]
    connects = [cpu_ms(lambda auth=auth: play.connect(ctx, auth, "127.0.0.1"))[0] for auth in auths]
    database.dispose()

    def spread(xs):
        q = statistics.quantiles(xs, n=4)
        return f"{statistics.median(xs):6.2f} ms (quartiles {q[0]:.2f}–{q[2]:.2f}, n={len(xs)})"

    return {"join": spread(joins), "connect": spread(connects)}


#: where the cards of the late joiner's session are written: per player (190 write), and a category
CARD_ROUNDS = {"droom": (3, None), "belangen": (3, None), "kansen-drempels": (3, "kans"), "ideeen": (2, None)}
TEXT = "een moestuin achter het buurthuis, met bankjes en een kas"


def wire_bytes(payload) -> int:
    """The size of an event's payload as python-socketio encodes it."""
    return len(json.dumps(payload, separators=(",", ":")).encode())


def measure_snapshot(players: int = 200, repeat: int = 10) -> list[tuple[str, float, int]]:
    """A late joiner's connect snapshot in a session of 2,090 cards (11 per player over four
    card rounds): server CPU ms (median) and bytes, in the last card round and in the vote
    round after it; the projector's for comparison."""

    def late(ctx, code, where, _writers):
        return _late_joiners(ctx, code, where, repeat // 2)

    return _written_session(players, players - repeat, late)


def _written_session(seats: int, writers: int, at_round) -> list:
    """A session of ``writers`` players who write 11 cards each over four card rounds (190:
    2,090 cards, 380 ideas); ``at_round(ctx, code, where, writers)`` runs in *ideeen* and
    *kiezen* and gives rows of figures."""
    ctx, code, database = hall_session(seats)
    game = ctx.catalogue.get(GAME)
    refs = []
    for n in range(writers):
        joined = people.join(ctx, code, {"name": f"P{n}", "role": ("inwoner", "ambtenaar")[n % 2]}, "127.0.0.1")
        refs.append(ActorRef(joined.session_id, PARTICIPANT, joined.ack["participant"]["id"]))
    facilitator = ActorRef(refs[0].session_id, FACILITATOR)
    play.control(ctx, facilitator, {"action": "start"})
    made = 0
    rows = []
    for index, rnd in enumerate(game.rounds):
        if index:
            play.control(ctx, facilitator, {"action": "next"})
        per_player, category = CARD_ROUNDS.get(rnd.id, (0, None))
        for _ in range(per_player):
            for ref in refs:
                payload = {"round_id": rnd.id, "text": f"{made}: {TEXT}", "client_id": f"bench-{made:06d}"}
                payload.update({"category": category} if category else {})
                assert play.act(ctx, ref, "card:add", payload).ack["ok"]
                made += 1
        if rnd.id in ("ideeen", "kiezen"):
            rows += at_round(ctx, code, f"{rnd.id} ({rnd.mechanic}), {made} cards", refs)
    database.dispose()
    return rows


def measure_items_burst(requests: int = 1000, seats: int = 200) -> list[tuple[str, float, int]]:
    """The vote's start: the 2,090-card session (190 players wrote 380 ideas), filled up to
    its ``seats`` (a session seats at most 200: the rules), moves to *kiezen* and the phones
    ask ``items:round`` for *ideeen* at the same ``seq``, as static/js/socket.js does after
    the ``flow``: ``requests`` in all, the players' phones in turn (1,000: each phone five
    times, as five such halls would each ask once). Each request goes through the use case
    and the server's Socket.IO packet (encoded as it is sent: ``samenspel.live.packets``
    where the source has it, else python-socketio's). CPU of the whole burst, and per
    request (median) of phones with and without ideas of their own (whose answer differs
    from the shared part)."""

    def burst(ctx, code, where, writers):
        if not where.startswith("kiezen"):
            return []
        refs = list(writers)
        for n in range(seats - len(refs)):
            joined = people.join(ctx, code, {"name": f"V{n}", "role": "inwoner"}, "127.0.0.1")
            refs.append(ActorRef(joined.session_id, PARTICIPANT, joined.ack["participant"]["id"]))
        return _burst(ctx, [refs[n % len(refs)] for n in range(requests)], {r.participant_id for r in writers})

    return _written_session(seats, 190, burst)


def _burst(ctx, refs, authors) -> list[tuple[str, float, int]]:
    try:
        from samenspel.live.packets import Packet
    except ImportError:  # the "before": python-socketio's own packet
        from socketio.packet import Packet
    from socketio.packet import ACK

    times, sizes = [], []
    ctx.snapshots.entries.clear()
    gc.collect()
    started = time.process_time()
    for n, ref in enumerate(refs):
        start = time.process_time()
        ack = play.round_items(ctx, ref, {"round_id": "ideeen"}).ack
        sizes.append(len(Packet(ACK, namespace="/", id=n, data=[ack]).encode().encode()))
        times.append((ref.participant_id in authors, (time.process_time() - start) * 1000))
    total = time.process_time() - started
    own = [ms for mine, ms in times[1:] if mine]
    others = [ms for mine, ms in times[1:] if not mine]
    return [
        (f"items:round ideeen, {len(refs)} requests at one seq: the whole burst", total * 1000, sizes[-1]),
        ("  the first request", times[0][1], sizes[0]),
        (f"  the others, a phone with its own ideas (median of {len(own)})", statistics.median(own), sizes[1]),
        (f"  the others, a phone without (median of {len(others)})", statistics.median(others), sizes[-1]),
    ]


def _late_joiners(ctx, code: str, where: str, count: int) -> list[tuple[str, float, int]]:
    found: dict[str, list] = {"phone": [], "projector": []}
    phone = None
    for n in range(count):
        joined = people.join(ctx, code, {"name": f"Late{where[:3]}{n}", "role": "inwoner"}, "127.0.0.1")
        for who, auth in (("phone", {"code": code, "token": joined.ack["token"]}), ("projector", {"code": code})):
            ctx.snapshots.entries.clear()  # the projector's is cached per seq: build it each time
            start = time.process_time()
            ref, snapshot = play.connect(ctx, auth, "127.0.0.1")
            found[who].append(((time.process_time() - start) * 1000, wire_bytes(snapshot)))
            phone = ref if who == "phone" else phone
        if hasattr(play, "round_items") and where.startswith("kiezen"):  # a phone at the vote asks for the ideas
            start = time.process_time()
            answer = play.round_items(ctx, phone, {"round_id": "ideeen"}).ack
            found.setdefault("items:round ideeen, phone", []).append(
                ((time.process_time() - start) * 1000, wire_bytes(answer))
            )
    return [
        (f"{who} in {where}", statistics.median(m for m, _ in got), statistics.median(b for _, b in got))
        for who, got in found.items()
    ]


PAUSES: dict[int, list[float]] = {0: [], 1: [], 2: []}
_started = [0.0]


def _timed_collection(phase, info) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
    else:
        PAUSES[info["generation"]].append((time.perf_counter() - _started[0]) * 1000)


def collections() -> str:
    found = ", ".join(f"gen{g} {len(p)}× max {max(p, default=0):.1f} ms" for g, p in PAUSES.items())
    for pauses in PAUSES.values():
        pauses.clear()
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--players", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--cards", type=int, default=400)
    parser.add_argument(
        "--gc", default="default", help="default, or 'settled' (as samenspel serve: frozen, thresholds)"
    )
    parser.add_argument("--threshold", type=int, nargs=3, help="with --gc settled: other thresholds to try")
    parser.add_argument(
        "--snapshot", action="store_true", help="only a late joiner's connect snapshot at 2,090 cards (190 players)"
    )
    parser.add_argument(
        "--joins",
        action="store_true",
        help="only joins and connects (the last 20 joins filling a session of each --players)",
    )
    parser.add_argument(
        "--items-burst",
        type=int,
        metavar="REQUESTS",
        help="only a vote's start: the phones ask items:round for the 380 ideas at one seq, REQUESTS in all (1000)",
    )
    args = parser.parse_args()
    print(f"source {ROOT}; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.items_burst:
        for what, ms, size in measure_items_burst(args.items_burst):
            print(f"  {what}: {ms:8.2f} ms CPU, {size / 1024:5.1f} KB sent")
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        return 0
    if args.snapshot:
        for where, ms, size in measure_snapshot():
            print(f"  {where}: {ms:6.2f} ms CPU (median), {size / 1024:7.1f} KB")
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        return 0
    if args.joins:
        for players in args.players:
            found = measure_joins(players)
            print(f"players {players:4d}: join {found['join']}  connect {found['connect']}  (CPU per event)")
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        return 0
    if args.gc == "settled":
        from samenspel import serving

        serving.settle_collector()
        if args.threshold:
            gc.set_threshold(*args.threshold)
    print(f"collector: {args.gc}, thresholds {gc.get_threshold()}, frozen {gc.get_freeze_count()}")
    gc.callbacks.append(_timed_collection)
    for players in args.players:
        found = measure(players, args.cards)
        print(f"  collections: {collections()}")
        print(
            f"players {players:4d}: join {found['join']:6.2f} ms  card {found['card']:6.2f} ms  "
            f"connect {found['connect']:6.2f} ms  (CPU per event, median; {found['cards']} cards in the session)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
