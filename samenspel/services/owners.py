"""A step owner's own link (issue 13): asked for by the participant's phone (``owner:link``),
opened as ``/o/<token>`` without an account; it reaches that participant's steps on their
initiative's current action path and shows the whole path read-only.

Refused: an unknown token (counts against the address like a wrong room code, so guessing
is rate-limited the same way), a revoked link, a participant removed or forgotten since
(``link_gone``), another person's step (``not_allowed``)."""

from __future__ import annotations

from dataclasses import dataclass

from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics.plan import ordered
from samenspel.engine.views import PARTICIPANT
from samenspel.services import access, initiatives, steps
from samenspel.services.context import Context
from samenspel.services.outcome import Outcome
from samenspel.services.unit import ActorRef, acting
from samenspel.store import owner_links
from samenspel.store.models import Initiative, Participant


def link(ctx: Context, ref: ActorRef, _payload=None) -> Outcome:
    """``owner:link``: the participant's own link (the same one again after a reload)."""
    with acting(ctx, ref, PARTICIPANT, write=False) as unit:
        participant = unit.db.get(Participant, ref.participant_id)
        initiative_id = unit.session.initiative_id
    with ctx.database.unit_of_work() as db:
        participant = db.get(Participant, participant.id)
        _link, token = owner_links.link_for(db, participant, initiative_id, ctx.config["SECRET_KEY"])
    return Outcome({"ok": True, "url": ctx.links.owner_url(token)})


@dataclass(frozen=True)
class Owner:
    """The participant a working link reaches now (services/continuing.py moves a link on)."""

    participant_id: int
    name: str
    initiative_id: int
    session_id: int
    role: str


def _owner(ctx: Context, token, address: str | None) -> Owner:
    guard = access.guarded(ctx, address)
    with guard, ctx.database.unit_of_work() as db:
        guard.check(db)
        found = owner_links.by_token(db, token)
        if found is None:
            raise Rejected("unknown_participant")  # a guess: counts like a wrong room code
        participant = db.get(Participant, found.participant_id)
        if found.revoked_ms is not None or participant is None or participant.removed_ms is not None:
            raise Rejected("link_gone")
        return Owner(participant.id, participant.name, found.initiative_id, participant.session_id, participant.role)


#: the owner a token opens, refused like the page (their calendar: services/initiative_exports.py)
owner_of = _owner


def page(ctx: Context, token, address: str | None = None) -> dict:
    """What the owner's page shows: their steps (to update) and the whole path (to read);
    ``owner`` is who the link reaches (for the follow-up it offers, services/continuing.py)."""
    owner = _owner(ctx, token, address)
    with ctx.database.unit_of_work(write=False) as db:
        initiative = db.get(Initiative, owner.initiative_id)
        loaded = initiatives.states(db, initiatives.stored.sessions_of(db, owner.initiative_id))
        _session, path = initiatives.current_path(loaded)
        path = ordered(path)
        return {
            "owner": owner,
            "name": owner.name,
            "initiative": {"title": initiative.title, "question": initiative.question, "place": initiative.place},
            "mine": [steps.step_view(s) for s in path if s.data.get("owner_id") == owner.participant_id],
            "path": [steps.step_view(s) for s in path],
            "progress": initiatives.progress(path),
        }


def update(ctx: Context, token, step_id, payload, address: str | None = None) -> Outcome:
    """``POST /o/<token>/steps/<id>`` ``{status, note?}``: only the owner's own step on the
    current path; one logged action on the step's session."""
    owner = _owner(ctx, token, address)
    if not isinstance(payload, dict):
        raise Rejected("bad_request", "send a JSON object")
    found = initiatives.path_session_of(ctx, owner.initiative_id)
    if found is None or step_id not in found[1]:
        raise Rejected("not_allowed", "that is not your step")
    session_id = found[0]
    with ctx.database.unit_of_work(write=False) as db:
        state = initiatives.states(db, [db.get(initiatives.GameSession, session_id)])[0][1]
        step = state.item(step_id)
    if step is None or step.data.get("owner_id") != owner.participant_id:
        raise Rejected("not_allowed", "that is not your step")
    return steps.set_status(ctx, session_id, step_id, payload.get("status"), payload.get("note"), actor=steps.OWNER)
