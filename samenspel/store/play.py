"""Game operations: load what the engine needs, let it decide, store the change.

Each function runs inside the caller's unit of work (one commit per event, at the
boundary) and returns an ``Outcome``: the ack for the actor and the broadcasts to send
after the commit — persist, then acknowledge, then broadcast.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from samenspel.engine import views
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import apply_control
from samenspel.engine.mechanics import mechanic_for, mechanic_for_kind
from samenspel.engine.moderation import moderate as moderation
from samenspel.engine.state import Player, SessionState, Turn
from samenspel.engine.views import Viewer
from samenspel.rules.model import Game
from samenspel.store.clock import now_ms
from samenspel.store.models import GameSession, Item as ItemRow, Participant
from samenspel.store.participants import as_player
from samenspel.store.sessions import next_seq, store_flow
from samenspel.store.state import apply_change, as_item, load, save_round_state

#: shapes one broadcast for one kind of viewer: (event, payload), or None to send nothing
Build = Callable[[Viewer], "tuple[str, dict] | None"]


@dataclass(frozen=True)
class Broadcast:
    seq: int
    build: Build


@dataclass
class Outcome:
    ack: dict[str, Any]
    broadcasts: list[Broadcast] = field(default_factory=list)


def snapshot(db: Session, session: GameSession, game: Game, viewer: Viewer, session_info: dict) -> dict:
    return views.snapshot(seq=session.seq, now_ms=now_ms(), session_info=session_info,
                          session=load(db, session, game), viewer=viewer)


def _broadcast(db: Session, session: GameSession, build: Build) -> Broadcast:
    return Broadcast(next_seq(db, session), build)


def _open_current_round(db: Session, session: GameSession, state: SessionState) -> SessionState:
    """Let the current round's mechanic prepare its state (e.g. assign perspectives)."""
    index = state.flow.round_index
    if index is None or not state.flow.is_open(index):
        return state
    rnd = state.game.rounds[index]
    opened = mechanic_for(rnd.mechanic).on_open(rnd, state)
    if opened is None:
        return state
    save_round_state(db, session, rnd.id, opened)
    return state.with_round_state(rnd.id, opened)


def _flow_broadcast(db: Session, session: GameSession, state: SessionState, now: int) -> Broadcast:
    return _broadcast(db, session, lambda viewer: ("flow", {
        "server_now": now, "flow": state.flow.as_dict(),
        "round": views.round_view(state.game, state.flow, viewer),
        "summary": views.current_summary(viewer, state)}))


def _summary_broadcast(db: Session, session: GameSession, state: SessionState, round_id: str) -> list[Broadcast]:
    if views.summary(round_id, Viewer(views.FACILITATOR), state) is None:
        return []
    return [_broadcast(db, session, lambda viewer: ("summary", {
        "round_id": round_id, "summary": views.summary(round_id, viewer, state)}))]


def control(db: Session, session: GameSession, game: Game, action, minutes=5) -> Outcome:
    """A facilitator's control: the flow (start, next, back, pause, resume, extend, end) or
    revealing the current round's cards."""
    if not isinstance(action, str) or (minutes is not None and not isinstance(minutes, int)):
        raise Rejected("bad_request", "action must be a string and minutes an integer")
    if action == "reveal":
        return _reveal(db, session, game)
    now = now_ms()
    before = load(db, session, game)
    flow = apply_control(before.flow, action, now_ms=now,
                         round_minutes=tuple(r.minutes for r in game.rounds),
                         extra_minutes=5 if minutes is None else minutes)
    store_flow(session, flow)
    state = _open_current_round(db, session, load(db, session, game))
    broadcasts = [_flow_broadcast(db, session, state, now)]
    if before.flow.round_index is not None and before.flow.round_index != flow.round_index:
        # the round left behind may now show what was hidden until it closed (vote tallies)
        broadcasts += _summary_broadcast(db, session, state, game.rounds[before.flow.round_index].id)
    return Outcome({"ok": True, "flow": flow.as_dict()}, broadcasts)


def _reveal(db: Session, session: GameSession, game: Game) -> Outcome:
    state = load(db, session, game)
    index = state.flow.round_index
    if index is None or not state.flow.is_open(index):
        raise Rejected("invalid_transition", "reveal works in an open round")
    rnd = game.rounds[index]
    if rnd.mechanic != "cards" or rnd.settings.get("visibility") != "reveal":
        raise Rejected("invalid_transition", "this round shows its cards live")
    round_state = state.round_state(rnd.id)
    revealed = type(round_state)(True, round_state.perspectives)
    save_round_state(db, session, rnd.id, revealed)
    state = state.with_round_state(rnd.id, revealed)
    # Everything is visible now: the cheapest correct message is a fresh snapshot per client.
    broadcast = _broadcast(db, session, lambda viewer: ("resync", {"reason": "revealed"}))
    return Outcome({"ok": True}, [broadcast, *_summary_broadcast(db, session, state, rnd.id)])


