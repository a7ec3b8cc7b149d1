"""The table actions on a session's state: set up tables, seat a newcomer, move someone,
new tables (reshuffle), a phone picking its table, calling for help and the message to all
tables. Each is a logged action (``EVENTS``) applied by engine/apply.py, so replay seats
everyone exactly as the live session did (random deals take the ``seed`` in the payload).

And what tables mean for a round: in a session at tables, a round whose rules say
``scope: table`` is played at each table (its items carry their table); other rounds, and
every round of a session without tables, are played by the whole hall."""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from samenspel.engine.errors import Rejected
from samenspel.engine.flow import Status
from samenspel.engine.state import FACILITATOR_PLAYER, Item, Player, SessionState
from samenspel.engine.tables import assign
from samenspel.engine.tables.setup import MESSAGE_MAX, Setup, Tables, parse
from samenspel.engine.text import clean_text
from samenspel.rules.model import Round

TABLE, PLENARY = "table", "plenary"
#: the logged events, by who may send them
FACILITATOR_EVENTS = ("tables:set", "tables:move", "tables:reshuffle", "tables:helped", "tables:message")
PLAYER_EVENTS = ("tables:choose", "tables:help")
EVENTS = FACILITATOR_EVENTS + PLAYER_EVENTS


def at_tables(state: SessionState, rnd: Round | None) -> bool:
    """Whether ``rnd`` is played at each table in this session."""
    return state.tables is not None and rnd is not None and rnd.scope == TABLE


def current_at_tables(state: SessionState) -> bool:
    """Whether the round on now (open, or the last one when ended) is played at tables."""
    index = state.flow.round_index
    return index is not None and state.flow.status is not Status.LOBBY and at_tables(state, state.game.rounds[index])


def table_of(state: SessionState, player_id: int | None) -> int | None:
    player = state.player(player_id)
    return player.table if player else None


def item_table(state: SessionState, rnd: Round, author: Player) -> int | None:
    """The table a new item of ``author`` in ``rnd`` belongs to (None in the hall)."""
    return author.table if at_tables(state, rnd) and author is not FACILITATOR_PLAYER else None


def hidden_from(state: SessionState, item: Item, player: Player | None) -> bool:
    """Whether a phone must not receive ``item``: while a table round is on, another
    table's items (its own always reach its author). An item of a table that is no longer
    there (the facilitator lowered the number of tables) belongs to the hall: every phone
    sees it, so nothing written is lost from sight."""
    if player is None or item.table is None or not current_at_tables(state):
        return False
    if not 1 <= item.table <= state.tables.count:
        return False
    return item.table != player.table and item.author_id != player.id


def by_table(players) -> list[list[Player]]:
    """Players grouped by table, in table order (those without a table last)."""
    groups: dict[int | None, list[Player]] = {}
    for player in players:
        groups.setdefault(player.table, []).append(player)
    return [groups[t] for t in sorted(groups, key=lambda t: (t is None, t or 0))]


def leave(state: SessionState, player_id: int) -> SessionState:
    """Someone left or was taken out: their call for help goes too."""
    tables = state.tables
    if tables is None or player_id not in tables.help:
        return state
    return replace(state, tables=replace(tables, help=tuple(p for p in tables.help if p != player_id)))


def seated(state: SessionState, seating: Mapping[int, int]) -> SessionState:
    players = tuple(replace(p, table=seating.get(p.id)) for p in state.players)
    return replace(state, players=players)


def _seating(state: SessionState) -> dict[int, int]:
    return {p.id: p.table for p in state.players if p.table is not None}


def _deal(state: SessionState, setup: Setup, count: int, seed: int) -> dict[int, int]:
    if setup.assign == "random":
        return assign.shuffled(state.players, count, seed=seed)
    return assign.balanced(state.players, count, [r.id for r in state.game.roles], seed=seed)


def _seed(payload: Mapping) -> int:
    seed = payload.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**31:
        raise Rejected("bad_request", "seed must be a whole number from 0 to 2**31 - 1")
    return seed


def _tables(state: SessionState) -> Tables:
    if state.tables is None:
        raise Rejected("invalid_transition", "this session plays without tables")
    return state.tables


