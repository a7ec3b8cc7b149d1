"""Property-based: random action sequences by random players against the real store
(SQLite) never break the rules, and replaying the stored action log gives the live state."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from samenspel.config import PROJECT_ROOT
from samenspel.engine.errors import Rejected
from samenspel.engine.replay import replay
from samenspel.engine.views import FACILITATOR, PARTICIPANT
from samenspel.rules.loader import load_game
from samenspel.services import people, play
from samenspel.services.unit import ActorRef
from samenspel.store.models import GameSession
from samenspel.store.participants import players_of
from samenspel.store.sessions import create_session
from samenspel.store.state import action_log, load
from tests.support.kept import assert_kept_is_stored, fresh_context

GAME = load_game(PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml")
ROUNDS = [r.id for r in GAME.rounds]
ROLES = ["inwoner", "ambtenaar", "bestuurder"]
CONTROLS = ["start", "next", "next", "next", "back", "pause", "resume", "extend", "end", "reveal"]
CONTROLS += ["wall_hold", "wall_next", "wall_run", "vote_close", "vote_open"]

ids = st.integers(min_value=1, max_value=14)
texts = st.one_of(st.text(max_size=30), st.sampled_from(["Samen oogsten", "", "  ", "x" * 250]))
pledge_actions = st.one_of(
    st.builds(
        lambda i, rh, t, k: (
            "pledge:add",
            {
                "round_id": "inbreng",
                "idea": i,
                "resource": rh[0],
                "text": t,
                "hours": rh[1],
                "client_id": f"pledge-{k:04d}",
            },
        ),
        st.integers(1, 6),
        st.sampled_from(
            [
                ("time", 2),
                ("time", 0.5),
                ("money", None),
                ("network", None),
                ("time", 0),
                ("time", None),
                ("koffie", None),
            ]
        ),
        st.one_of(st.just("Ik help"), texts),
        st.integers(0, 30),
    ),
    st.builds(
        lambda i, t, r: ("pledge:edit", {"id": i, "text": t, "resource": r, "amount": 20}),
        ids,
        texts,
        st.sampled_from(["money", "time"]),
    ),
    st.builds(lambda i: ("pledge:delete", {"id": i}), ids),
)
player_actions = st.one_of(
    st.builds(
        lambda r, t, c, k: ("card:add", {"round_id": r, "text": t, "category": c, "client_id": f"client-{k:04d}"}),
        st.sampled_from(ROUNDS),
        texts,
        st.sampled_from([None, "kans", "drempel"]),
        st.integers(0, 30),
    ),
    st.builds(lambda i, t: ("card:edit", {"id": i, "text": t}), ids, texts),
    st.builds(lambda i: ("card:delete", {"id": i}), ids),
    st.builds(lambda r, t: ("intro:set", {"round_id": r, "text": t}), st.sampled_from(["welkom", "droom"]), texts),
    st.builds(lambda i, n: ("ballot:set", {"round_id": "kiezen", "card_id": i, "count": n}), ids, st.integers(-1, 3)),
    st.builds(
        lambda i, n: ("ballot:set", {"round_id": "kiezen", "card_id": i, "count": n}),
        st.integers(1, 6),
        st.integers(1, 2),
    ),
    st.builds(
        lambda w, k: ("step:add", {"round_id": "actiepad", "what": w, "client_id": f"step-{k:04d}"}),
        texts,
        st.integers(0, 30),
    ),
    st.builds(lambda i, w: ("step:edit", {"id": i, "what": w, "due": "2026-05-01"}), ids, texts),
    st.builds(lambda i: ("step:claim", {"id": i}), ids),
    st.builds(
        lambda s, w: ("rating:set", {"round_id": "samenspel", "scores": {"luisteren": s}, "word": w}),
        st.integers(0, 6),
        texts,
    ),
    pledge_actions,
)
facilitator_actions = st.one_of(
    st.builds(lambda c: ("control", {"action": c}), st.sampled_from(CONTROLS)),
    st.builds(
        lambda w, k: ("step:add", {"round_id": "actiepad", "what": w, "client_id": f"fac-{k:04d}"}),
        texts,
        st.integers(0, 30),
    ),
    st.builds(lambda i, w: ("step:edit", {"id": i, "what": w}), ids, texts),
    st.builds(
        lambda a, i, j: ("moderate", {"action": a, "id": i, "into": j, "text": "aangepast", "category": "kans"}),
        st.sampled_from(["hide", "show", "edit", "move", "merge"]),
        ids,
        ids,
    ),
)
steps = st.lists(
    st.one_of(st.tuples(st.integers(0, 2), player_actions), st.tuples(st.just(None), facilitator_actions)),
    min_size=5,
    max_size=60,
)


def snapshot_of(state):
    return (
        {(i.id, i.round_id, i.kind, i.author_id, repr(sorted(dict(i.data).items())), i.hidden) for i in state.items},
        state.flow,
        {k: v.as_data() for k, v in state.rounds.items()},
    )


def check_invariants(state, players):
    vote = GAME.round("kiezen").settings
    for player in players:
        for ballot in (i for i in state.items if i.kind == "ballot" and i.author_id == player.id):
            votes = ballot.data["votes"].values()
            assert sum(votes) <= vote["votes_per_player"] and all(0 < v <= vote["max_per_card"] for v in votes)
        for rnd in GAME.rounds:
            if rnd.mechanic == "cards":
                mine = [
                    i for i in state.items if i.round_id == rnd.id and i.kind == "card" and i.author_id == player.id
                ]
                assert len(mine) <= rnd.settings["max_per_player"]
            if rnd.mechanic == "pledge":
                mine = [
                    i for i in state.items if i.round_id == rnd.id and i.kind == "pledge" and i.author_id == player.id
                ]
                assert len(mine) <= rnd.settings["max_per_player"]
            if rnd.mechanic in ("introduce", "vote", "rate"):
                kind = {"introduce": "intro", "vote": "ballot", "rate": "rating"}[rnd.mechanic]
                assert len([i for i in state.items if i.kind == kind and i.author_id == player.id]) <= 1


def prefix(start_round: int):
    """Play to the ideas round, let everyone write two ideas, then go to ``start_round``: so
    random steps also meet votes, plans and ratings with something to act on."""
    moves = [(None, ("control", {"action": "start"}))]
    moves += [(None, ("control", {"action": "next"}))] * ROUNDS.index("ideeen")
    moves += [
        (p, ("card:add", {"round_id": "ideeen", "text": f"idee {p}{n}", "client_id": f"seed-{p}-{n}-x"}))
        for p in range(3)
        for n in range(2)
    ]
    here = ROUNDS.index("ideeen")
    vote = ROUNDS.index("kiezen")
    if start_round > vote:  # on the way past the vote, everyone puts a dot: ideas get chosen
        moves += [(None, ("control", {"action": "next"}))] * (vote - here)
        moves += [(p, ("ballot:set", {"round_id": "kiezen", "card_id": 2 * p + 1, "count": 1})) for p in range(3)]
        here = vote
    moves += [(None, ("control", {"action": "next" if start_round > here else "back"}))] * abs(start_round - here)
    return moves


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start_round=st.sampled_from([0, 1, 3, 4, 5, 6, 6, 6, 7, 7, 7, 8, 8, 9]), random_steps=steps)
@example(
    start_round=6, random_steps=[(0, ("ballot:set", {"round_id": "kiezen", "card_id": c, "count": 2})) for c in (1, 2)]
)
@example(
    start_round=7,
    random_steps=[
        (
            0,
            (
                "pledge:add",
                {
                    "round_id": "inbreng",
                    "idea": 1,
                    "resource": "time",
                    "text": "Tijd",
                    "hours": 2,
                    "client_id": "pledge-0001",
                },
            ),
        ),
        (1, ("pledge:edit", {"id": 10, "text": "Niet van mij", "resource": "money", "amount": 20})),
        (0, ("pledge:edit", {"id": 10, "text": "Geld", "resource": "money", "amount": 20})),
        (None, ("control", {"action": "back"})),
        (None, ("control", {"action": "next"})),
        (0, ("pledge:delete", {"id": 10})),
    ],
)
def test_random_play_keeps_the_rules_and_replays_exactly(tmp_path_factory, start_round, random_steps):
    play_and_check(tmp_path_factory, prefix(start_round) + random_steps)


pledge_steps = st.lists(
    st.one_of(
        st.tuples(st.integers(0, 2), pledge_actions),
        st.tuples(st.just(None), st.sampled_from([("control", {"action": a}) for a in ("pause", "resume", "extend")])),
    ),
    min_size=5,
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(random_steps=pledge_steps)
def test_random_offers_keep_the_rules_and_replay_exactly(tmp_path_factory, random_steps):
    """In the pledge round itself: offers, changes and deletions by random players."""
    play_and_check(tmp_path_factory, prefix(ROUNDS.index("inbreng")) + random_steps)


def play_and_check(tmp_path_factory, steps):
    ctx = fresh_context(tmp_path_factory.mktemp("prop"), GAME)
    database = ctx.database
    with database.unit_of_work() as db:
        row, _key = create_session(db, game=GAME, title="t", question="q")
        session_id, code = row.id, row.code
    for index, role in enumerate(ROLES):
        people.join(ctx, code, {"name": f"P{index}", "role": role}, "127.0.0.1")
    with database.unit_of_work() as db:
        players = players_of(db, db.get(GameSession, session_id))
    facilitator = ActorRef(session_id, FACILITATOR)
    refs = [ActorRef(session_id, PARTICIPANT, p.id) for p in players]
    kept = 0

    for who, (event, payload) in steps:
        with database.unit_of_work() as db:
            row = db.get(GameSession, session_id)
            before = load(db, row, GAME)
        try:
            if who is None and event == "control":
                play.control(ctx, facilitator, payload)
            elif who is None and event.startswith("step:"):
                play.act(ctx, facilitator, event, payload)
            elif who is None:
                play.moderate(ctx, facilitator, payload)
            else:
                outcome = play.act(ctx, refs[who], event, payload)
                if outcome.ack.get("duplicate"):
                    continue
                touched = outcome.ack.get("item") or {"round_id": None}
                current = GAME.rounds[before.flow.round_index].id if before.flow.round_index is not None else None
                assert touched.get("round_id") in (None, current), "only the current round takes input"
                if event in ("card:edit", "card:delete", "pledge:edit", "pledge:delete"):
                    target = next(i for i in before.items if i.id == payload["id"])
                    assert target.author_id == players[who].id, "only your own cards and offers"
            accepted = True
        except Rejected:
            accepted = False
        with database.unit_of_work() as db:
            after = load(db, db.get(GameSession, session_id), GAME)
        if not accepted:
            assert snapshot_of(after) == snapshot_of(before), f"rejected {event} changed the session"
        check_invariants(after, players)
        kept += assert_kept_is_stored(ctx, session_id)  # what the next event starts from

    with database.unit_of_work() as db:
        row = db.get(GameSession, session_id)
        live, log = load(db, row, GAME), action_log(db, row)
    assert snapshot_of(replay(GAME, players, log)) == snapshot_of(live)
    assert kept, "the events' states were kept between them"
    database.dispose()
