"""The facilitator's care for a session: lock it against new joiners, choose whether the
shared plan names people, show the join QR code large on the projector, delete the whole
session or the whole initiative; a forgotten participant forgotten in the later sessions
of their initiative too; and the retention clean-up, which counts from an initiative's last
activity."""

from __future__ import annotations

from samenspel.engine import forget as forget_rules
from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.views import FACILITATOR
from samenspel.services import initiatives
from samenspel.services.catalogue import game_for
from samenspel.services.context import Context
from samenspel.services.outcome import Broadcast, Outcome
from samenspel.services.unit import ActorRef, Unit, acting
from samenspel.store import forget as forgetting
from samenspel.store import housekeeping
from samenspel.store import initiatives as initiative_store
from samenspel.store.clock import now_ms
from samenspel.store.db import lock_session
from samenspel.store.sessions import store_seq

#: the session's settings every screen is told of (the "session" broadcast, docs/protocol.md)
SETTINGS = ("locked", "plan_anonymous", "qr_large")


def _settings_told(unit: Unit) -> Broadcast:
    return unit.same_for_all("session", {name: getattr(unit.session, name) for name in SETTINGS})


def _set(ctx: Context, ref: ActorRef, payload, key: str, setting: str) -> Outcome:
    """The facilitator switches one of the session's settings (``payload[key]``, true or false)."""
    with acting(ctx, ref, FACILITATOR) as unit:
        value = payload.get(key) if isinstance(payload, dict) else None
        if not isinstance(value, bool):
            raise Rejected("bad_request", f"{key} must be true or false")
        setattr(unit.session, setting, value)
        return Outcome({"ok": True, setting: value}, [_settings_told(unit)], unit.session.id, viewer=unit.viewer)


def set_locked(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """A locked session takes no new players (the join page says so before anything is typed)."""
    return _set(ctx, ref, payload, "locked", "locked")


def set_plan_anonymous(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """Whether the shared plan (page and exports) names participants or only counts them."""
    return _set(ctx, ref, payload, "anonymous", "plan_anonymous")


def set_qr_large(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """Whether the projector shows the join QR code large over the round (for latecomers)."""
    return _set(ctx, ref, payload, "large", "qr_large")


def delete_session(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """Everything of the session goes: participants, items, log (cascading foreign keys).
    The facilitator confirms by typing the session's code."""
    with acting(ctx, ref, FACILITATOR) as unit:
        code = payload.get("code") if isinstance(payload, dict) else None
        if code != unit.session.code:
            raise Rejected("bad_request", "confirm by sending the session's code")
        housekeeping.delete_session(unit.db, unit.session)
        ctx.states.drop(unit.session.code)
        return Outcome({"ok": True}, [_deleted()], unit.session.id, viewer=unit.viewer)


def purge(ctx: Context, *, older_than_days: int, now: int | None = None) -> list[str]:
    """Retention: delete the initiatives with no activity in the retention period, each with
    all its sessions (store/housekeeping.py ``purge_expired``); return the sessions' codes."""
    with ctx.database.unit_of_work() as db:
        codes = housekeeping.purge_expired(db, older_than_days=older_than_days, now=now)
    for code in codes:
        ctx.states.drop(code)
    return codes


def delete_initiative(ctx: Context, initiative_id, key, address: str | None = None) -> list[str]:
    """The facilitator (with the key of any of its sessions) deletes the initiative: every
    session of it goes, with everything in them and the owners' links; screens still open
    on one of them are told ``session:deleted``. Returns the sessions' codes."""
    with initiatives.opening(ctx, initiative_id, key, address, write=True) as (db, opened):
        gone = [(s.id, s.code) for s in opened.sessions]
        initiative_store.delete_initiative(db, opened.initiative)
    for session_id, code in gone:
        ctx.states.drop(code)
        ctx.send(Outcome({"ok": True}, [_deleted()], session_id), None)
    return [code for _id, code in gone]


def _deleted() -> Broadcast:
    return Broadcast(None, lambda _viewer: ("session:deleted", {}))  # the sequence is gone too


def forget_later(unit: Unit, participant_id: int, name: str, *, actor: str) -> list[tuple[str, Outcome]]:
    """In the transaction that forgets a participant of ``unit``'s session: every later
    session of its initiative, where the steps carried the name (owner, partners, history
    notes, a review's record), forgets them too — under its own lock, taken after the first
    session's in the order the sessions were made, so two of these never wait on each other.
    Each session whose steps change logs a ``steps:forget`` (engine/forget.py: a carried
    claim loses the name, and the session's state gets a new version, so no process keeps
    the old texts), then the name is scrubbed from its items and log as in their own
    session. Returns, per session that changed, its code and the ``resync`` its screens
    need (``tell_later`` after the commit)."""
    told = []
    for later in forgetting.later_sessions(unit.db, unit.session):
        later = lock_session(unit.db, later.id)
        other = Unit(unit.ctx, unit.db, later, game_for(unit.db, later))
        state = other.state()
        changes = forget_rules.forget(state, participant_id, name)
        if changes:
            action = Action(forget_rules.EVENT, {"participant_id": participant_id}, now_ms())
            other.save(apply(state, action), action, actor=actor, participant_id=None)
        forgetting.redact(unit.db, later, changes, name)  # the log too, whatever the items hold
        if changes:
            resync = other.same_for_all("resync", {"reason": "forgotten"})
            told.append((later.code, Outcome({"ok": True}, [resync], later.id)))
            store_seq(unit.db, later)
    return told


def tell_later(ctx: Context, told: list[tuple[str, Outcome]]) -> None:
    """After the commit: the later sessions' kept states go (their texts changed behind the
    cache's back), and their screens fetch a fresh snapshot."""
    for code, outcome in told:
        ctx.states.drop(code)
        ctx.send(outcome, None)
