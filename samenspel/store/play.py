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
from samenspel.engine.mechanics import mechanic_for_kind
from samenspel.engine.state import Create, Delete, Item, Player, Turn, Update
from samenspel.engine.views import Viewer
from samenspel.rules.model import Game
from samenspel.store.clock import now_ms
from samenspel.store.models import GameSession, Item as ItemRow, Participant
from samenspel.store.participants import as_player, players_of
from samenspel.store.sessions import flow_of, next_seq, store_flow


@dataclass(frozen=True)
class Broadcast:
    """One event for every client of the session; ``build`` shapes it for each viewer kind
    and returns None for a viewer who must not receive it."""

    event: str
    seq: int
    build: Callable[[Viewer], dict | None]


@dataclass
class Outcome:
    ack: dict[str, Any]
    broadcasts: list[Broadcast] = field(default_factory=list)


def as_item(row: ItemRow) -> Item:
    return Item(row.id, row.round_id, row.kind, row.author_id, dict(row.data), row.hidden,
                row.created_ms, row.updated_ms)


def items_of(db: Session, session: GameSession, round_id: str | None = None) -> list[Item]:
    query = select(ItemRow).where(ItemRow.session_id == session.id)
    if round_id is not None:
        query = query.where(ItemRow.round_id == round_id)
    return [as_item(row) for row in db.scalars(query.order_by(ItemRow.id))]


def snapshot(db: Session, session: GameSession, game: Game, viewer: Viewer,
             session_info: dict) -> dict:
    return views.snapshot(
        seq=session.seq, now_ms=now_ms(), session=session_info, game=game, flow=flow_of(session),
        players=players_of(db, session), items=items_of(db, session), viewer=viewer)


def _broadcast(db: Session, session: GameSession, event: str,
               build: Callable[[Viewer], dict | None]) -> Broadcast:
    return Broadcast(event, next_seq(db, session), build)


def control(db: Session, session: GameSession, game: Game, action, minutes=5) -> Outcome:
    """A facilitator's control of the flow (start, next, back, pause, resume, extend, end)."""
    if not isinstance(action, str) or (minutes is not None and not isinstance(minutes, int)):
        raise Rejected("bad_request", "action must be a string and minutes an integer")
    now = now_ms()
    flow = apply_control(flow_of(session), action, now_ms=now,
                         round_minutes=tuple(r.minutes for r in game.rounds),
                         extra_minutes=5 if minutes is None else minutes)
    store_flow(session, flow)
    broadcast = _broadcast(db, session, "flow", lambda viewer: {
        "server_now": now, "flow": flow.as_dict(), "round": views.round_view(game, flow, viewer)})
    return Outcome({"ok": True, "flow": flow.as_dict()}, [broadcast])


def announce_join(db: Session, session: GameSession, participant: Participant) -> Broadcast:
    player = as_player(participant)
    return _broadcast(db, session, "participant:joined",
                      lambda _viewer: {"participant": views.player_view(player)})


def act(db: Session, session: GameSession, game: Game, player: Player, event: str,
        payload: dict) -> Outcome:
    """A player's input, e.g. ``card:add``: routed to the mechanic that owns the item kind."""
    kind, _, verb = event.partition(":")
    mechanic = mechanic_for_kind(kind)
    if mechanic is None or not isinstance(payload, dict):
        raise Rejected("bad_request", f"unknown event {event!r} or payload is not an object")
    client_id = payload.get("client_id")
    if verb == "add":
        if not isinstance(client_id, str) or not 8 <= len(client_id) <= 64:
            raise Rejected("bad_request", "client_id must be a string of 8 to 64 characters")
        existing = db.scalar(select(ItemRow).where(
            ItemRow.session_id == session.id, ItemRow.author_id == player.id,
            ItemRow.client_id == client_id))
        if existing is not None:
            return Outcome({"ok": True, "item": views.item_view(as_item(existing), Viewer(views.PARTICIPANT, player)),
                            "duplicate": True})
        round_id = payload.get("round_id")
    else:
        target = db.get(ItemRow, payload.get("id")) if _is_id(payload.get("id")) else None
        if target is None or target.session_id != session.id:
            raise Rejected("not_found", "no such item in this session")
        round_id = target.round_id
    rnd = game.round(round_id) if isinstance(round_id, str) else None
    if rnd is None or rnd.mechanic != mechanic.key:
        raise Rejected("bad_request", f"round {round_id!r} does not take {kind} input")
    flow = flow_of(session)
    turn = Turn(rnd, flow.is_open(game.round_index(rnd.id)), player, tuple(items_of(db, session, rnd.id)))
    change = mechanic.handle(turn, verb, payload)
    return _apply(db, session, player, rnd.id, change, client_id)


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63


def _apply(db: Session, session: GameSession, player: Player, round_id: str, change,
           client_id: str | None) -> Outcome:
    now = now_ms()
    own = Viewer(views.PARTICIPANT, player)
    if isinstance(change, Delete):
        row = db.get(ItemRow, change.item_id)
        db.delete(row)
        db.flush()
        broadcast = _broadcast(db, session, "item:removed",
                               lambda _viewer: {"id": change.item_id, "round_id": round_id})
        return Outcome({"ok": True, "id": change.item_id}, [broadcast])
    if isinstance(change, Create):
        row = ItemRow(session_id=session.id, round_id=round_id, kind=change.kind,
                      author_id=player.id, client_id=client_id, data=dict(change.data),
                      hidden=False, created_ms=now, updated_ms=now)
        db.add(row)
        event = "item:added"
    else:
        assert isinstance(change, Update)
        row = db.get(ItemRow, change.item_id)
        row.data = dict(change.data)
        row.updated_ms = now
        event = "item:updated"
    db.flush()
    item = as_item(row)
    broadcast = _broadcast(db, session, event, lambda viewer: _item_payload(item, viewer))
    return Outcome({"ok": True, "item": views.item_view(item, own)}, [broadcast])


def _item_payload(item: Item, viewer: Viewer) -> dict | None:
    view = views.item_view(item, viewer)
    return None if view is None else {"item": view}