def join(state: SessionState, player: Player, wished=None) -> SessionState:
    """A newcomer joins. Without tables: as always. A newcomer who came through a table's
    QR code (its printed card or its screen: ``wished``) sits at that table, whatever the
    way of seating: they are standing at it. Otherwise, in the lobby of a session with a
    table size, a table is added when the players no longer fit, and everyone is dealt
    again; else the newcomer takes the table where their role is least present (random: the
    smallest table). A wish for a table that does not exist is ignored."""
    player = replace(player, table=None)
    state = replace(state, players=(*state.players, player))
    tables = state.tables
    if tables is None:
        return state
    if type(wished) is int and 1 <= wished <= tables.count:
        return seated(state, {**_seating(state), player.id: wished})
    count = tables.setup.table_count(len(state.players))
    if state.flow.status is Status.LOBBY and count > tables.count:
        state = replace(state, tables=replace(tables, count=count))
        return seated(state, _deal(state, tables.setup, count, 0))
    seating = _seating(state)
    if tables.setup.assign == "random":
        table = assign.smallest(seating, tables.count)
    else:
        table = assign.place(seating, {p.id: p.role for p in state.players}, player.role, tables.count)
    return seated(state, {**seating, player.id: table})


def apply_event(state: SessionState, event: str, payload, actor: Player, at_ms: int) -> SessionState:
    """One table action (``EVENTS``), or a rejection that says why not."""
    if not isinstance(payload, Mapping):
        raise Rejected("bad_request", "payload must be an object")
    facilitator = actor is FACILITATOR_PLAYER
    if (event in FACILITATOR_EVENTS) != facilitator or event not in EVENTS:
        raise Rejected("not_allowed", f"{'the facilitator' if facilitator else 'a phone'} cannot send {event}")
    if event == "tables:set":
        return set_up(state, payload)
    tables = _tables(state)
    if event == "tables:move":
        return move(state, payload.get("participant_id"), payload.get("table"))
    if event == "tables:reshuffle":
        old = _seating(state)
        roles = [r.id for r in state.game.roles]
        balance = tables.setup.assign != "random"
        new = assign.reshuffle(state.players, tables.count, old, roles, seed=_seed(payload), balance=balance)
        return seated(state, new)
    if event == "tables:choose":
        if tables.setup.assign != "self":
            raise Rejected("not_allowed", "the facilitator seats people at this session")
        return move(state, actor.id, payload.get("table"))
    if event == "tables:help":
        asked = tables.help if actor.id in tables.help else (*tables.help, actor.id)
        return replace(state, tables=replace(tables, help=asked))
    if event == "tables:helped":
        who = payload.get("participant_id")
        return replace(state, tables=replace(tables, help=tuple(p for p in tables.help if p != who)))
    text = clean_text(payload.get("text"), max_length=MESSAGE_MAX) if payload.get("text") else ""
    return replace(state, tables=replace(tables, message=text, message_ms=at_ms if text else None))


def set_up(state: SessionState, payload: Mapping) -> SessionState:
    """Tables on (``tables``: ``{count}`` or ``{size}``, ``assign``), changed, or off
    (``tables``: null); everyone is seated again."""
    setup = parse(payload.get("tables"), payload.get("assign"))
    if setup is None:
        return seated(replace(state, tables=None), {})
    count = setup.table_count(len(state.players))
    before = state.tables
    keep = before or Tables(setup, count)
    seed = _seed(payload)
    state = replace(state, tables=Tables(setup, count, keep.help, keep.message, keep.message_ms))
    if before is not None and state.flow.status is not Status.LOBBY and count < before.count:
        return _fewer(state, setup)
    return seated(state, _deal(state, setup, count, seed))


def _fewer(state: SessionState, setup: Setup) -> SessionState:
    """Fewer tables during the game: who sits at a table that stays, stays (their table's
    talk goes on); the people of the tables that go are seated one by one, in the order
    they joined, like late joiners (where their role is least present; random: the
    smallest table). Their items keep their old table and so belong to the hall
    (``hidden_from``): every phone sees them."""
    count = state.tables.count
    seating = {pid: table for pid, table in _seating(state).items() if table <= count}
    roles = {p.id: p.role for p in state.players}
    for player in state.players:
        if player.id in seating:
            continue
        if setup.assign == "random":
            seating[player.id] = assign.smallest(seating, count)
        else:
            seating[player.id] = assign.place(seating, roles, player.role, count)
    return seated(state, seating)


def move(state: SessionState, participant_id, table) -> SessionState:
    tables = _tables(state)
    if state.player(participant_id) is None:
        raise Rejected("not_found", "no such participant in this session")
    if not isinstance(table, int) or isinstance(table, bool) or not 1 <= table <= tables.count:
        raise Rejected("bad_request", f"table must be a table number from 1 to {tables.count}")
    return seated(state, {**_seating(state), participant_id: table})
