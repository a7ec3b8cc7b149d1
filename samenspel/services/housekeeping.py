"""The facilitator's care for a session: lock it against new joiners, choose whether the
shared plan names people, delete the whole session; and the retention clean-up."""

from __future__ import annotations

from samenspel.engine.errors import Rejected
from samenspel.engine.views import FACILITATOR
from samenspel.services.context import Context
from samenspel.services.outcome import Broadcast, Outcome
from samenspel.services.unit import ActorRef, Unit, acting
from samenspel.store import housekeeping


def _settings_told(unit: Unit) -> Broadcast:
    return unit.same_for_all("session", {"locked": unit.session.locked, "plan_anonymous": unit.session.plan_anonymous})


def set_locked(ctx: Context, ref: ActorRef, payload) -> Outcome:
    with acting(ctx, ref, FACILITATOR) as unit:
        locked = payload.get("locked") if isinstance(payload, dict) else None
        if not isinstance(locked, bool):
            raise Rejected("bad_request", "locked must be true or false")
        unit.session.locked = locked
        return Outcome({"ok": True, "locked": locked}, [_settings_told(unit)], unit.session.id, viewer=unit.viewer)


def set_plan_anonymous(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """Whether the shared plan (page and exports) names participants or only counts them."""
    with acting(ctx, ref, FACILITATOR) as unit:
        anonymous = payload.get("anonymous") if isinstance(payload, dict) else None
        if not isinstance(anonymous, bool):
            raise Rejected("bad_request", "anonymous must be true or false")
        unit.session.plan_anonymous = anonymous
        return Outcome(
            {"ok": True, "plan_anonymous": anonymous}, [_settings_told(unit)], unit.session.id, viewer=unit.viewer
        )


def delete_session(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """Everything of the session goes: participants, items, log (cascading foreign keys).
    The facilitator confirms by typing the session's code."""
    with acting(ctx, ref, FACILITATOR) as unit:
        code = payload.get("code") if isinstance(payload, dict) else None
        if code != unit.session.code:
            raise Rejected("bad_request", "confirm by sending the session's code")
        housekeeping.delete_session(unit.db, unit.session)
        deleted = Broadcast(None, lambda _viewer: ("session:deleted", {}))  # the sequence is gone too
        return Outcome({"ok": True}, [deleted], unit.session.id, viewer=unit.viewer)


def purge(ctx: Context, *, older_than_days: int) -> list[str]:
    """Delete sessions that ended longer ago than the retention period; return their codes."""
    with ctx.database.unit_of_work() as db:
        return housekeeping.purge_finished(db, older_than_days=older_than_days)