def announce_join(db: Session, session: GameSession, game: Game, participant: Participant) -> list[Broadcast]:
    player = as_player(participant)
    state = _open_current_round(db, session, load(db, session, game))
    broadcasts = [_broadcast(db, session, lambda _viewer: ("participant:joined",
                                                         {"participant": views.player_view(player)}))]
    if state.flow.round_index is not None:
        broadcasts += _summary_broadcast(db, session, state, game.rounds[state.flow.round_index].id)
    return broadcasts


def act(db: Session, session: GameSession, game: Game, player: Player, event: str, payload: dict) -> Outcome:
    """A player's input, e.g. ``card:add``: routed to the mechanic that owns the item kind."""
    kind, _, verb = event.partition(":")
    mechanic = mechanic_for_kind(kind)
    if mechanic is None or not isinstance(payload, dict):
        raise Rejected("bad_request", f"unknown event {event!r} or payload is not an object")
    client_id = None
    if verb in mechanic.creating_verbs:
        client_id = payload.get("client_id")
        if not isinstance(client_id, str) or not 8 <= len(client_id) <= 64:
            raise Rejected("bad_request", "client_id must be a string of 8 to 64 characters")
        existing = db.scalar(select(ItemRow).where(
            ItemRow.session_id == session.id, ItemRow.author_id == player.id, ItemRow.client_id == client_id))
        if existing is not None:
            state = load(db, session, game)
            own = views.item_view(as_item(existing), Viewer(views.PARTICIPANT, player), state)
            return Outcome({"ok": True, "item": own, "duplicate": True})
    round_id = payload.get("round_id")
    if verb not in mechanic.creating_verbs and "id" in payload:
        target = db.get(ItemRow, payload["id"]) if _is_id(payload["id"]) else None
        if target is None or target.session_id != session.id:
            raise Rejected("not_found", "no such item in this session")
        round_id = target.round_id
    rnd = game.round(round_id) if isinstance(round_id, str) else None
    if rnd is None or rnd.mechanic != mechanic.key:
        raise Rejected("bad_request", f"round {round_id!r} does not take {kind} input")
    state = _open_current_round(db, session, load(db, session, game))
    changes = mechanic.handle(Turn(state, rnd, player), verb, payload)
    return _store(db, session, game, changes, round_id=rnd.id, author=player, client_id=client_id)


def moderate(db: Session, session: GameSession, game: Game, payload: dict) -> Outcome:
    if not isinstance(payload, dict):
        raise Rejected("bad_request", "payload must be an object")
    changes = moderation(load(db, session, game), payload)
    round_id = next(i.round_id for i in load(db, session, game).items if i.id == changes[0].item_id)
    return _store(db, session, game, changes, round_id=round_id, author=None, client_id=None)


def _store(db: Session, session: GameSession, game: Game, changes, *, round_id: str,
           author: Player | None, client_id: str | None) -> Outcome:
    changes = changes if isinstance(changes, list) else [changes]
    stored = [apply_change(db, session, c, round_id=round_id, author_id=author.id if author else None,
                           client_id=client_id) for c in changes]
    state = load(db, session, game)
    broadcasts = [_broadcast(db, session, _item_build(event, item_id, round_id, state))
                  for event, item_id in stored]
    broadcasts += _summary_broadcast(db, session, state, round_id)
    event, item_id = stored[0]
    if event == "item:removed":
        return Outcome({"ok": True, "id": item_id}, broadcasts)
    item = next(i for i in state.items if i.id == item_id)
    viewer = Viewer(views.PARTICIPANT, author) if author else Viewer(views.FACILITATOR)
    return Outcome({"ok": True, "item": views.item_view(item, viewer, state)}, broadcasts)


def _item_build(event: str, item_id: int, round_id: str, state: SessionState) -> Build:
    item = next((i for i in state.items if i.id == item_id), None)
    removed = ("item:removed", {"id": item_id, "round_id": round_id})

    def build(viewer: Viewer):
        if item is None:
            return removed
        view = views.item_view(item, viewer, state)
        if view is None:
            return removed if event == "item:updated" else None
        return event, {"item": view}
    return build


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63
