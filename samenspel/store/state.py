"""Loading a session's whole state for the engine, storing what the engine changed, and the
action log. The store decides nothing: the engine (engine/apply.py) does.

Every change to a session's items, players or round states is one logged action, so the id of
its last logged action (``version``) names its state exactly: a process may keep a state it
loaded or stored under that number (services/states.py) and skip the load while the number
holds. ``stored`` is the state as a load would give it back after the commit."""

from __future__ import annotations

import json
from dataclasses import replace
from types import MappingProxyType

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from samenspel.engine.apply import Action, Applied
from samenspel.engine.replay import LoggedAction
from samenspel.engine.state import Create, Delete, Item, Player, RoundState, SessionState, Update, author_id
from samenspel.engine.tables import seating
from samenspel.engine.tables.setup import Tables
from samenspel.rules.model import Game
from samenspel.store.models import ActionRow, GameSession, Participant, RoundStateRow
from samenspel.store.models import Item as ItemRow
from samenspel.store.sessions import flow_of, store_flow

#: the transaction's last logged action id, in ``Session.info``
LOGGED = "samenspel.logged"
# The write path runs Core statements, built once, on the unit's connection: an event's few
# statements cost what SQLite or PostgreSQL take to run them, not the ORM's bookkeeping around
# them (identity map, flush, instance loading: several times the statements' own cost).
_items, _actions, _rounds = ItemRow.__table__, ActionRow.__table__, RoundStateRow.__table__
_VERSION = select(func.max(_actions.c.id)).where(_actions.c.session_id == bindparam("session"))
_BY_CLIENT_ID = select(_items.c.id).where(
    _items.c.session_id == bindparam("session"), _items.c.client_id == bindparam("client")
)
#: the facilitator's items have no author: ``IS NULL``, which ``= :author`` never matches
_BY_AUTHOR = {
    True: _BY_CLIENT_ID.where(_items.c.author_id == bindparam("author")),
    False: _BY_CLIENT_ID.where(_items.c.author_id.is_(None)),
}
_INSERT_ITEM, _INSERT_ACTION, _INSERT_ROUND = insert(_items), insert(_actions), insert(_rounds)
_UPDATE_ITEM = update(_items).where(_items.c.id == bindparam("item"))
_DELETE_ITEM = delete(_items).where(_items.c.id == bindparam("item"))
_UPDATE_ROUND = update(_rounds).where(
    _rounds.c.session_id == bindparam("session"), _rounds.c.round_id == bindparam("round")
)
_ITEM_COLUMNS = (
    ItemRow.id,
    ItemRow.round_id,
    ItemRow.kind,
    ItemRow.author_id,
    ItemRow.data,
    ItemRow.hidden,
    ItemRow.created_ms,
    ItemRow.updated_ms,
    ItemRow.table,
)


def version(db: Session, session: GameSession) -> int:
    """The id of the session's last logged action (0 before any): its state's number. Read
    before the state itself, so a state kept under this number is never older than it."""
    return db.connection().execute(_VERSION, {"session": session.id}).scalar() or 0


def load(db: Session, session: GameSession, game: Game) -> SessionState:
    """The whole state, read as plain columns (no ORM objects: a hall's worth of rows costs
    little to build)."""
    items = db.execute(select(*_ITEM_COLUMNS).where(ItemRow.session_id == session.id).order_by(ItemRow.id))
    players = db.execute(
        select(Participant.id, Participant.name, Participant.role, Participant.proxy, Participant.table)
        .where(Participant.session_id == session.id, Participant.removed_ms.is_(None))
        .order_by(Participant.id)
    )
    states = db.execute(
        select(RoundStateRow.round_id, RoundStateRow.data).where(RoundStateRow.session_id == session.id)
    )
    return SessionState(
        game=game,
        flow=flow_of(session),
        players=tuple(Player(id_, name, role, bool(proxy), table) for id_, name, role, proxy, table in players),
        items=tuple(
            Item(id_, round_id, kind, author, MappingProxyType(dict(data)), hidden, created, updated, table)
            for id_, round_id, kind, author, data, hidden, created, updated, table in items
        ),
        tables=Tables.from_data(session.tables),
        rounds=MappingProxyType({round_id: RoundState.from_data(data) for round_id, data in states}),
    )


