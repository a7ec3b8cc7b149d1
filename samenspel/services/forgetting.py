"""Forgetting a person's name (``leave`` / ``participant:remove`` with ``forget_name``) in
every record the initiative holds of them, in one transaction.

**One person, several records.** Whoever joins a follow-up through their owner's link
continues their earlier participant record (``participants.continues_id``,
services/continuing.py); they are one person, so "forget my name" said in any session
reaches all of them: the earlier records (back along ``continues_id``), whoever continues
any of them (forwards), each in its own session and in every later session of the
initiative, where the steps carried their names. A record still playing is removed by a
logged ``remove`` (``forget_name``: its claims lose the name; its token and owner's link
stop working); a session whose carried steps hold a claim of a record elsewhere logs a
``steps:forget`` for it; every name of the person is scrubbed from the items and the logged
payloads (engine/forget.py), so a replay of each session's log equals what is stored. The
facilitator's removal with ``forget_name`` follows the same rule.

**Locks in one order: from the person's earliest record forward.** Each session has one
writer (its row's lock, services/unit.py). Forgetting from a follow-up back into the
session it continues would take the earlier session's lock while holding the later one's —
and whoever forgets the earlier record at the same moment holds the earlier one and wants
the later: a deadlock (tests/scaled/test_forgetting_race.py sees PostgreSQL break one in
about half the tries when the follow-up is locked first). So every forgetting starts at the
session of the person's earliest record (``continues_id`` never changes once set, so it is
found before any lock), takes that session's lock through the ordinary writer's turn, then
every later session of the initiative in the order they were made (as the existing
forgetting of later sessions always did), and only then reads the records, under the
locks. Nobody holds a later session's lock while waiting for an earlier one's: a
follow-up being made locks only the session it imports from (services/create.py), a join
through a link only its own session. Two forgetters of one person queue on the first
session; the second finds the person forgotten (a ``leave`` is then refused
``unknown_participant``, a removal ``not_found``: nothing is left to do).

**One transaction, so never half-done.** Forgetting the follow-up first and the earlier
sessions in a second transaction would also keep the order, but a failure between the two
(busy, a crash) would leave the person half-forgotten, to be found and finished later. In
one transaction a failure (``server_busy``, also a deadlock the database broke) rolls
everything back and is answered as such, so the phone or console can simply send it again.
The price is a longer transaction over the initiative's sessions, for a rare event.

**A join through the link at the same moment.** Records are read again after the owner's
links are revoked: on PostgreSQL the revoke waits for a join that is moving the link on,
whose new record the next read then finds (its session is locked and forgotten too); a join
that comes after the revoke is refused (``link_gone``). A follow-up made meanwhile is
listed once the lock of the session it imports from is ours. On SQLite one writer at a time
makes all of this sequential."""

from __future__ import annotations

from dataclasses import dataclass, field

from samenspel.engine import forget as rules
from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.state import SessionState
from samenspel.services import tell
from samenspel.services.catalogue import game_for
from samenspel.services.context import Context
from samenspel.services.outcome import Outcome
from samenspel.services.unit import ActorRef, Unit, viewer_of, writing
from samenspel.store import forget as store
from samenspel.store import housekeeping, participants
from samenspel.store.clock import now_ms
from samenspel.store.db import lock_session
from samenspel.store.models import GameSession, Participant
from samenspel.store.sessions import store_seq
from samenspel.store.state import save


def forget(ctx: Context, ref: ActorRef, participant_id, *, by: str) -> Outcome:
    """``participant_id`` (of ``ref``'s session) leaves, or is removed by the facilitator
    (``by``), with their name forgotten in every record of them; the answer for ``ref``'s
    session. Every other session that changed is told after the commit."""
    with ctx.database.unit_of_work(write=False) as db:
        first_id = store.first_session_of(db, participant_id, ref.session_id)
    with writing(ctx, first_id) as first:
        locked = Locked(first)
        locked.take_later()
        own = locked.units.get(ref.session_id)
        if own is None:  # the session went (deleted) while this waited
            raise Rejected("unknown_session")
        own.viewer = viewer_of(own, ref)
        if own.viewer.kind != by:
            raise Rejected("not_allowed", f"{own.viewer.kind} cannot do this")
        record = housekeeping.participant_in(own.db, own.session, participant_id)
        records = locked.person(record)
        names = [r.name for r in records if r.name]
        told = {unit.session.id: _forget_in(unit, records, names, by) for unit in locked.ascending()}
        for forgotten in records:  # last: every session was scrubbed of their names first
            forgotten.name = store.NAME_REMOVED
        for unit in locked.ascending():
            if unit is not first and unit.seq_taken:
                store_seq(unit.db, unit.session)
    ctx.states.drop(own.session.code)  # no process keeps the texts with the name
    tell_changed(
        ctx,
        [(locked.units[i].session.code, o) for i, outcomes in told.items() if i != own.session.id for o in outcomes],
    )
    mine = told[own.session.id]
    return Outcome(
        {"ok": True},
        [broadcast for outcome in mine for broadcast in outcome.broadcasts],
        own.session.id,
        viewer=own.viewer,
        author=participants.as_player(record),
        headcount=next(o.headcount for o in mine if o.headcount),
    )


