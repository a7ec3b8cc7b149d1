"""One writer per session, on SQLite and on PostgreSQL: threads hit the use cases at the same
moment, hundreds of times, and every decision is still made on locked state — the card
limit holds, a client_id makes one item however many sockets send it (the rest answer
``duplicate``, never a unique violation), the broadcast sequence has no gap or repeat, and
the log replays to the stored state. Plus what the lock must not do: block readers, block
other sessions, or leave a waiting writer with a traceback."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select

from samenspel.engine.errors import Rejected
from samenspel.engine.replay import replay
from samenspel.services import play
from samenspel.services.catalogue import game_for
from samenspel.services.unit import reading, writing
from samenspel.store.models import GameSession, Item
from samenspel.store.participants import players_of
from samenspel.store.state import action_log, load
from tests.support.writers import at_once, cards_round, context

TRIALS = 100
LIMIT = 3  # cards per player in the round ``droom``


@pytest.fixture(params=["sqlite", "postgresql"])
def ctx(request, tmp_path):
    if request.param == "sqlite":
        made = context(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    else:
        made = context(request.getfixturevalue("postgres_url"))
    yield made
    made.database.dispose()


def stored_equals_replay(ctx, session_id) -> None:
    with ctx.database.unit_of_work(write=False) as db:
        session = db.get(GameSession, session_id)
        game = game_for(db, session)
        live = load(db, session, game)
        rebuilt = replay(game, players_of(db, session, include_removed=True), action_log(db, session))
    assert rebuilt.items == live.items and rebuilt.flow == live.flow


def test_the_card_limit_holds_when_one_player_sends_from_many_sockets(ctx):
    for trial in range(TRIALS):
        _facilitator, (player,) = cards_round(ctx)
        results = at_once(
            [
                lambda n=n: play.act(
                    ctx,
                    player,
                    "card:add",
                    {"round_id": "droom", "text": f"kaart {n}", "client_id": f"t{trial:03d}-card-{n}"},
                )
                for n in range(8)
            ]
        )
        refused = [r for r in results if isinstance(r, Rejected)]
        assert len(results) - len(refused) == LIMIT, f"trial {trial}: {results}"
        assert {r.code for r in refused} == {"limit_reached"}
        seqs = sorted(b.seq for r in results if not isinstance(r, Rejected) for b in r.broadcasts)
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs))), "one sequence, no gap, no repeat"
        stored_equals_replay(ctx, player.session_id)


def test_one_client_id_from_many_sockets_makes_one_card(ctx):
    for trial in range(TRIALS):
        _facilitator, (player,) = cards_round(ctx)
        payload = {"round_id": "droom", "text": "dezelfde", "client_id": f"same-{trial:04d}"}
        results = at_once([lambda: play.act(ctx, player, "card:add", dict(payload)) for _ in range(6)])
        assert not [r for r in results if isinstance(r, Rejected)], results
        acks = [r.ack for r in results]
        assert sum(1 for a in acks if not a.get("duplicate")) == 1
        assert len({a["item"]["id"] for a in acks}) == 1
        with ctx.database.unit_of_work(write=False) as db:
            count = len(db.scalars(select(Item.id).where(Item.session_id == player.session_id)).all())
        assert count == 1


def test_many_players_at_once_keep_one_sequence_and_replay_exactly(ctx):
    for trial in range(TRIALS // 4):
        facilitator, players = cards_round(ctx, players=6)
        calls = [
            lambda p=p, n=n: play.act(
                ctx,
                p,
                "card:add",
                {
                    "round_id": "droom",
                    "text": f"{p.participant_id}-{n}",
                    "client_id": f"m{trial:03d}-{p.participant_id}-{n}",
                },
            )
            for p in players
            for n in range(4)
        ]
        calls.append(lambda: play.control(ctx, facilitator, {"action": "pause"}))
        results = at_once(calls, workers=12)
        ok = [r for r in results if not isinstance(r, Rejected)]
        assert all(r.code == "limit_reached" for r in results if isinstance(r, Rejected))
        assert len(ok) == 6 * LIMIT + 1
        seqs = sorted(b.seq for r in ok for b in r.broadcasts)
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
        stored_equals_replay(ctx, facilitator.session_id)


def test_a_reader_never_waits_for_a_writer_and_other_sessions_go_on(ctx):
    _f, (first,) = cards_round(ctx)
    _g, (second,) = cards_round(ctx)
    holding, release = threading.Event(), threading.Event()

    def hold():
        with writing(ctx, first.session_id):
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        with reading(ctx, first.session_id) as unit:
            assert unit.state().flow.round_index == 1
        assert play.sync(ctx, first).ack["ok"]
        # The writer holds its lock until released (or 10 s): done while it still holds it
        # means the reader did not wait for it (no timing, which a loaded machine would skew).
        assert holder.is_alive() and not release.is_set(), "a reader waited for the writer"
        if ctx.database.engine.dialect.name == "sqlite":
            return  # SQLite has one writer for the whole file
        assert play.act(ctx, second, "card:add", {"round_id": "droom", "text": "ander", "client_id": "other-0001"})
        assert holder.is_alive() and not release.is_set(), "a writer of another session waited"
    finally:
        release.set()
        holder.join()


def test_a_writer_that_waits_too_long_gets_server_busy(request, tmp_path):
    """PostgreSQL: a lock not granted within lock_timeout; SQLite: still locked after its busy
    timeout. Either way a clear refusal, and the session is untouched."""
    for url in (f"sqlite:///{tmp_path / 'b.sqlite3'}", request.getfixturevalue("postgres_url")):
        ctx = context(url)
        _f, (player,) = cards_round(ctx)
        impatient = context(url, lock_timeout_ms=200)
        if url.startswith("sqlite"):
            event.listen(
                impatient.database.engine,
                "connect",
                lambda dbapi_connection, _record: dbapi_connection.execute("PRAGMA busy_timeout=200"),
            )
            impatient.database.engine.dispose()  # connections made before keep the long timeout
        holding, release = threading.Event(), threading.Event()

        def hold():
            with writing(ctx, player.session_id):
                holding.set()
                release.wait(10)

        holder = threading.Thread(target=hold)
        holder.start()
        try:
            assert holding.wait(10)
            with pytest.raises(Rejected) as refused:
                play.act(impatient, player, "card:add", {"round_id": "droom", "text": "x", "client_id": "late-0001"})
            assert refused.value.code == "server_busy"
        finally:
            release.set()
            holder.join()
        assert play.act(impatient, player, "card:add", {"round_id": "droom", "text": "x", "client_id": "late-0001"})
        ctx.database.dispose()
        impatient.database.dispose()


def test_writers_of_one_session_wait_for_their_turn_without_holding_a_connection(request, tmp_path):
    """Forty writers of one session at once, through a pool of two connections that gives
    up after 0.05 s: they queue in the process (services/turns.py), not on the pool, so none
    is refused; and nothing is kept once they are done."""
    for url in (f"sqlite:///{tmp_path / 'turns.sqlite3'}", request.getfixturevalue("postgres_url")):
        ctx = context(url, pool_size=2, max_overflow=0, pool_timeout=0.05)
        for trial in range(10):
            _f, (player,) = cards_round(ctx)
            card = play.act(
                ctx, player, "card:add", {"round_id": "droom", "text": "0", "client_id": f"turn-{trial:03d}"}
            )
            card_id = card.ack["item"]["id"]
            results = at_once(
                [lambda n=n: play.act(ctx, player, "card:edit", {"id": card_id, "text": str(n)}) for n in range(40)]
            )
            assert not [r for r in results if isinstance(r, Rejected)], [r for r in results if isinstance(r, Rejected)][
                :3
            ]
            assert len(ctx.turns) == 0
        ctx.database.dispose()
