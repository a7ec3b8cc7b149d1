"""Tables against the real store (SQLite): a session created with tables through the
service, random table actions (set-up, moves, new tables, a phone picking its table, help,
messages) mixed with play in table and plenary rounds: seats stay valid, items keep their
table, what a process keeps equals what is stored, and replaying the log rebuilds the
session exactly — tables, seats and the table of every item included."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenspel.config import PROJECT_ROOT
from samenspel.engine.errors import Rejected
from samenspel.engine.replay import replay
from samenspel.engine.views import FACILITATOR, PARTICIPANT
from samenspel.rules.loader import load_game
from samenspel.services import create, people, play, tables
from samenspel.services.unit import ActorRef
from samenspel.store.models import GameSession
from samenspel.store.participants import players_of
from samenspel.store.sessions import find_by_code
from samenspel.store.state import action_log, load
from tests.support.kept import assert_kept_is_stored, fresh_context

GAME = load_game(PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml")
ROLES = ["inwoner", "ambtenaar", "bestuurder", "inwoner", "ondernemer", "ambtenaar", "inwoner", "professional"]
PLAYERS = len(ROLES)

facilitator_steps = st.one_of(
    st.builds(lambda: ("control", {"action": "next"})),
    st.builds(lambda: ("control", {"action": "back"})),
    st.sampled_from([("control", {"action": "vote_close"}), ("control", {"action": "vote_open"})]),
    st.builds(
        lambda n, a: ("tables:set", {"tables": n, "assign": a}),
        st.one_of(st.none(), st.builds(lambda c: {"count": c}, st.integers(1, 4)), st.just({"size": 3})),
        st.sampled_from(["balanced", "random", "self", "manual"]),
    ),
    st.builds(
        lambda p, t: ("tables:move", {"participant_id": p, "table": t}), st.integers(1, PLAYERS), st.integers(0, 4)
    ),
    st.just(("tables:reshuffle", {})),
    st.builds(lambda t: ("tables:message", {"text": t}), st.sampled_from(["Nog twee minuten", "", "x" * 300])),
    st.builds(lambda p: ("tables:helped", {"participant_id": p}), st.integers(1, PLAYERS)),
)
player_steps = st.one_of(
    st.builds(
        lambda k, r: ("card:add", {"round_id": r, "text": f"kaart {k}", "client_id": f"client-{k:05d}"}),
        st.integers(0, 99999),
        st.sampled_from(["droom", "belangen", "ideeen"]),
    ),
    st.builds(lambda t: ("tables:choose", {"table": t}), st.integers(0, 4)),
    st.just(("tables:help", {})),
    st.builds(
        lambda c, n: ("ballot:set", {"round_id": "kiezen", "card_id": c, "count": n}),
        st.integers(1, 30),
        st.integers(0, 2),
    ),
)
steps = st.lists(
    st.one_of(st.tuples(st.integers(0, PLAYERS - 1), player_steps), st.tuples(st.just(None), facilitator_steps)),
    min_size=5,
    max_size=40,
)


def picture(state):
    return (
        {
            (i.id, i.round_id, i.kind, i.author_id, i.table, repr(sorted(dict(i.data).items())), i.hidden)
            for i in state.items
        },
        state.flow,
        {k: v.as_data() for k, v in state.rounds.items()},
        state.tables,
        {(p.id, p.table) for p in state.players},
    )


def check_seats(state):
    if state.tables is None:
        assert all(p.table is None for p in state.players)
        return
    assert all(p.table is not None and 1 <= p.table <= state.tables.count for p in state.players)
    assert all(i.table is None or 1 <= i.table <= 40 for i in state.items)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(random_steps=steps)
def test_random_table_play_keeps_seats_valid_and_replays_exactly(tmp_path_factory, random_steps):
    ctx = fresh_context(tmp_path_factory.mktemp("tables"), GAME)
    database = ctx.database
    created = create.create(
        ctx, {"game": GAME.id, "title": "t", "question": "q", "tables": {"count": 3}, "assign": "balanced"}
    )
    for index, role in enumerate(ROLES):
        people.join(ctx, created.code, {"name": f"P{index}", "role": role}, "127.0.0.1")
    with database.unit_of_work() as db:
        row = find_by_code(db, created.code)
        session_id, players = row.id, players_of(db, row)
        assert load(db, row, GAME).tables.count == 3
    facilitator = ActorRef(session_id, FACILITATOR)
    refs = [ActorRef(session_id, PARTICIPANT, p.id) for p in players]
    play.control(ctx, facilitator, {"action": "start"})
    play.control(ctx, facilitator, {"action": "next"})  # droom, a table round

    for who, (event, payload) in random_steps:
        with database.unit_of_work() as db:
            before = load(db, db.get(GameSession, session_id), GAME)
        try:
            if who is None and event == "control":
                play.control(ctx, facilitator, payload)
            elif who is None:
                tables.USE_CASES[event](ctx, facilitator, payload)
            elif event.startswith("tables:"):
                tables.USE_CASES[event](ctx, refs[who], payload)
            else:
                play.act(ctx, refs[who], event, payload)
            accepted = True
        except Rejected:
            accepted = False
        with database.unit_of_work() as db:
            after = load(db, db.get(GameSession, session_id), GAME)
        if not accepted:
            assert picture(after) == picture(before), f"rejected {event} changed the session"
        check_seats(after)
        assert_kept_is_stored(ctx, session_id)

    with database.unit_of_work() as db:
        row = db.get(GameSession, session_id)
        live, log = load(db, row, GAME), action_log(db, row)
    assert log[0].event == "tables:set" and log[0].payload["tables"] == {"count": 3}
    assert picture(replay(GAME, players, log)) == picture(live)
    database.dispose()
