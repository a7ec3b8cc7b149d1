"""Loading a session's whole state for the engine, storing what the engine changed, and the
action log. The store decides nothing: the engine (engine/apply.py) does."""

from __future__ import annotations

from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from samenspel.engine.apply import Action, Applied
from samenspel.engine.replay import LoggedAction
from samenspel.engine.state import Create, Delete, Item, RoundState, SessionState, Update, author_id
from samenspel.rules.model import Game
from samenspel.store.models import ActionRow, GameSession, RoundStateRow
from samenspel.store.models import Item as ItemRow
from samenspel.store.participants import players_of
from samenspel.store.sessions import flow_of, store_flow


def as_item(row: ItemRow) -> Item:
    return Item(
        row.id,
        row.round_id,
        row.kind,
        row.author_id,
        MappingProxyType(dict(row.data)),
        row.hidden,
        row.created_ms,
        row.updated_ms,
    )


def load(db: Session, session: GameSession, game: Game) -> SessionState:
    items = db.scalars(select(ItemRow).where(ItemRow.session_id == session.id).order_by(ItemRow.id))
    states = db.scalars(select(RoundStateRow).where(RoundStateRow.session_id == session.id))
    return SessionState(
        game=game,
        flow=flow_of(session),
        players=tuple(players_of(db, session)),
        items=tuple(as_item(row) for row in items),
        rounds=MappingProxyType({s.round_id: RoundState.from_data(s.data) for s in states}),
    )


def item_by_client_id(db: Session, session: GameSession, author: int | None, client_id: str) -> int | None:
    """The id of the item this author already sent with this client id, if any."""
    return db.scalar(
        select(ItemRow.id).where(
            ItemRow.session_id == session.id, ItemRow.author_id == author, ItemRow.client_id == client_id
        )
    )


def save_round_state(db: Session, session: GameSession, round_id: str, state: RoundState) -> None:
    row = db.get(RoundStateRow, (session.id, round_id))
    if row is None:
        db.add(RoundStateRow(session_id=session.id, round_id=round_id, data=state.as_data()))
    else:
        row.data = state.as_data()


def save(
    db: Session,
    session: GameSession,
    applied: Applied,
    action: Action,
    *,
    actor: str,
    participant_id: int | None,
    client_id: str | None = None,
) -> Applied:
    """Store what ``applied`` changed and log ``action``; return it with the stored ids of
    new items."""
    if applied.flow_changed:
        store_flow(session, applied.state.flow)
    for round_id, state in applied.round_states.items():
        save_round_state(db, session, round_id, state)
    writer = author_id(action.player)
    created = []
    for change, item_id in applied.changes:
        if isinstance(change, Create):
            row = ItemRow(
                session_id=session.id,
                round_id=applied.round_id,
                kind=change.kind,
                author_id=writer if action.event != "moderate" else None,
                client_id=client_id,
                data=dict(change.data),
                hidden=False,
                created_ms=action.at_ms,
                updated_ms=action.at_ms,
            )
            db.add(row)
            db.flush()
            created.append(row.id)
        elif isinstance(change, Delete):
            row = db.get(ItemRow, item_id)
            db.delete(row)
        else:
            assert isinstance(change, Update)
            row = db.get(ItemRow, item_id)
            row.data = dict(change.data)
            if change.hidden is not None:
                row.hidden = change.hidden
            row.updated_ms = action.at_ms
    db.add(
        ActionRow(
            session_id=session.id,
            at_ms=action.at_ms,
            actor=actor,
            participant_id=participant_id,
            event=action.event,
            payload=dict(action.payload),
            created=created,
        )
    )
    db.flush()
    return applied.identified(created)


def action_log(db: Session, session: GameSession) -> list[LoggedAction]:
    rows = db.scalars(select(ActionRow).where(ActionRow.session_id == session.id).order_by(ActionRow.id))
    return [LoggedAction(r.at_ms, r.actor, r.participant_id, r.event, dict(r.payload), list(r.created)) for r in rows]
