"""The initiative: its sessions, its current action path and its progress, opened with the
facilitator key of any of its sessions (store/initiatives.py), and the facilitator's care
for the path between meetings (status, owner, date of any step; owners' links revoked).
Deleting the whole initiative is housekeeping (services/housekeeping.py).

The current action path is the plan of the initiative's latest session that has steps: a
follow-up imports the steps of the session it continues (services/steps.py), so its plan
carries the path on; a session without a plan (a closing game) leaves it where it was."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from samenspel.engine import steps as step_rules
from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics.plan import ordered, plan_steps
from samenspel.engine.state import SessionState
from samenspel.engine.views import FACILITATOR
from samenspel.services import access, steps
from samenspel.services.catalogue import game_for
from samenspel.services.context import Context
from samenspel.services.outcome import Outcome
from samenspel.store import initiatives as stored
from samenspel.store import owner_links
from samenspel.store import state as stored_state
from samenspel.store.models import GameSession, Initiative


@dataclass(frozen=True)
class Opened:
    initiative: Initiative
    sessions: list[GameSession]


def _open(db, initiative_id, key) -> Opened:
    """The initiative for this key, or ``bad_key``."""
    initiative = stored.opened_by_key(db, initiative_id, key)
    if initiative is None:
        raise Rejected("bad_key")
    return Opened(initiative, stored.sessions_of(db, initiative.id))


@contextmanager
def opening(ctx: Context, initiative_id, key, address: str | None = None, *, write: bool = False):
    """A transaction on the initiative this key opens (yields ``(db, Opened)``); a wrong key
    counts like a wrong room code, and an address over the limit is refused first."""
    guard = access.guarded(ctx, address)
    with guard, ctx.database.unit_of_work(write=write) as db:
        guard.check(db)
        yield db, _open(db, initiative_id, key)


def states(db, sessions: list[GameSession]) -> list[tuple[GameSession, SessionState]]:
    return [(s, stored_state.load(db, s, game_for(db, s))) for s in sessions]


def current_path(loaded: list[tuple[GameSession, SessionState]]) -> tuple[GameSession | None, list]:
    """The session that holds the current action path, and its steps."""
    for session, state in reversed(loaded):
        found = plan_steps(state)
        if found:
            return session, found
    return None, []


def progress(found: list) -> dict:
    """``done`` of ``total`` steps (dropped ones do not count), and how many in each status."""
    by_status = {status: 0 for status in step_rules.STATUSES}
    for step in found:
        by_status[step_rules.status_of(step.data)] += 1
    return {"done": by_status["done"], "total": len(found) - by_status["dropped"], "by_status": by_status}


def overview(ctx: Context, initiative_id, key, address: str | None = None) -> dict:
    """Everything the initiative page shows."""
    with opening(ctx, initiative_id, key, address) as (db, opened):
        loaded = states(db, opened.sessions)
        path_session, path = current_path(loaded)
        initiative = opened.initiative
        return {
            "id": initiative.id,
            "title": initiative.title,
            "question": initiative.question,
            "place": initiative.place,
            "created_ms": initiative.created_ms,
            "last_activity_ms": initiative.last_activity_ms,
            "sessions": [
                {
                    "code": s.code,
                    "game": state.game.title.get("nl"),
                    "game_title": state.game.title,
                    "status": s.status,
                    "created_ms": s.created_ms,
                    "ended_ms": s.ended_ms,
                    "progress": progress(plan_steps(state)),
                }
                for s, state in loaded
            ],
            "path": {
                "code": path_session.code if path_session else None,
                "steps": [steps.step_view(s) for s in ordered(path)],
                "progress": progress(path),
            },
            "links": [
                {
                    "id": link.id,
                    "name": participant.name,
                    "session": next((s.code for s in opened.sessions if s.id == participant.session_id), ""),
                    "created_ms": link.created_ms,
                    "revoked_ms": link.revoked_ms,
                    "removed": participant.removed_ms is not None,
                }
                for link, participant in owner_links.links_of(db, initiative.id)
            ],
        }


def path_session_of(ctx: Context, initiative_id: int) -> tuple[int, list[int]] | None:
    """The id of the session holding the initiative's current path, and its steps' ids."""
    with ctx.database.unit_of_work(write=False) as db:
        session, found = current_path(states(db, stored.sessions_of(db, initiative_id)))
        return (session.id, [s.id for s in found]) if session else None


def change_step(ctx: Context, initiative_id, key, step_id, form, address: str | None = None) -> Outcome:
    """The facilitator changes a step of the current path: ``status`` (with ``note``) and/or
    ``owner`` and ``due``. Each is one logged action on the step's session."""
    with opening(ctx, initiative_id, key, address):
        pass
    if not isinstance(form, dict):
        raise Rejected("bad_request", "send an object")
    found = path_session_of(ctx, initiative_id)
    if found is None or step_id not in found[1]:
        raise Rejected("not_found", f"no step {step_id} on this initiative's action path")
    session_id, outcome = found[0], None
    fields = {k: form[k] for k in ("owner", "due") if k in form}
    if fields:
        try:
            outcome = steps.edit(ctx, session_id, step_id, fields, actor=FACILITATOR)
        except Rejected as rejected:
            if rejected.code != "unchanged":
                raise
    if form.get("status") is not None:
        outcome = steps.set_status(ctx, session_id, step_id, form["status"], form.get("note"), actor=FACILITATOR)
    if outcome is None:
        raise Rejected("bad_request", "send a status, an owner or a date")
    return outcome


def revoke_link(ctx: Context, initiative_id, key, link_id, address: str | None = None) -> None:
    with opening(ctx, initiative_id, key, address, write=True) as (db, opened):
        if not owner_links.revoke(db, opened.initiative.id, link_id):
            raise Rejected("not_found", "no such link")
