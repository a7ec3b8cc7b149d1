"""The scenarios of ``benchmarks/run``, each run against one started server with the Node
generator: a hall (N phones in S sessions: join over HTTP and connect, then every player
adds one step to the action path at a fixed total rate while every other phone and the
projector receive it — the same delivery work on the app and on the floors, which send every
item to every phone: a plan round shows a phone everyone's steps, whereas a cards round
shows it only the player's own cards), writes (phones writing cards as fast as the
per-socket limit allows) and a late joiner's snapshot of a session with many cards. Each
returns a flat dict of figures; a write refused or a receipt missing shows as ``refused`` and
``lost`` (bench_run prints a WARNING)."""

from __future__ import annotations

import logging
import statistics
import time
from dataclasses import dataclass

import requests
import socketio
from bench_generator import Generators, sent_and_acks
from bench_scale import GAME, ROOT, ROUND, percentile
from bench_servers import CARDS_PER_PLAYER, SEATS, Server

from samenspel.config import SETTINGS
from samenspel.rules.loader import load_game

# the consoles' client says so at every disconnect of a websocket it closed itself
logging.getLogger("engineio.client").setLevel(logging.CRITICAL)

#: the per-socket limit a phone writes at (the app's default: its one source)
SOCKET_RATE = float(SETTINGS["SOCKET_EVENTS_PER_SECOND"][1])
TIMEOUT_MS = 120_000
FILLER = "een idee voor de buurt met een bankje, groen en een plek om elkaar te ontmoeten"
#: the game's action-path round (mechanic ``plan``): a hall's players each add a step there
PLAN_ROUND = "actiepad"
#: the game's rounds in order: a console walks there with ``start`` and ``next``
ROUNDS = [rnd.id for rnd in load_game(ROOT / "game_rules" / f"{GAME}.yaml").rounds]


@dataclass
class Plan:
    kind: str  # hall, writes, snapshot
    phones: int
    # what a hall's players write: "step", one step each in the action-path round (every
    # phone and the projector receive it, as on the floors), or "card" in the first cards
    # round (the app sends it to the screens only: the tables scenario's single wall)
    item: str = "step"
    sessions: int = 1
    rate: float = 10.0  # cards a second, all sessions together (hall)
    seconds: float = 10.0  # writes: how long the phones write
    cards: int = 2000  # snapshot: cards in the session
    joiners: int = 20  # snapshot: late joiners, one by one and then as many at once
    db: str = "sqlite"
    cluster: bool = False  # through nginx: one app process, then two (PostgreSQL and Redis)
    tables: int = 0  # tables: the hall seated at this many tables (bench_tables.py)
    # each app target this many times, the targets alternated (one process, two, one, …);
    # its figures are the medians over the rounds (bench_run.combined)
    rounds: int = 1
    # the floors in as many rounds, alternated with the apps (a ratio of medians to medians);
    # else once, after them
    floor_rounds: bool = False


def ms(values: list[float], fraction: float | None = None) -> float | None:
    if not values:
        return None
    return round(statistics.median(values) if fraction is None else percentile(values, fraction), 1)


