"""A step owner joins the initiative's next session through their own link (``/o/<token>``).

A follow-up imports the earlier plan's steps with their owner's ``owner_id``, a participant
of the earlier session; in the follow-up that person is a new participant. Joined the usual
way (the QR code) they are a stranger to their own steps. Their link is their proof of
identity (only they hold it; the server knows whose it is), so joining through it makes the
newcomer continue that earlier participant, in one transaction under the follow-up's lock:

- the join itself, through the join flow every phone takes (people.admit: ended, locked and
  seat checks, the logged ``join``), with their earlier name and role unless they changed them;
- the newcomer recorded as continuing the earlier participant (``participants.continues_id``);
- ``steps:continue`` (engine/step_events.py), a logged action applied through the engine like
  every other, so a replay rebuilds it: the carried steps whose ``owner_id`` is the earlier
  participant become the newcomer's, so their phone's ``own_steps``, a review with
  ``status_by: owner`` and "ik pak dit op" know them by id;
- the link moves to the newcomer: it keeps working and reaches their steps there, and the
  earlier participant's phone asking ``owner:link`` is given this same link (one person, one
  link, store/owner_links.py).

Nothing in a payload says who anyone is: the link's token does. Once they play in it, the
same link lets them in again on another phone with a new token for the same participant (the
phone before loses its place) — never a second participant. Refused: an unknown token, a
revoked link, a removed or forgotten participant (``link_gone``), no session open to join
(``session_ended``), and whatever refuses any join (locked, full, a full role, a bad name):
in one transaction, so a refusal leaves everything as it was."""

from __future__ import annotations

from dataclasses import dataclass

from samenspel.engine import step_events, views
from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.views import PARTICIPANT
from samenspel.rules.model import Role
from samenspel.services import owners, people, tell
from samenspel.services.context import Context
from samenspel.services.outcome import Outcome
from samenspel.services.unit import Unit, writing
from samenspel.store import initiatives as stored
from samenspel.store import owner_links, participants
from samenspel.store.clock import now_ms
from samenspel.store.models import Participant


@dataclass(frozen=True)
class FollowUp:
    """The session an owner's page offers to join: the initiative's latest one that has not
    ended, from the owner's own session on."""

    code: str
    created_ms: int
    joined: bool  # the link's participant plays in it already (then: in again on this phone)
    closed: str | None  # why a newcomer cannot join now ("locked", "full"), people.Door
    roles: tuple[Role, ...]  # the roles with room
    role: str | None  # their earlier role, when it has room here
    name: str  # their earlier name


def offer(ctx: Context, owner: owners.Owner) -> FollowUp | None:
    """What the owner's page offers: the open session to join, or None."""
    with ctx.database.unit_of_work(write=False) as db:
        session = stored.open_session_since(db, owner.initiative_id, owner.session_id)
        if session is None:
            return None
        code, created_ms, session_id = session.code, session.created_ms, session.id
    door = people.door(ctx, session_id)
    role = owner.role if any(r.id == owner.role for r in door.roles) else None
    joined = session_id == owner.session_id
    return FollowUp(code, created_ms, joined, None if joined else door.closed, door.roles, role, owner.name)


def join(ctx: Context, token, form, address: str | None = None) -> Outcome:
    """``POST /o/<token>/join`` ``{name?, role?}``: the link's owner joins (or, already in it,
    comes back into) the initiative's open session. The ack: ``{token, participant, code,
    url}`` — the new participant token, shown this once."""
    if form is not None and not isinstance(form, dict):
        raise Rejected("bad_request", "send an object")
    owner = owners.owner_of(ctx, token, address)  # unknown (counts), revoked, removed
    with ctx.database.unit_of_work(write=False) as db:
        session = stored.open_session_since(db, owner.initiative_id, owner.session_id)
        session_id = session.id if session is not None else None
    if session_id is None:
        raise Rejected("session_ended", "no session of the initiative is open to join")
    with writing(ctx, session_id) as unit:
        link, earlier = _still_theirs(unit, token)
        if earlier.session_id == unit.session.id:
            outcome = _in_again(unit, earlier)
        elif earlier.session_id < unit.session.id:
            outcome = _continue(unit, link.id, earlier, form or {})
        else:  # the link moved on to a later session meanwhile
            raise Rejected("not_allowed", "this link belongs to a later session now")
        code = unit.session.code
        outcome.ack = {**outcome.ack, "code": code, "url": ctx.links.join_url(code)}
        return outcome


def _still_theirs(unit: Unit, token) -> tuple:
    """The link and its participant, read again under the session's lock."""
    link = owner_links.by_token(unit.db, token)
    earlier = unit.db.get(Participant, link.participant_id) if link is not None else None
    if link is None or link.revoked_ms is not None or earlier is None or earlier.removed_ms is not None:
        raise Rejected("link_gone")
    if unit.session.initiative_id != link.initiative_id:
        raise Rejected("not_allowed", "this link belongs to another initiative")
    return link, earlier


def _continue(unit: Unit, link_id: int, earlier: Participant, form: dict) -> Outcome:
    fields = {"name": _given(form, "name", earlier.name), "role": _given(form, "role", earlier.role)}
    admitted = people.admit(unit, fields)
    player = admitted.player
    participants.record_continuing(unit.db, player.id, earlier.id)
    if not owner_links.hand_over(unit.db, link_id, earlier.id, player.id):
        raise Rejected("link_gone")  # another join took the link a moment ago: undo this one
    payload = {"participant_id": earlier.id, "renamed": player.name != earlier.name}
    action = Action(step_events.CONTINUE, payload, now_ms(), player)
    applied = apply(admitted.state, action)
    outcome = admitted.outcome
    if applied.changes:  # none carried over with their claim: nothing to log
        applied = unit.save(applied, action, actor=PARTICIPANT, participant_id=player.id)
        outcome.broadcasts += tell.items(unit, applied)
    return outcome


def _in_again(unit: Unit, participant: Participant) -> Outcome:
    """Already in this session: the same participant, with a new token for this phone."""
    token = participants.renew_token(participant)
    player = participants.as_player(participant)
    return Outcome({"token": token, "participant": views.player_view(player)}, session_id=unit.session.id)


def _given(form: dict, field: str, earlier: str):
    """A field as sent, or the earlier participant's when left out or blank."""
    value = form.get(field)
    return earlier if value is None or (isinstance(value, str) and not value.strip()) else value
