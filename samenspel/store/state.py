"""Loading a session's whole state for the engine, and storing what the engine changed."""
from __future__ import annotations

from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from samenspel.engine.state import Change, Create, Delete, Item, RoundState, SessionState, Update
from samenspel.rules.model import Game
from samenspel.engine.replay import LoggedAction
from samenspel.store.models import ActionRow, GameSession, Item as ItemRow, RoundStateRow
from samenspel.store.participants import players_of
from samenspel.store.sessions import flow_of


def as_item(row: ItemRow) -> Item:
    return Item(row.id, row.round_id, row.kind, row.author_id, MappingProxyType(dict(row.data)),
                row.hidden, row.created_ms, row.updated_ms)


def load(db: Session, session: GameSession, game: Game) -> SessionState:
    items = db.scalars(select(ItemRow).where(ItemRow.session_id == session.id).order_by(ItemRow.id))
    states = db.scalars(select(RoundStateRow).where(RoundStateRow.session_id == session.id))
    return SessionState(
        game=game, flow=flow_of(session), players=tuple(players_of(db, session)),
        items=tuple(as_item(row) for row in items),
        rounds=MappingProxyType({s.round_id: RoundState.from_data(s.data) for s in states}))


def save_round_state(db: Session, session: GameSession, round_id: str, state: RoundState) -> None:
    row = db.get(RoundStateRow, (session.id, round_id))
    if row is None:
        db.add(RoundStateRow(session_id=session.id, round_id=round_id, data=state.as_data()))
    else:
        row.data = state.as_data()
    db.flush()


def apply_change(db: Session, session: GameSession, change: Change, *, round_id: str,
                 author_id: int | None, client_id: str | None, now: int) -> tuple[str, int]:
    """Store one change; return the event it makes (item:added/updated/removed) and the id."""
    if isinstance(change, Create):
        row = ItemRow(session_id=session.id, round_id=round_id, kind=change.kind, author_id=author_id,
                      client_id=client_id, data=dict(change.data), hidden=False,
                      created_ms=now, updated_ms=now)
        db.add(row)
        db.flush()
        return "item:added", row.id
    row = db.get(ItemRow, change.item_id)
    if isinstance(change, Delete):
        db.delete(row)
        db.flush()
        return "item:removed", change.item_id
    assert isinstance(change, Update)
    row.data = dict(change.data)
    if change.hidden is not None:
        row.hidden = change.hidden
    row.updated_ms = now
    db.flush()
    return "item:updated", row.id


def log_action(db: Session, session: GameSession, *, at_ms: int, actor: str, participant_id: int | None,
               event: str, payload: dict, created: list[int] = ()) -> None:
    db.add(ActionRow(session_id=session.id, at_ms=at_ms, actor=actor, participant_id=participant_id,
                     event=event, payload=payload, created=list(created)))


def action_log(db: Session, session: GameSession) -> list[LoggedAction]:
    rows = db.scalars(select(ActionRow).where(ActionRow.session_id == session.id).order_by(ActionRow.id))
    return [LoggedAction(r.at_ms, r.actor, r.participant_id, r.event, dict(r.payload), list(r.created))
            for r in rows]
