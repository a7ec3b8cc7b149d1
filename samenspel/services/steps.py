"""Steps between meetings (issue 13): a follow-up session imports the action path of the
session it continues, and a step's status, owner and date change after the evening — by
its owner's link or from the initiative page.

Each change is an action logged on the step's own session, under that session's lock
(services/unit.py: one writer per session), applied through ``engine.apply`` like every
other event, so a replay of the session rebuilds it. Whoever wrote it is in the log's
``actor`` (``owner`` or ``facilitator``); an owner's link may belong to a participant of
another session than the step's (a step carried into a follow-up its owner did not join
through the link), so no participant id is logged. Every change counts as activity of the initiative (retention)."""

from __future__ import annotations

from samenspel.engine import step_events, steps
from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics.base import plain
from samenspel.engine.mechanics.plan import plan_steps
from samenspel.engine.state import SessionState
from samenspel.engine.views import FACILITATOR
from samenspel.services import tell
from samenspel.services.catalogue import game_for
from samenspel.services.context import Context
from samenspel.services.outcome import Outcome
from samenspel.services.unit import writing
from samenspel.store import state as stored_state
from samenspel.store.clock import now_ms
from samenspel.store.initiatives import touch

#: who changed a step, as the action log's ``actor`` says
OWNER = "owner"


def import_steps(db, session, state: SessionState, earlier) -> SessionState:
    """Carry the steps of ``earlier`` (a session of the same initiative) into ``session``'s
    first plan round, with their status and history, as one logged action. Called in the
    transaction that creates ``session`` (nobody else can know it yet). Nothing to carry, or
    no plan round to carry it to (a closing game without one): nothing is logged."""
    before = stored_state.load(db, earlier, game_for(db, earlier))
    carried = [{"origin": s.id, "data": plain(s.data)} for s in plan_steps(before)]
    if not carried or step_events.plan_round(state) is None:
        return state
    action = Action(step_events.IMPORT, {"from": earlier.code, "steps": carried}, now_ms())
    applied = stored_state.save(db, session, apply(state, action), action, actor=FACILITATOR, participant_id=None)
    return applied.state


def change(ctx: Context, session_id: int, event: str, payload: dict, *, actor: str) -> Outcome:
    """Apply a ``steps:status`` or ``steps:edit`` to a step of this session. A change that
    changes nothing (a resent update) is answered ``unchanged`` and not logged."""
    if event not in (step_events.STATUS, step_events.EDIT):
        raise Rejected("bad_request", f"unknown step change {event!r}")
    with writing(ctx, session_id) as unit:
        action = Action(event, payload, now_ms())
        try:
            applied = apply(unit.state(), action)
        except Rejected as rejected:
            if rejected.code != "unchanged":
                raise
            step = step_events.step_item(unit.state(), payload.get("id"))
            return Outcome({"ok": True, "unchanged": True, "step": step_view(step)}, session_id=unit.session.id)
        applied = unit.save(applied, action, actor=actor, participant_id=None)
        touch(unit.db, unit.session.initiative_id, action.at_ms)
        step = applied.state.item(payload["id"])
        return Outcome({"ok": True, "step": step_view(step)}, tell.items(unit, applied), unit.session.id)


def set_status(ctx: Context, session_id: int, step_id, status, note=None, *, actor: str = FACILITATOR) -> Outcome:
    return change(ctx, session_id, step_events.STATUS, {"id": step_id, "status": status, "note": note}, actor=actor)


def edit(ctx: Context, session_id: int, step_id, fields: dict, *, actor: str = FACILITATOR) -> Outcome:
    """The facilitator's change of a step's ``owner`` and/or ``due`` between meetings."""
    payload = {"id": step_id, **{k: fields[k] for k in ("owner", "due") if k in fields}}
    return change(ctx, session_id, step_events.EDIT, payload, actor=actor)


def step_view(item) -> dict:
    """A step as the owner's page and the initiative page read it (and their JSON replies)."""
    data = item.data
    return {
        "id": item.id,
        "what": data.get("what") or "",
        "owner": data.get("owner") or "",
        "partners": list(data.get("partners") or ()),
        "due": data.get("due"),
        "needs": data.get("needs") or "",
        "status": steps.status_of(data),
        "history": steps.history_of(data),
    }
