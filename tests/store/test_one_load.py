"""An event reads what it touches, not the whole session: the state a use case left is kept
in the process at its version (services/states.py), so the next event loads no item list and
no player list, and its SQL statements do not grow with the number of players. A write by
another process changes the version: the next event here loads again and decides on it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from samenspel.config import PROJECT_ROOT
from samenspel.engine.errors import Rejected
from samenspel.rules.loader import Catalogue, load_game
from samenspel.services import create, housekeeping, people, play
from samenspel.services.context import Context
from samenspel.store.db import Database
from samenspel.store.migrate import upgrade
from tests.support.kept import assert_kept_is_stored
from tests.support.writers import GAME, cards_round, context

WHOLE_STATE = {
    "items": re.compile(r"^SELECT items\.id, .*\sFROM items\s+WHERE items\.session_id = \?\s+ORDER", re.S),
    "players": re.compile(
        r"^SELECT participants\.id, .*\sFROM participants\s+WHERE participants\.session_id = \?", re.S
    ),
}


@pytest.fixture
def ctx(tmp_path):
    made = context(f"sqlite:///{tmp_path / 'load.sqlite3'}")
    yield made
    made.database.dispose()


def statements_during(ctx, call) -> list[str]:
    seen = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(ctx.database.engine, "before_cursor_execute", note)
    try:
        call()
    finally:
        event.remove(ctx.database.engine, "before_cursor_execute", note)
    return seen


def loads_during(ctx, call) -> dict[str, int]:
    seen = statements_during(ctx, call)
    return {name: sum(bool(pattern.match(s)) for s in seen) for name, pattern in WHOLE_STATE.items()}


def card(ctx, player, text: str):
    return play.act(ctx, player, "card:add", {"round_id": "droom", "text": text, "client_id": f"one-{text:>8}"})


NOTHING = {"items": 0, "players": 0}


def test_events_after_the_first_load_no_whole_state(ctx):
    facilitator, (player, other) = cards_round(ctx, players=2)
    session_id = player.session_id
    added = {}
    assert loads_during(ctx, lambda: added.update(ack=card(ctx, player, "kas").ack)) == NOTHING
    assert assert_kept_is_stored(ctx, session_id)
    item = added["ack"]["item"]["id"]
    assert loads_during(ctx, lambda: play.act(ctx, player, "card:edit", {"id": item, "text": "kas!"})) == NOTHING
    assert loads_during(ctx, lambda: play.moderate(ctx, facilitator, {"action": "hide", "id": item})) == NOTHING
    assert loads_during(ctx, lambda: play.control(ctx, facilitator, {"action": "pause"})) == NOTHING
    assert loads_during(ctx, lambda: play.control(ctx, facilitator, {"action": "resume"})) == NOTHING
    # a resend answers from one look-up by client_id, and the kept state
    assert loads_during(ctx, lambda: added.update(ack=card(ctx, player, "kas").ack)) == NOTHING
    assert added["ack"]["duplicate"] is True
    assert loads_during(ctx, lambda: play.sync(ctx, other)) == NOTHING
    assert assert_kept_is_stored(ctx, session_id)


def test_a_card_costs_the_same_statements_with_10_or_40_players(ctx):
    """The game seats 40: a card by the last player to join a full session runs the same
    statements as in a session of ten, and none of them reads the whole session."""
    shapes = []
    for players in (10, 40):
        _facilitator, refs = cards_round(ctx, players=players)
        card(ctx, refs[0], f"warm{players}")
        statements = statements_during(ctx, lambda: card(ctx, refs[-1], f"same{players}"))
        assert not any(pattern.match(s) for s in statements for pattern in WHOLE_STATE.values())
        shapes.append([re.sub(r"\s+", " ", s) for s in statements])
    assert shapes[0] == shapes[1] and len(shapes[0]) < 12


def test_a_write_elsewhere_is_seen_before_the_next_decision(tmp_path):
    """Two processes on one database (two contexts): each keeps its own states; a card
    written through the other makes the version move, so the limit (3 cards) holds."""
    url = f"sqlite:///{tmp_path / 'two.sqlite3'}"
    here, there = context(url), context(url)
    try:
        _facilitator, (player,) = cards_round(here)
        card(here, player, "een")
        card(there, player, "twee")
        card(here, player, "drie")
        with pytest.raises(Rejected) as refused:
            card(there, player, "vier")
        assert refused.value.code == "limit_reached"
        with pytest.raises(Rejected):
            card(here, player, "vijf")
        assert assert_kept_is_stored(here, player.session_id)
    finally:
        here.database.dispose()
        there.database.dispose()


def test_a_forgotten_name_is_not_kept_from_memory(ctx):
    """Forgetting a name rewrites items outside the engine: that state is loaded again, not
    taken from the one in memory."""
    facilitator, (player, other) = cards_round(ctx, players=2)
    card(ctx, other, "P0 doet mee")
    people.remove(ctx, facilitator, {"participant_id": player.participant_id, "forget_name": True})
    loads = loads_during(ctx, lambda: card(ctx, other, "nog een"))
    assert loads == {"items": 1, "players": 1}
    assert assert_kept_is_stored(ctx, player.session_id)


def test_a_forgotten_name_leaves_no_kept_state_behind(ctx):
    """What the process kept of the session before the name was forgotten goes at once: a
    forgotten name does not linger in memory until the entry happens to be evicted."""
    facilitator, (player, other) = cards_round(ctx, players=2)
    card(ctx, player, "P0 schrijft")
    assert any(p.name == "P0" for kept in ctx.states.entries.values() for p in kept.state.players)
    people.remove(ctx, facilitator, {"participant_id": player.participant_id, "forget_name": True})
    assert not any(p.name == "P0" for kept in ctx.states.entries.values() for p in kept.state.players)


def test_a_deleted_session_leaves_no_kept_state_behind(ctx):
    facilitator, (player,) = cards_round(ctx, players=1)
    card(ctx, player, "weg ermee")
    code = next(iter(ctx.states.entries))[1]
    housekeeping.delete_session(ctx, facilitator, {"code": code})
    assert not ctx.states.entries


def test_an_edit_reads_the_locked_session_row_and_its_version_only(ctx):
    """The actor comes from the state at its version and the item is written without being
    read: an edit's reads are the locked session row and the version, its writes the item,
    the logged action and the sequence number."""
    _facilitator, (player,) = cards_round(ctx, players=1)
    item = card(ctx, player, "kas").ack["item"]["id"]
    seen = statements_during(ctx, lambda: play.act(ctx, player, "card:edit", {"id": item, "text": "kas!"}))
    tables = [re.search(r"(?:FROM|INTO|UPDATE)\s+(\w+)", s).group(1) for s in seen if not s.startswith("BEGIN")]
    reads = [t for t, s in zip(tables, [s for s in seen if not s.startswith("BEGIN")]) if s.startswith("SELECT")]
    assert reads == ["game_sessions", "actions"]
    assert sorted(tables) == sorted(["game_sessions", "actions", "items", "actions", "game_sessions"])


@pytest.fixture
def hall(tmp_path):
    """A context whose game seats 200 (the rules' most): a hall's worth of phones."""
    text = (PROJECT_ROOT / "game_rules" / f"{GAME}.yaml").read_text()
    rules = tmp_path / f"{GAME}.yaml"
    rules.write_text(re.sub(r"\n  max: \d+\n", "\n  max: 200\n", text, count=1))
    game = load_game(rules)
    database = Database(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    upgrade(database.engine)
    config = {"MAX_PARTICIPANTS": 200, "JOIN_ATTEMPTS_PER_WINDOW": 1000, "JOIN_WINDOW_SECONDS": 600}
    yield Context(database, Catalogue({game.id: game}), config)
    database.dispose()


def shape(statements: list[str]) -> list[str]:
    return [re.sub(r"\s+", " ", s) for s in statements]


def test_a_join_and_a_connect_cost_the_same_statements_with_10_or_200_players(hall):
    """Joining is linear in the hall, not quadratic: the 10th and the 200th phone's join run
    the same statements (a code found before goes straight to the session's write
    transaction: its lock, the address's limit, the version, two INSERTs, the sequence),
    and so do their connects (the session, the participant by token and the address's
    rate-limit counter in one query)."""
    joins, connects = [], []
    for players in (10, 200):
        code = create.create(hall, {"game": GAME, "title": "t", "question": "q"}).code
        for n in range(players - 1):
            people.join(hall, code, {"name": f"P{n}", "role": ("inwoner", "ambtenaar")[n % 2]}, "127.0.0.1")
        joined = {}
        form = {"name": "Laatste", "role": "inwoner"}
        seen = statements_during(hall, lambda: joined.update(j=people.join(hall, code, form, "127.0.0.1")))
        assert not any(pattern.match(s) for s in seen for pattern in WHOLE_STATE.values())
        joins.append(shape(seen))
        auth = {"code": code, "token": joined["j"].ack["token"]}
        seen = statements_during(hall, lambda: play.connect(hall, auth, "127.0.0.1"))
        assert not any(pattern.match(s) for s in seen for pattern in WHOLE_STATE.values())
        connects.append(shape(seen))
    assert joins[0] == joins[1] and len(joins[0]) <= 7
    assert sum(s.startswith("BEGIN") for s in joins[0]) == 1, "one transaction"
    assert connects[0] == connects[1] and len(connects[0]) <= 3
    handshake = [s for s in connects[0] if s.startswith("SELECT") and "participants" in s]
    assert len(handshake) == 1 and "rate_counters" in handshake[0]
    assert not any("rate_counters" in s for s in connects[0] if s not in handshake), "the counter read once"
