"""Races against real servers: a topology (one SQLite process, one PostgreSQL process, two
PostgreSQL processes behind Redis), real Socket.IO clients on it, requests fired truly at
once, and the stored state read back from the database to compare with its replayed log.

A race test keeps one topology for many trials and counts the trials that broke a rule, so
a failure says how often (``7/120 trials skipped a round``), not only that it happened once.
"""

from __future__ import annotations

import inspect
import threading
import time
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import select

from samenspel.engine.replay import replay
from samenspel.store.db import Database
from samenspel.store.models import Item as ItemRow
from samenspel.store.participants import players_of
from samenspel.store.rulebook import game_of
from samenspel.store.sessions import find_by_code
from samenspel.store.state import action_log, load
from tests.support.clients import LiveClient, close_all
from tests.support.databases import REDIS_URL, postgres_database
from tests.support.server import ServerProcess

GAME_ID = "het-nieuwe-samenspel"
TOPOLOGIES = ("sqlite", "postgres", "postgres-two-processes")

# Races flood on purpose, every client from 127.0.0.1: the event budgets (per socket,
# address and session) must not be what keeps the rules, so they are out of the way here.
RACE_ENV = {
    **{
        f"SAMENSPEL_{scope}_{kind}": "100000"
        for scope in ("SOCKET", "ADDRESS", "SESSION")
        for kind in ("EVENTS_PER_SECOND", "EVENT_BURST")
    },
    "SAMENSPEL_SECRET_KEY": "shared-between-processes",
}


@dataclass
class Topology:
    """Servers sharing one database; client ``i`` talks to server ``i % len(servers)``, so in
    the two-process topology the two sides of every race sit on different processes."""

    name: str
    servers: list[ServerProcess]
    database_url: str
    _database: Database | None = field(default=None, repr=False)

    def url(self, side: int = 0) -> str:
        return self.servers[side % len(self.servers)].url

    def open_game(self, title: str = "Race") -> tuple[str, str]:
        created = (
            self.servers[0]
            .api("POST", "/api/sessions", json={"game": GAME_ID, "title": title, "question": "Wie wint?"})
            .json()
        )
        return created["code"], created["facilitator_url"].split("key=")[1]

    def join(self, code: str, name: str, role: str = "inwoner", side: int = 0) -> dict:
        response = self.servers[side % len(self.servers)].api(
            "POST", f"/api/sessions/{code}/participants", json={"name": name, "role": role}
        )
        assert response.status_code == 201, response.text
        return response.json()

    @property
    def _read(self) -> dict:
        """A read-only transaction where the store offers one (no write lock on SQLite)."""
        return {"write": False} if "write" in inspect.signature(Database.unit_of_work).parameters else {}

    def database(self) -> Database:
        if self._database is None:
            self._database = Database(self.database_url)
        return self._database

    def stored(self, code: str) -> "Stored":
        """What the database holds for the session now: state, log and every player."""
        with self.database().unit_of_work(**self._read) as db:
            row = find_by_code(db, code)
            game = game_of(db, row)
            return Stored(load(db, row, game), action_log(db, row), players_of(db, row, include_removed=True), game)

    def items(self, code: str, **where) -> list[ItemRow]:
        """The session's stored item rows matching ``where`` (column=value), oldest first: a
        cheap check per trial; ``stored`` loads everything for the final one."""
        with self.database().unit_of_work(**self._read) as db:
            session = find_by_code(db, code)
            query = select(ItemRow).where(ItemRow.session_id == session.id).filter_by(**where)
            return list(db.scalars(query.order_by(ItemRow.id)))

    def item(self, item_id: int) -> dict | None:
        """One stored item's data (cheaper than the whole state, for a check per trial)."""
        with self.database().unit_of_work(**self._read) as db:
            row = db.get(ItemRow, item_id)
            return None if row is None else dict(row.data)

    def tracebacks(self) -> int:
        return sum(server.log().count("Traceback") for server in self.servers)

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()


@dataclass
class Stored:
    state: object
    log: list
    players: list
    game: object

    def replayed(self):
        return replay(self.game, self.players, self.log)

    def controls(self) -> list[dict]:
        return [a.payload for a in self.log if a.event == "control"]


def comparable(state) -> tuple:
    """The parts of a session state that replay must rebuild exactly."""
    return (
        {(i.id, i.round_id, i.kind, i.author_id, repr(sorted(dict(i.data).items())), i.hidden) for i in state.items},
        state.flow,
        {k: v.as_data() for k, v in state.rounds.items()},
    )


def replay_problems(stored: Stored) -> list[str]:
    """[] when replaying the log rebuilds the stored state exactly; else why not."""
    try:
        rebuilt = stored.replayed()
    except Exception as error:  # noqa: BLE001 - e.g. invalid_transition: the log is not a history
        return [f"replay failed: {error!r}"]
    return [] if comparable(rebuilt) == comparable(stored.state) else ["replay of the log != stored state"]


