"""The facilitator's care for a session: lock it against new joiners, choose whether the
shared plan names people, show the join QR code large on the projector, delete the whole
session or the whole initiative; and the retention clean-up, which counts from an
initiative's last activity. (Forgetting a participant's name: services/forgetting.py.)"""

from __future__ import annotations

from samenspel.engine.errors import Rejected
from samenspel.engine.views import FACILITATOR
from samenspel.services import initiatives
from samenspel.services.context import Context
from samenspel.services.outcome import Broadcast, Outcome
from samenspel.services.unit import ActorRef, Unit, acting
from samenspel.store import housekeeping
from samenspel.store import initiatives as initiative_store

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
