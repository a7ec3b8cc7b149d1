"""The unit of work of a use case, and who is acting in it.

One writer per session: ``writing`` opens a transaction and locks the session's row before
anything is read, so every decision of the use case — limits, plan-field revisions,
``client_id`` idempotency, the broadcast sequence — is made on state no other writer can
change until the commit. On PostgreSQL that is ``SELECT … FOR UPDATE`` (writers of one
session queue, other sessions run in parallel); on SQLite the transaction began with
``BEGIN IMMEDIATE`` and holds the database's write lock. Every state-changing use case
goes through here, so none can forget the lock. A database too busy to answer in time
gives the error code ``server_busy``.

``reading`` is for use cases that change nothing (snapshots, the plan page, exports).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from sqlalchemy.orm import Session

from samenspel.engine.apply import Applied
from samenspel.engine.errors import Rejected
from samenspel.engine.state import Player, SessionState
from samenspel.engine.views import FACILITATOR, PARTICIPANT, Viewer
from samenspel.rules.model import Game
from samenspel.services import states
from samenspel.services.batches import Batch
from samenspel.services.catalogue import game_for
from samenspel.services.context import Context
from samenspel.services.outcome import Broadcast, Build
from samenspel.store import state as stored_state
from samenspel.store.db import is_busy, lock_session
from samenspel.store.models import GameSession
from samenspel.store.sessions import flow_of, store_seq, take_seq


@dataclass(frozen=True)
class ActorRef:
    """Who is behind a socket, as the adapter keeps it between events (set at connect from
    the handshake, never from a payload). Checked again in every use case."""

    session_id: int
    kind: str
    participant_id: int | None = None
    lang: str = "nl"


@dataclass
class Unit:
    """One use case's transaction on one session."""

    ctx: Context
    db: Session
    session: GameSession
    game: Game
    viewer: Viewer | None = None
    _state: SessionState | None = None
    _version: int | None = None
    _loaded: bool = False
    _after: "tuple[int, SessionState] | None" = None
    seq_taken: bool = False  # a broadcast took a sequence number: store it before the commit

    @property
    def player(self) -> Player | None:
        return self.viewer.player if self.viewer else None

    def state(self) -> SessionState:
        """The session's state, read once per use case: kept in this process at its version
        (services/states.py), else loaded."""
        if self._state is None:
            self._version = stored_state.version(self.db, self.session)
            kept = self.ctx.states.get(states.key(self.session), self._version)
            if kept is not None:
                self._state = replace(kept, game=self.game, flow=flow_of(self.session))
            else:
                self._state = stored_state.load(self.db, self.session, self.game)
                self._loaded = True
        return self._state

    def save(self, applied: Applied, action, **logged) -> Applied:
        """Store and log what ``applied`` changed; its state is kept after the commit."""
        applied = stored_state.save(self.db, self.session, applied, action, **logged)
        self._after = (stored_state.logged(self.db), stored_state.stored(applied))
        return applied

    def to_keep(self) -> "tuple[int, SessionState] | None":
        """The state this unit leaves, and its version, once committed: the one it saved
        last, or the one it loaded when it logged nothing; None when something else was
        logged after (a write outside ``save``, e.g. a name forgotten in the items)."""
        last = stored_state.logged(self.db)
        if last is None:
            return (self._version, self._state) if self._loaded else None
        return self._after if self._after is not None and self._after[0] == last else None

    def broadcast(self, build: Build) -> Broadcast:
        """A broadcast numbered with the session's next sequence number (the row is locked),
        shaped per audience; the row keeps which ``seq`` each audience was sent last."""
        told = Broadcast.numbered((self.session.seq or 0) + 1, build, self.session.audience_seq or {})
        self.seq_taken = True
        take_seq(self.session, told.heard_after())
        return told

    def same_for_all(self, event: str, payload: dict) -> Broadcast:
        return self.broadcast(lambda _viewer: (event, payload))