def assert_replays(stored: Stored) -> None:
    assert not replay_problems(stored)


def settle(count: Callable[[], int], expected: int, timeout: float = 10, quiet: float = 0.3) -> int:
    """Wait until ``count()`` reaches ``expected``, then a moment more for any extra to show;
    the final count."""
    deadline = time.monotonic() + timeout
    while count() < expected and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(quiet)
    return count()


@contextmanager
def topology(name: str, instance_root: Path) -> Iterator[Topology]:
    """Start the servers of one topology (gevent, as in production) and stop them after."""
    with ExitStack() as stack:
        if name == "sqlite":
            instance = instance_root / "sqlite"
            url = f"sqlite:///{instance / 'samenspel.sqlite3'}"
            env = {**RACE_ENV, "SAMENSPEL_DATABASE_URL": url}
            count = 1
        else:
            instance = instance_root / name
            url = stack.enter_context(postgres_database())
            env = {**RACE_ENV, "SAMENSPEL_DATABASE_URL": url}
            count = 1
            if name == "postgres-two-processes":
                env.update(
                    SAMENSPEL_MESSAGE_QUEUE=REDIS_URL, SAMENSPEL_MESSAGE_QUEUE_CHANNEL=f"race-{uuid.uuid4().hex}"
                )
                count = 2
        servers = []
        try:
            for index in range(count):
                servers.append(ServerProcess(instance / f"p{index}", env=env).start())
            topo = Topology(name, servers, url)
            yield topo
            topo.close()
        finally:
            for server in servers:
                server.stop()


def at_once(*calls: Callable[[], object], timeout: float = 20) -> list:
    """Run the calls on their own threads, released together by a barrier; their results in
    order (an exception is returned in place of its result)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        barrier.wait(timeout)
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, c), daemon=True) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results


class RaceClient(LiveClient):
    """A client that, like the phone's socket.js, also takes in the events its own acks carry
    (the sender of a change gets no broadcast about it, only its ack's ``events``)."""

    def call(self, event: str, payload=None, timeout: float = 10):
        ack = super().call(event, payload, timeout)
        if isinstance(ack, dict):
            for told in ack.get("events") or ():
                self._record(told["event"], told["data"])
        return ack

    def showing(self) -> int | None:
        """The round this client shows: its newest ``flow`` by sequence number."""
        flows = self.received("flow")
        return max(flows, key=lambda d: d.get("seq", 0))["flow"]["round_index"] if flows else None


class Table:
    """The clients of one race, closed together."""

    def __init__(self, topo: Topology):
        self.topo = topo
        self.clients: list[LiveClient] = []

    def connect(self, side: int = 0, **auth) -> RaceClient:
        client = RaceClient(self.topo.url(side), **auth).connect()
        self.clients.append(client)
        return client

    def close(self) -> None:
        close_all(self.clients)
        self.clients.clear()


def round_ids(client: LiveClient) -> list[str]:
    return [r["id"] for r in client.received("snapshot")[0]["game"]["rounds"]]


def play_to(console: LiveClient, round_id: str) -> dict:
    """From the lobby, move the session to ``round_id``; the last flow."""
    target = round_ids(console).index(round_id)
    flow = console.call("control", {"action": "start"})["flow"]
    while flow["round_index"] < target:
        ack = console.call("control", {"action": "next", "from_round": flow["round_index"]})
        assert ack["ok"], ack
        flow = ack["flow"]
    return flow


class Tally:
    """Trials and the ones that broke a rule, with the first few reasons."""

    def __init__(self, race: str):
        self.race = race
        self.trials = 0
        self.failures: list[str] = []

    def trial(self, problems: list[str]) -> None:
        self.trials += 1
        if problems:
            self.failures.append(f"trial {self.trials}: " + "; ".join(problems))

    def check(self) -> None:
        print(f"{self.race}: {len(self.failures)}/{self.trials} trials broke the rule")  # shown with -s or -rP
        assert self.trials > 0
        assert not self.failures, (
            f"{self.race}: {len(self.failures)}/{self.trials} trials broke the rule\n" + "\n".join(self.failures[:8])
        )


@contextmanager
def one_player_on_two_sockets(topo: Topology, round_id: str) -> Iterator[tuple]:
    """A new session moved to ``round_id``: ``(code, console, sockets, player, table)`` with
    one player connected twice (once on each side of the topology) and the table the race
    may connect more clients to. Everything is closed afterwards."""
    code, key = topo.open_game()
    fatima = topo.join(code, "Fatima", "inwoner")
    table = Table(topo)
    try:
        console = table.connect(0, code=code, key=key)
        sockets = [table.connect(side, code=code, token=fatima["token"]) for side in (0, 1)]
        play_to(console, round_id)
        yield code, console, sockets, fatima, table
    finally:
        table.close()
