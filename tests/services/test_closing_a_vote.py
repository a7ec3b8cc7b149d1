"""Closing a vote through the use cases on a real store (SQLite): the close is stored and
logged once (a second press is ``unchanged``), every audience is told the tally and the
chosen ideas, a late ballot is refused and changes nothing, a card merged after the close
moves the tally on the screens, and replaying the log rebuilds the closed vote exactly."""

from __future__ import annotations

import pytest

from samenspel.engine.errors import Rejected
from samenspel.engine.replay import replay
from samenspel.engine.views import AUDIENCES, FACILITATOR
from samenspel.services import create, play
from samenspel.services.unit import ActorRef
from samenspel.store.models import GameSession
from samenspel.store.participants import players_of
from samenspel.store.sessions import find_by_code
from samenspel.store.state import action_log, load
from tests.support.kept import assert_kept_is_stored
from tests.support.writers import GAME, GAMES, cards_round, context


@pytest.fixture
def ctx(tmp_path):
    made = context(f"sqlite:///{tmp_path / 'close.sqlite3'}")
    yield made
    made.database.dispose()


def stored(ctx, session_id, game_id=GAME):
    with ctx.database.unit_of_work(write=False) as db:
        row = db.get(GameSession, session_id)
        game = GAMES.games[game_id]
        return load(db, row, game), action_log(db, row), players_of(db, row), game


def summaries(outcome) -> dict:
    """The vote's summary as each audience was told it."""
    told = {}
    for broadcast in outcome.broadcasts:
        for audience in AUDIENCES:
            copy = broadcast.copy_for(audience)
            if copy and copy[0] == "summary" and copy[1]["round_id"] == "kiezen":
                told[audience] = copy[1]["summary"]
    return told


def in_the_vote(ctx):
    facilitator, players = cards_round(ctx, players=3)
    for _ in range(4):  # droom → ideeen
        play.control(ctx, facilitator, {"action": "next"})
    ideas = [
        play.act(ctx, players[n % 2], "card:add", {"round_id": "ideeen", "text": t, "client_id": f"idea-{n:05d}"})
        for n, t in enumerate(["Moestuin", "Kas", "Bankje", "Moestuin!"])
    ]
    ids = [i.ack["item"]["id"] for i in ideas]
    assert play.sync(ctx, facilitator).ack["snapshot"]["round"]["id"] == "ideeen"
    play.control(ctx, facilitator, {"action": "next"})  # kiezen
    for player, (card, count) in zip(players, [(0, 2), (1, 1), (3, 2)]):
        play.act(ctx, player, "ballot:set", {"round_id": "kiezen", "card_id": ids[card], "count": count})
    return facilitator, players, ids


def test_close_refuse_merge_reopen_and_replay(ctx):
    facilitator, players, ids = in_the_vote(ctx)
    session_id = facilitator.session_id
    closing = play.control(ctx, facilitator, {"action": "vote_close"})
    assert closing.ack["ok"] and "unchanged" not in closing.ack
    told = summaries(closing)
    assert set(told) == set(AUDIENCES), "phones, screens and consoles all see the result"
    for summary in told.values():
        assert summary["closed"] and summary["voters"] == 3
        assert summary["tally"] == {str(ids[0]): 2, str(ids[1]): 1, str(ids[3]): 2}
        assert summary["chosen"] == [ids[0], ids[3], ids[1]]
    logged = len(stored(ctx, session_id)[1])

    again = play.control(ctx, facilitator, {"action": "vote_close"})
    assert again.ack == {"ok": True, "unchanged": True} and not again.broadcasts
    before = stored(ctx, session_id)[0]
    with pytest.raises(Rejected) as refused:
        play.act(ctx, players[1], "ballot:set", {"round_id": "kiezen", "card_id": ids[2], "count": 1})
    assert refused.value.code == "voting_closed"
    state, log, _, _ = stored(ctx, session_id)
    assert len(log) == logged and state.items == before.items, "nothing stored or logged"

    # the facilitator merges the duplicate idea after the close: its dots move, and the
    # screens are told at once (the vote's summary reads the ideas' round)
    merged = play.moderate(ctx, facilitator, {"action": "merge", "id": ids[3], "into": ids[0]})
    moved = summaries(merged)
    assert moved["screens"]["tally"] == {str(ids[0]): 4, str(ids[1]): 1}
    assert moved["screens"]["chosen"] == [ids[0], ids[1]]

    reopened = play.control(ctx, facilitator, {"action": "vote_open"})
    assert summaries(reopened)["screens"] == {"voters": 3, "closed": False}
    assert play.act(ctx, players[1], "ballot:set", {"round_id": "kiezen", "card_id": ids[2], "count": 1}).ack["ok"]
    play.control(ctx, facilitator, {"action": "vote_close"})

    state, log, players_now, game = stored(ctx, session_id)
    assert [e.payload["action"] for e in log if e.event == "control"][-3:] == ["vote_close", "vote_open", "vote_close"]
    replayed = replay(game, players_now, log)
    assert dict(replayed.rounds) == dict(state.rounds) and replayed.round_state("kiezen").closed
    assert replayed.items == state.items and replayed.flow == state.flow
    assert_kept_is_stored(ctx, session_id)


def test_a_second_reveal_changes_nothing_either(ctx):
    """Every control of a round is idempotent by intent, cards' reveal too (a second one
    was logged again and sent every client to fetch a fresh snapshot)."""
    created = create.create(ctx, {"game": "wijkuitvoeringsplan", "title": "t", "question": "q"})
    with ctx.database.unit_of_work(write=False) as db:
        session_id = find_by_code(db, created.code).id
    facilitator = ActorRef(session_id, FACILITATOR)
    play.control(ctx, facilitator, {"action": "start"})
    while play.sync(ctx, facilitator).ack["snapshot"]["round"]["settings"].get("visibility") != "reveal":
        play.control(ctx, facilitator, {"action": "next"})
    first = play.control(ctx, facilitator, {"action": "reveal"})
    assert first.ack == {"ok": True} and [b.copy_for("screens")[0] for b in first.broadcasts] == ["resync", "summary"]
    logged = len(stored(ctx, session_id, "wijkuitvoeringsplan")[1])
    second = play.control(ctx, facilitator, {"action": "reveal"})
    assert second.ack == {"ok": True, "unchanged": True} and not second.broadcasts
    assert len(stored(ctx, session_id, "wijkuitvoeringsplan")[1]) == logged