def stored(applied: Applied) -> SessionState:
    """The state after ``applied`` as a load would return it once committed: the data of the
    items it touched as it comes back from the JSON column."""
    items = applied.state.items
    touched = [items.get(item_id) for _change, item_id in applied.changes]
    stored = [replace(i, data=MappingProxyType(json.loads(json.dumps(dict(i.data))))) for i in touched if i]
    return replace(applied.state, items=items.changed(put=stored)) if stored else applied.state


def logged(db: Session) -> int | None:
    """The id of the last action this transaction logged, if it logged one."""
    return db.info.get(LOGGED)


def item_by_client_id(db: Session, session: GameSession, author: int | None, client_id: str) -> int | None:
    """The id of the item this author already sent with this client id, if any."""
    found = {"session": session.id, "author": author, "client": client_id}
    return db.connection().execute(_BY_AUTHOR[author is not None], found).scalar()


def save_round_state(db: Session, session: GameSession, round_id: str, state: RoundState) -> None:
    connection, data = db.connection(), state.as_data()
    if not connection.execute(_UPDATE_ROUND, {"session": session.id, "round": round_id, "data": data}).rowcount:
        connection.execute(_INSERT_ROUND, {"session_id": session.id, "round_id": round_id, "data": data})


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
    _save_tables(db, session, applied)
    for round_id, state in applied.round_states.items():
        save_round_state(db, session, round_id, state)
    connection, writer, created = db.connection(), author_id(action.player), []
    table = _new_items_table(applied, action)
    for change, item_id in applied.changes:
        if isinstance(change, Create):
            row = {
                "session_id": session.id,
                "round_id": applied.round_id,
                "kind": change.kind,
                "author_id": writer if action.event != "moderate" else None,
                "client_id": client_id,
                "data": dict(change.data),
                "hidden": False,
                "created_ms": action.at_ms,
                "updated_ms": action.at_ms,
                "table": table,
            }
            created.append(connection.execute(_INSERT_ITEM, row).inserted_primary_key[0])
        elif isinstance(change, Delete):
            connection.execute(_DELETE_ITEM, {"item": item_id})
        else:
            assert isinstance(change, Update)
            values = {"item": item_id, "data": dict(change.data), "updated_ms": action.at_ms}
            if change.hidden is not None:
                values["hidden"] = change.hidden
            connection.execute(_UPDATE_ITEM, values)
    entry = {
        "session_id": session.id,
        "at_ms": action.at_ms,
        "actor": actor,
        "participant_id": participant_id,
        "event": action.event,
        "payload": dict(action.payload),
        "created": created,
    }
    logged = connection.execute(_INSERT_ACTION, entry)
    db.info[LOGGED] = logged.inserted_primary_key[0]
    return applied.identified(created)


def _new_items_table(applied: Applied, action: Action) -> int | None:
    """The table of the items this action creates (they all belong to the same round)."""
    if applied.round_id is None or action.event == "moderate":
        return None
    rnd = applied.state.game.round(applied.round_id)
    player = applied.before.player(action.player.id) or action.player
    return seating.item_table(applied.before, rnd, player)


def _save_tables(db: Session, session: GameSession, applied: Applied) -> None:
    """The session's tables and who sits where, when the action changed them (joins,
    removals and table actions replace the players; other actions leave them as they are)."""
    before, after = applied.before, applied.state
    if before.tables != after.tables:
        session.tables = after.tables.as_data() if after.tables is not None else None
    if before.players is after.players:
        return
    was = {p.id: p.table for p in before.players}
    for player in after.players:
        if player.table != was.get(player.id):
            db.execute(update(Participant).where(Participant.id == player.id).values(table=player.table))


def action_log(db: Session, session: GameSession) -> list[LoggedAction]:
    rows = db.scalars(select(ActionRow).where(ActionRow.session_id == session.id).order_by(ActionRow.id))
    return [LoggedAction(r.at_ms, r.actor, r.participant_id, r.event, dict(r.payload), list(r.created)) for r in rows]