class Run:
    """One scenario against one server: its sessions, consoles and generators."""

    def __init__(self, server: Server, procs: int):
        self.server, self.procs = server, procs
        self.consoles: list[tuple[socketio.Client, dict]] = []

    def session(self, round_id: str = ROUND, **extra) -> str:
        """A session (``extra``: more fields of the create request, e.g. tables) on the round
        ``round_id`` (by default the first cards round): ``start``, then ``next`` until there.
        The app's acks say where the game is, so a walk that ends elsewhere fails here rather
        than measuring another round; a floor has no rounds (its acks carry no ``flow``)."""
        created = requests.post(
            self.server.url + "/api/sessions",
            json={"game": GAME, "title": "Bench", "question": "Hoe?", **extra},
            timeout=60,
        ).json()
        self.consoles.append((None, {"code": created["code"], "key": created["facilitator_url"].split("key=")[1]}))
        index = ROUNDS.index(round_id)
        for action in ("start", *["next"] * index):
            ack = self.control(len(self.consoles) - 1, action)
        at = (ack.get("flow") or {}).get("round_index", index)
        if at != index:
            raise RuntimeError(f"the console walked to round {at}, not {index} ({round_id}): {ack}")
        return created["code"]

    def control(self, index: int, action: str) -> dict:
        """The facilitator's control, from a console connected again if a busy server dropped
        it; its ack (a refused control raises: the scenario would measure the wrong round)."""
        console, auth = self.consoles[index]
        if console is None or not console.connected:
            console = socketio.Client(reconnection=False)
            console.connect(self.server.url, auth=auth, transports=["websocket"], wait_timeout=60)
            self.consoles[index] = (console, auth)
        ack = console.call("control", {"action": action}, timeout=60) or {}
        if not ack.get("ok"):
            raise RuntimeError(f"control {action} refused: {ack}")
        return ack

    def close(self) -> None:
        for console, _auth in self.consoles:
            if console is not None:
                console.disconnect()

    def phase(self) -> tuple[float, float | None]:
        return time.monotonic(), self.server.cpu()

    def since(self, mark: tuple[float, float | None]) -> dict:
        wall, cpu = mark
        now = self.server.cpu()
        return {"wall_s": round(time.monotonic() - wall, 2), "cpu_s": None if cpu is None else round(now - cpu, 2)}


def seat(codes: list[str], phones: int) -> list[dict]:
    """Phones spread over the sessions; the first ``SEATS`` of a session join as players, the
    rest as viewers; then one projector per session (a viewer that receives everything)."""
    seated = []
    for n in range(phones):
        session = n % len(codes)
        player = n // len(codes) < SEATS
        seated.append({"n": n, "code": codes[session], "player": player, "name": f"Telefoon{n}", "session": session})
    for session, code in enumerate(codes):
        seated.append({"n": phones + session, "code": code, "player": False, "name": "projector", "session": session})
    return seated