@contextmanager
def writing(ctx: Context, session_id: int) -> Iterator[Unit]:
    """A write transaction holding the session's lock (its turn in this process first,
    services/turns.py, so a waiting writer holds no database connection). On PostgreSQL the
    writers queued for the turn share one transaction and one commit (services/batches.py);
    each returns once the commit holding its writes succeeded."""
    if not Batch.enabled(ctx):
        with ctx.turns.turn(session_id), unit_of_work(ctx, lambda db: (lock_session(db, session_id), None)) as unit:
            yield unit
        return
    with ctx.turns.turn(session_id) as queue:
        batch, queue.batch = queue.batch, None
        if batch is None:
            batch = Batch(ctx, session_id)
        try:
            unit = _member(ctx, batch)
            yield unit
            batch.accept(unit)
        except BaseException as error:
            if batch.wrote_since_seed():  # its half-done writes must not be committed
                batch.finish(error)
                if is_busy(error):  # e.g. a lock not granted in time: nothing of it holds
                    raise Rejected("server_busy", "the database could not serve this in time") from None
                raise
            _pass_on(queue, batch)  # refused before writing: the others' writes go on
            raise
        _pass_on(queue, batch)
    batch.wait()


def _member(ctx: Context, batch: Batch) -> Unit:
    """A writer's unit in the shared transaction, starting from the state the one before left."""
    unit = Unit(ctx, batch.db, batch.session, batch.game)
    kept = batch.seed()
    if kept is not None:
        unit._version, unit._state = kept[0], replace(kept[1], game=batch.game, flow=flow_of(batch.session))
    return unit


def _pass_on(queue, batch: Batch) -> None:
    """Leave the transaction open for the next writer waiting for this session's turn, or
    commit it for every member when nobody waits (or enough share it already)."""
    if queue.waiting > 0 and not batch.full():
        queue.batch = batch
    else:
        batch.finish()


@contextmanager
def reading(ctx: Context, session_id: int) -> Iterator[Unit]:
    """A read-only transaction: a consistent snapshot, no lock."""
    with unit_of_work(ctx, lambda db: (db.get(GameSession, session_id), None), write=False) as unit:
        yield unit


@contextmanager
def unit_of_work(ctx: Context, find: Callable, *, write: bool = True) -> Iterator[Unit]:
    """A transaction on the session ``find(db)`` names (with the viewer, when it knows
    them); once it is committed, the state it leaves is kept (services/states.py)."""
    with ctx.database.unit_of_work(write=write) as db:
        session, viewer = find(db)
        if session is None:
            raise Rejected("unknown_session")
        unit = Unit(ctx, db, session, game_for(db, session), viewer)
        yield unit
        if unit.seq_taken:
            store_seq(db, session)
        kept, name = unit.to_keep(), states.key(session)
    if kept is not None:
        ctx.states.put(name, *kept)


@contextmanager
def acting(ctx: Context, ref: ActorRef, *kinds: str, write: bool = True) -> Iterator[Unit]:
    """A use case done by the actor behind ``ref``, who must be one of ``kinds``; a player
    removed meanwhile is refused."""
    with (writing if write else reading)(ctx, ref.session_id) as unit:
        unit.viewer = viewer_of(unit, ref)
        if unit.viewer.kind not in kinds:
            raise Rejected("not_allowed", f"{unit.viewer.kind} cannot do this")
        yield unit


def viewer_of(unit: Unit, ref: ActorRef) -> Viewer:
    """The actor as the session's state knows them: a participant must be one of its active
    players (the state is the session's at its version: kept, or loaded, no extra query)."""
    if ref.kind == PARTICIPANT:
        player = unit.state().player(ref.participant_id) if ref.session_id == unit.session.id else None
        if player is None:
            raise Rejected("unknown_participant")
        return Viewer(PARTICIPANT, player)
    return Viewer(ref.kind)


__all__ = ["ActorRef", "FACILITATOR", "Unit", "acting", "reading", "unit_of_work", "viewer_of", "writing"]