@dataclass
class Locked:
    """The sessions this transaction holds, each with its unit: the first through the
    writer's turn, the rest locked after it in the order they were made."""

    first: Unit
    units: dict[int, Unit] = field(default_factory=dict)

    def __post_init__(self):
        self.units[self.first.session.id] = self.first

    def take(self, sessions) -> None:
        for session in sorted(sessions, key=lambda s: s.id):
            if session.id in self.units:
                continue
            row = lock_session(self.first.db, session.id)
            if row is not None:  # deleted meanwhile: nothing of it to forget
                self.units[row.id] = Unit(self.first.ctx, self.first.db, row, game_for(self.first.db, row))

    def take_later(self) -> None:
        """Every later session of the initiative, listed again until a listing finds no new
        one: a follow-up made meanwhile took its earlier session's lock to import the steps
        (services/create.py), so it is committed, and listed, once that lock is ours."""
        while True:
            held = len(self.units)
            self.take(store.later_sessions(self.first.db, self.first.session))
            if len(self.units) == held:
                return

    def ascending(self) -> list[Unit]:
        return [self.units[i] for i in sorted(self.units)]

    def person(self, record: Participant) -> list[Participant]:
        """Every record of the person, once no join through their link can add one: their
        links revoked, read again, until a read finds nobody new (each new record's
        session locked first)."""
        db, at_ms = self.first.db, now_ms()
        records = store.person(db, record)
        while True:
            self.take(db.get(GameSession, r.session_id) for r in records if r.session_id not in self.units)
            store.revoke_links(db, [r.id for r in records], at_ms)
            again = store.person(db, record)
            if [r.id for r in again] == [r.id for r in records]:
                return again
            records = again


def _forget_in(unit: Unit, records: list[Participant], names: list[str], by: str) -> list[Outcome]:
    """The person forgotten in ``unit``'s session: their records here removed (a logged
    ``remove``), the claims of their records elsewhere forgotten (a logged ``steps:forget``
    each), every name of theirs scrubbed from the items and the log. What the session is
    told: each removal (its phone in its own room) and a ``resync`` when texts changed."""
    state = unit.state()
    changes = rules.forget(state, [r.id for r in records], names)
    at_ms, told = now_ms(), []
    here = {r.id for r in records if r.session_id == unit.session.id}
    for record in records:
        if record.id in here and record.removed_ms is None:
            player = _player(state, record)
            state = _log(unit, state, Action("remove", {"forget_name": True}, at_ms, player), by)
            housekeeping.mark_removed(unit.db, record, at_ms=at_ms)
            removed = {"participant_id": record.id, "name_removed": True}
            roster = tell.roster(unit, "participant:removed", removed, record.id)
            headcount = (len(state.players), unit.session.seq)
            told.append(Outcome({"ok": True}, [roster], unit.session.id, author=player, headcount=headcount))
    logged = bool(told)
    for record in records:
        # a claim carried here from another of their records; or, when only texts change
        # here, one logged action all the same: the session's state takes a new version,
        # so no process keeps the old texts
        if record.id not in here and (_claimed(state, record.id) or (changes and not logged)):
            state = _log(unit, state, Action(rules.EVENT, {"participant_id": record.id}, at_ms), by)
            logged = True
    store.redact(unit.db, unit.session, changes, names)  # the log too, whatever the items hold
    if changes:
        resync = unit.same_for_all("resync", {"reason": "forgotten"})
        told.append(Outcome({"ok": True}, [resync], unit.session.id))
    return told


def _log(unit: Unit, state: SessionState, action: Action, by: str) -> SessionState:
    """Apply and log a redacting action: stored like any, but never kept as the session's
    state (the items are written scrubbed by ``store.redact``, not by the engine)."""
    participant_id = action.player.id if action.event == "remove" else None
    return save(unit.db, unit.session, apply(state, action), action, actor=by, participant_id=participant_id).state


def _player(state: SessionState, record: Participant):
    return state.player(record.id) or participants.as_player(record)


def _claimed(state: SessionState, participant_id: int) -> bool:
    """A step claimed by them that still names its claimer (the claim rule would change it)."""
    return any(
        i.kind == "step" and i.data.get("owner_id") == participant_id and i.data.get("owner") != rules.PLACEHOLDER
        for i in state.items
    )


def tell_changed(ctx: Context, told: list[tuple[str, Outcome]]) -> None:
    """After the commit: the other sessions' kept states go (their texts changed behind the
    cache's back), and their screens are told."""
    for code, outcome in told:
        ctx.states.drop(code)
        ctx.send(outcome, None)