def join(run: Run, gens: Generators, phones: list[dict], only: list[int] | None = None) -> dict:
    """The phones join over HTTP and connect, the first half and then the second: RSS per
    phone over all of them, and over the second half alone (``rss_marginal_kb``: what one
    more phone costs, without what the first requests of a fresh server allocate once —
    at 40 phones that once is most of the figure, on the floors as on the app)."""
    rss0, mark = run.server.rss_kb(), run.phase()
    run.server.gc()
    ns = only or [p["n"] for p in phones]
    halves = (ns[: len(ns) // 2], ns[len(ns) // 2 :])
    refused, connects, rss_half = 0, [], None
    for half in halves:
        refused += sum(len(a["refused"]) for a in gens.only("http", half))
        connects += gens.connect(half, TIMEOUT_MS)
        rss_half = run.server.rss_kb() if rss_half is None else rss_half
    figures = {f"join_{k}": v for k, v in run.since(mark).items()}
    rss = run.server.rss_kb()
    figures.update(
        join_refused=refused,
        connect_failed=sum(1 for c in connects if "error" in c),
        rss_per_phone_kb=None if rss is None else round((rss - rss0) / len(ns), 1),
        rss_marginal_kb=None if rss is None or rss_half is None else round((rss - rss_half) / len(halves[1]), 1),
        gc_join=run.server.gc(),
    )
    return figures


def receiving(server: Server, phones: list[dict], session: int, item: str = "card") -> int:
    """How many clients of a session should receive a player's item: every one but the
    writer (its ack) on a floor, and on the app for a plan step (a plan round shows every
    phone everyone's steps); for a card on the app the screens only (the projector and the
    phones that joined as viewers): a cards round shows a player's phone only the player's
    own cards, so the app sends it no other player's (docs/protocol.md, docs/performance.md
    "Fan-out")."""
    here = [p for p in phones if p.get("session", 0) == session]
    if server.kind == "floor" or item == "step":
        return len(here) - 1
    return sum(1 for p in here if not p["player"])


def deliveries(gens: Generators, sent: dict, acks: list[list], receivers: dict) -> dict:
    """Fan-out of the accepted writes (an ``ok`` ack) from their send times to every receipt;
    ``receivers``: text -> how many should receive it. Per session p99 when the texts name
    their session (``s<i>:…``)."""
    return counted(gens.all("received"), sent, acks, receivers)


def counted(answers: list[dict], sent: dict, acks: list[list], receivers: dict) -> dict:
    """``deliveries`` from the generators' ``received`` answers. ``expected`` counts the
    receipts due for every write sent, refused ones too (a floor refuses none), so a write
    the app refused (``not_allowed``, ``server_busy``, …) shows as ``lost`` receipts rather
    than leaving a clean delivered = expected; the latencies are of the accepted writes."""
    accepted = {a[0] for a in acks if a[2]}
    latencies, per_session, delivered, to_players = [], {}, 0, 0
    for answer in answers:
        to_players += answer.get("to_players", 0)
        for text, times in answer["received"].items():
            if text not in sent:
                continue
            delivered += len(times)
            if text not in accepted:
                continue
            waits = [t - sent[text] for t in times]
            latencies += waits
            if ":" in text:  # s<i>:…
                per_session.setdefault(text.split(":")[0], []).extend(waits)
    expected = sum(receivers[text] for text in sent)
    figures = {
        "p50": ms(latencies),
        "p95": ms(latencies, 0.95),
        "p99": ms(latencies, 0.99),
        "delivered": delivered,
        "expected": expected,
        "lost": expected - delivered,
        "to_players": to_players,
        "lost_phones": sum(len(a["lost"]) for a in answers),
    }
    if len(per_session) > 1:
        figures["worst_session_p99"] = max(ms(v, 0.99) for v in per_session.values())
    return figures


def ack_figures(acks: list[list]) -> dict:
    """Ack latency of the accepted writes; ``refused`` the others by error code (``no
    answer``: no ack in time)."""
    ok = [a[1] for a in acks if a[2]]
    refused: dict[str, int] = {}
    for a in acks:
        if not a[2]:
            refused[a[3]] = refused.get(a[3], 0) + 1
    return {"ack_p50": ms(ok), "ack_p99": ms(ok, 0.99), "written": len(acks), "acked": len(ok), "refused": refused}


def hall(server: Server, plan: Plan, procs: int) -> dict:
    """Every player adds one item (``plan.item``: a step in the action-path round, or a card
    in the first cards round), ``plan.rate`` a second over all sessions. ``round`` names
    the round played; ``to_players`` counts the receipts on the players' phones."""
    step = plan.item == "step"
    round_id = PLAN_ROUND if step else ROUND
    run = Run(server, procs)
    try:
        codes = [run.session(round_id) for _ in range(plan.sessions)]
        phones = seat(codes, plan.phones)
        with Generators(procs) as gens:
            gens.setup(server.url, round_id, phones)
            figures = {"round": round_id, **join(run, gens, phones)}
            writers = [p for p in phones if p["player"]]
            start = time.monotonic() * 1000 + 1000
            schedule: list[list] = [[] for _ in gens.procs]
            receivers = {}
            for i, phone in enumerate(writers):
                text = f"s{phone['session']}:{'stap' if step else 'kaart'} {phone['n']}"
                at = start + i * 1000 / plan.rate
                schedule[gens.owner(phone["n"])].append([phone["n"], at, "step" if step else "add", text])
                receivers[text] = receiving(server, phones, phone["session"], plan.item)
            mark, usage = run.phase(), len(gens.usage)
            server.gc()
            sent, acks = gens.write(schedule, drain_ms=3000, timeout_ms=TIMEOUT_MS)
            cards = run.since(mark)
            figures.update(cards_cpu_s=cards["cpu_s"], cards_wall_s=cards["wall_s"], gc_cards=server.gc())
            figures.update(ack_figures(acks))
            figures.update(deliveries(gens, sent, acks, receivers))
            figures.update(gens.saturation(usage))
        return figures
    finally:
        run.close()


def writes(server: Server, plan: Plan, procs: int) -> dict:
    """``plan.phones`` players each add a card and then edit it, one input at a time, as fast
    as the per-socket limit allows, for ``plan.seconds``."""
    run = Run(server, procs)
    try:
        phones = seat([run.session()], plan.phones)
        with Generators(procs) as gens:
            gens.setup(server.url, ROUND, phones)
            figures = join(run, gens, phones)
            start = time.monotonic() * 1000 + 1000
            until = start + plan.seconds * 1000
            mark, usage = run.phase(), len(gens.usage)
            server.gc()
            answers = gens.each(
                [
                    {
                        "cmd": "flood",
                        "phones": [n for n in share if n < plan.phones],
                        "start": start,
                        "until": until,
                        "interval_ms": 1000 / SOCKET_RATE,
                        "text": FILLER,
                        "drain_ms": 2000,
                        "timeout_ms": TIMEOUT_MS,
                    }
                    for share in gens.phones
                ]
            )
            sent, acks = sent_and_acks(answers)
            spent = run.since(mark)
            figures.update(cpu_s=spent["cpu_s"], gc=server.gc())
            figures.update(ack_figures(acks))
            ends = [sent[a[0]] + a[1] for a in acks if a[2]]
            figures["acks_per_s"] = round(len(ends) / ((max(ends) - start) / 1000), 1) if ends else 0.0
            figures.update(deliveries(gens, sent, acks, {t: receiving(server, phones, 0) for t in sent}))
            figures.update(gens.saturation(usage))
        return figures
    finally:
        run.close()


def snapshot(server: Server, plan: Plan, procs: int) -> dict:
    """A session with ``plan.cards`` cards in its first cards round, the game moved on to the
    next round; then late joiners connect one by one (server CPU per joiner, what each
    receives until its snapshot) and as many again at once (their wait)."""
    run = Run(server, procs)
    try:
        code = run.session()
        writers = max(1, -(-plan.cards // CARDS_PER_PLAYER))
        late = [writers + i for i in range(2 * plan.joiners)]
        phones = [{"n": n, "code": code, "player": True, "name": f"Telefoon{n}"} for n in range(writers + len(late))]
        with Generators(procs) as gens:
            gens.setup(server.url, ROUND, phones)
            figures = join(run, gens, phones, only=list(range(writers)))
            start = time.monotonic() * 1000 + 500
            schedule: list[list] = [[] for _ in gens.procs]
            for k in range(plan.cards):
                n = k % writers
                at = start + (k // writers) * 1000 / SOCKET_RATE
                schedule[gens.owner(n)].append([n, at, "add", f"f{k} {FILLER}"])
            mark = run.phase()
            _sent, acks = gens.write(schedule, drain_ms=0, timeout_ms=TIMEOUT_MS)
            filled = run.since(mark)
            figures.update(fill_wall_s=filled["wall_s"], fill_cards=sum(1 for a in acks if a[2]))
            gens.all("received")
            run.control(0, "next")
            one_by_one, at_once = late[: plan.joiners], late[plan.joiners :]
            gens.only("http", late)
            server.gc()
            mark = run.phase()
            connects = gens.connect(one_by_one, TIMEOUT_MS, sequential=True)
            spent = run.since(mark)
            together = gens.connect(at_once, TIMEOUT_MS)
            waits = [c["snapshot_ms"] for c in connects if "snapshot_ms" in c]
            figures.update(
                server_ms_per_joiner=None if spent["cpu_s"] is None else round(spent["cpu_s"] * 1000 / plan.joiners, 1),
                snapshot_ms_p50=ms(waits),
                snapshot_kb=ms([c["snapshot_bytes"] / 1024 for c in connects if "snapshot_bytes" in c]),
                at_once_p50=ms([c["snapshot_ms"] for c in together if "snapshot_ms" in c]),
                at_once_p99=ms([c["snapshot_ms"] for c in together if "snapshot_ms" in c], 0.99),
                snapshot_failed=sum(1 for c in connects + together if "error" in c),
                gc=server.gc(),
            )
        return figures
    finally:
        run.close()


KINDS = {"hall": hall, "writes": writes, "snapshot": snapshot}
