"""Who plays: joining (a phone over HTTP, or a player without a phone added by the
facilitator), leaving, and being removed. Each is a logged action the engine applies."""

from __future__ import annotations

from dataclasses import dataclass

from samenspel.engine import views
from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import Status
from samenspel.engine.seats import roles_with_room
from samenspel.engine.state import Player, SessionState
from samenspel.engine.views import FACILITATOR, PARTICIPANT
from samenspel.rules.model import Role
from samenspel.services import access, forgetting, tables, tell
from samenspel.services.context import Context
from samenspel.services.outcome import Broadcast, Outcome
from samenspel.services.play import apply_and_save
from samenspel.services.unit import ActorRef, Unit, acting, reading
from samenspel.store import housekeeping, participants
from samenspel.store.clock import now_ms


@dataclass(frozen=True)
class Door:
    """Whether a newcomer can join right now, and if not, why: the join page says so before
    anything is typed (and asks again while it is open), instead of refusing after the role."""

    closed: str | None  # None (open), "ended", "locked" or "full" — the first that applies
    roles: tuple[Role, ...]  # the roles with room (engine/seats.py)
    every_role: tuple[Role, ...]  # the game's roles: the page draws them all, shows those with room


def door(ctx: Context, session_id: int) -> Door:
    """The join page's door: the same checks ``participants.join`` makes, read without the lock."""
    with reading(ctx, session_id) as unit:
        session = unit.session
        roles = roles_with_room(unit.game, participants.roles_taken(unit.db, session), ctx.config["MAX_PARTICIPANTS"])
        closed = "ended" if session.status == Status.ENDED.value else "locked" if session.locked else None
        return Door(closed or (None if roles else "full"), roles, tuple(unit.game.roles))


def join(ctx: Context, code, form, address: str | None) -> Outcome:
    """A phone joins by room code; the ack holds the participant's secret token (once).
    A code this process found before goes straight to the session's write transaction (the
    address's limit checked there); a new one is looked up in its own short transaction
    first, so a miss counts against the address even when nothing else happens."""
    with access.writing_by_code(ctx, code, address) as unit:
        if not isinstance(form, dict):
            raise Rejected("bad_request", "send a JSON object")
        return admit(unit, form, wished=form.get("table")).outcome


@dataclass(frozen=True)
class Admitted:
    """A newcomer let in: what to answer and tell, who they are, and the session's state
    with them in it (for a use case that goes on in the same transaction)."""

    outcome: Outcome
    player: Player
    state: SessionState


def admit(unit: Unit, form: dict, *, wished=None) -> Admitted:
    """The join itself, in ``unit`` (the session's write transaction): the same checks for
    every way in (ended, locked, the seats) and the logged join. The ack holds the
    participant's secret token, shown this once. ``wished``: the table of a QR code."""
    participant, token = _add(unit, form, proxy=False)
    told, player, headcount, state = _announce(unit, participant, wished=wished)
    ack = {"token": token, "participant": views.player_view(player)}
    outcome = Outcome(ack, told, unit.session.id, headcount=headcount, overview=player.table is not None)
    return Admitted(outcome, player, state)


def add_proxy(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """The facilitator adds a player without a phone and types for them."""
    with acting(ctx, ref, FACILITATOR) as unit:
        payload = payload if isinstance(payload, dict) else {}
        participant, _token = _add(unit, payload, proxy=True)
        told, player, headcount, _state = _announce(unit, participant)
        ack = {"ok": True, "participant": views.player_view(player)}
        return Outcome(
            ack, told, unit.session.id, viewer=unit.viewer, headcount=headcount, overview=player.table is not None
        )


def _add(unit: Unit, form: dict, *, proxy: bool):
    state = unit.state()  # the state before the new player: the join action adds them
    return participants.join(
        unit.db,
        unit.session,
        unit.game,
        name=form.get("name"),
        role=form.get("role"),
        max_participants=unit.ctx.config["MAX_PARTICIPANTS"],
        proxy=proxy,
        taken=[p.role for p in state.players],
    )


def _headcount(unit: Unit, applied) -> tuple[int, int]:
    """How many play now, and the ``seq`` that changed it (the phones' ``people`` notice)."""
    return len(applied.state.players), unit.session.seq


def _announce(
    unit: Unit, participant: Player, wished=None
) -> tuple[list[Broadcast], Player, tuple[int, int], SessionState]:
    """The join applied and told (with the table the newcomer was given, if any), and the
    state after it. ``wished``: the table of the QR code a phone joined through (kept in the
    logged action for replay)."""
    payload = {"table": wished} if type(wished) is int else {}
    applied = apply_and_save(unit, Action("join", payload, now_ms(), participant))
    player = applied.state.player(participant.id)
    told = [tell.roster(unit, "participant:joined", {"participant": views.player_view(player)}, player.id)]
    if applied.state.tables is not None and applied.before.tables != applied.state.tables:
        told += tables.told(unit, applied)  # a table was added in the lobby: everyone dealt again
    index = applied.state.flow.round_index
    if index is not None:  # e.g. a late joiner's perspective in a perspective swap
        told += tell.summary(unit, applied.state, applied.state.game.rounds[index].id, before=applied.before)
    return told, player, _headcount(unit, applied), applied.state


def remove(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """The facilitator takes a participant out; their cards stay (without a name if asked:
    then every record of the person goes, services/forgetting.py)."""
    payload = payload if isinstance(payload, dict) else {}
    if payload.get("forget_name") is True:
        return forgetting.forget(ctx, ref, payload.get("participant_id"), by=FACILITATOR)
    with acting(ctx, ref, FACILITATOR) as unit:
        return _remove(unit, payload.get("participant_id"), by=FACILITATOR)


def leave(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """A participant leaves (and may have their name forgotten: services/forgetting.py)."""
    if isinstance(payload, dict) and payload.get("forget_name") is True:
        return forgetting.forget(ctx, ref, ref.participant_id, by=PARTICIPANT)
    with acting(ctx, ref, PARTICIPANT) as unit:
        return _remove(unit, unit.player.id, by=PARTICIPANT)


def _remove(unit: Unit, participant_id, *, by: str) -> Outcome:
    """The removal (their name stays): a logged ``remove``, their token and link stop."""
    participant = housekeeping.participant_in(unit.db, unit.session, participant_id)
    state = unit.state()
    player = state.player(participant.id) or participants.as_player(participant)
    action = Action("remove", {"forget_name": False}, now_ms(), player)
    applied = apply(state, action)
    housekeeping.mark_removed(unit.db, participant, at_ms=action.at_ms)
    applied = unit.save(applied, action, actor=by, participant_id=participant.id)
    removed = {"participant_id": participant.id, "name_removed": False}
    told = [tell.roster(unit, "participant:removed", removed, participant.id)]
    return Outcome(
        {"ok": True}, told, unit.session.id, viewer=unit.viewer, author=player, headcount=_headcount(unit, applied)
    )
