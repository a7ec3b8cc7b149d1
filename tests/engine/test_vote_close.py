"""Closing a vote while its round stays on (``vote_close``, "Stemmen sluiten en uitslag
tonen"): ballots are refused, everyone sees the tally and the chosen ideas — the same ones
the rounds after it receive — and ``vote_open`` undoes it. Kept in the round's state, so
it survives going back and forth; closing twice changes nothing; at tables every table's
choice shows."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import Flow, Status
from samenspel.engine.mechanics.plan import chosen_ideas
from samenspel.engine.mechanics.vote import chosen, chosen_by_table
from samenspel.engine.state import Item, Player, RoundState, SessionState
from samenspel.engine.views import FACILITATOR, PARTICIPANT, VIEWER, Viewer, summary
from tests.support.factories import FATIMA, HENK, card, default_game, game_with, session_at, voting_at_tables

IDEAS = [card(i, FATIMA if i % 2 else HENK, f"idee {i}", round_id="ideeen") for i in range(1, 6)]
BALLOTS = [
    Item(101, "kiezen", "ballot", FATIMA.id, MappingProxyType({"votes": {"1": 2, "2": 1}})),
    Item(102, "kiezen", "ballot", HENK.id, MappingProxyType({"votes": {"2": 2, "3": 1}})),
]
ANNA = Player(3, "Anna", "bestuurder")  # has not voted yet
EVERYONE = (Viewer(VIEWER), Viewer(PARTICIPANT, FATIMA), Viewer(PARTICIPANT, HENK), Viewer(FACILITATOR))


def voting(game=None, status=Status.RUNNING) -> SessionState:
    return session_at("kiezen", game=game, items=[*IDEAS, *BALLOTS], players=(FATIMA, HENK, ANNA), status=status)


def control(state: SessionState, action: str, at: int = 10) -> SessionState:
    return apply(state, Action("control", {"action": action}, at)).state


def dot(state: SessionState, player: Player, card_id: int, count: int = 1) -> SessionState:
    payload = {"round_id": "kiezen", "card_id": card_id, "count": count}
    return apply(state, Action("ballot:set", payload, 20, player, (900 + card_id,))).state


def test_closing_keeps_the_round_on_and_shows_everyone_the_tally_and_the_chosen_ideas():
    before = voting()
    assert "tally" not in summary("kiezen", Viewer(VIEWER), before), "show_tally: close"
    state = control(before, "vote_close")
    assert state.flow == before.flow, "the round stays the current one"
    assert state.round_state("kiezen").closed
    for viewer in EVERYONE:
        seen = summary("kiezen", viewer, state)
        assert seen["closed"] and seen["voters"] == 2
        assert seen["tally"] == {"1": 2, "2": 3, "3": 1}
        assert seen["chosen"] == [2, 1, 3] == chosen(state, state.game.round("kiezen"))
    # what the action path then works on is what the room saw at the close
    later = control(state, "next")
    assert [i["id"] for i in chosen_ideas(later, later.game.round("kiezen"))] == [2, 1, 3]
    assert summary("kiezen", Viewer(VIEWER), later)["chosen"] == [2, 1, 3]


def test_a_closed_vote_refuses_ballots_and_opens_again():
    state = control(voting(), "vote_close")
    for count in (1, 0):  # a new dot, and taking one back
        with pytest.raises(Rejected) as refused:
            dot(state, FATIMA, 4, count) if count else dot(state, FATIMA, 1, 0)
        assert refused.value.code == "voting_closed"
    state = control(state, "vote_open")
    assert not state.round_state("kiezen").closed
    assert summary("kiezen", Viewer(VIEWER), state) == {"voters": 2, "closed": False}
    state = dot(state, ANNA, 4)
    assert summary("kiezen", Viewer(FACILITATOR), state)["tally"]["4"] == 1


def test_closing_twice_or_opening_an_open_vote_changes_nothing():
    closed = control(voting(), "vote_close")
    again = apply(closed, Action("control", {"action": "vote_close"}, 11))
    assert again.state.round_state("kiezen") == closed.round_state("kiezen")
    opened = apply(voting(), Action("control", {"action": "vote_open"}, 11))
    assert opened.state.round_state("kiezen") == RoundState()
    assert "closed" not in RoundState().as_data(), "an open vote stores as it always did"


def test_the_close_is_kept_in_the_rounds_state_through_back_and_next():
    state = control(voting(), "vote_close")
    assert RoundState.from_data(state.round_state("kiezen").as_data()) == state.round_state("kiezen")
    state = control(control(state, "next"), "back")  # back in the vote: still closed
    assert state.game.rounds[state.flow.round_index].id == "kiezen"
    assert summary("kiezen", Viewer(VIEWER), state)["closed"]
    with pytest.raises(Rejected) as refused:
        dot(state, ANNA, 4)
    assert refused.value.code == "voting_closed"
    # a vote the game only moved past opens again when the game comes back (as before)
    state = control(control(voting(), "next"), "back")
    assert not summary("kiezen", Viewer(VIEWER), state)["closed"]
    assert dot(state, ANNA, 4)


def test_closing_a_live_vote_shows_the_result_too():
    state = control(voting(game_with("kiezen", show_tally="live")), "vote_close")
    seen = summary("kiezen", Viewer(PARTICIPANT, FATIMA), state)
    assert seen["closed"] and seen["chosen"] == [2, 1, 3] and seen["tally"]["2"] == 3
    with pytest.raises(Rejected):
        dot(state, ANNA, 4)


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (session_at("droom"), "vote_close"),  # a cards round has no vote to close
        (session_at("kiezen", status=Status.LOBBY), "vote_close"),
        (SessionState(default_game(), Flow(Status.ENDED, 6)), "vote_open"),
        (voting(), "reveal"),  # and a vote has no cards to reveal
    ],
)
def test_vote_controls_only_in_an_open_vote(state, action):
    with pytest.raises(Rejected) as refused:
        control(state, action)
    assert refused.value.code == "invalid_transition"


def test_paused_votes_close_too():
    assert control(voting(status=Status.PAUSED), "vote_close").round_state("kiezen").closed


def test_at_tables_closing_shows_every_tables_choice_and_the_plenary_rounds_get_them():
    state = voting_at_tables(default_game(), 3, ["inwoner", "ambtenaar"] * 3)
    for player in state.players:
        own = max(c.id for c in state.items_of("ideeen", "card") if c.table == player.table)
        state = dot(state, player, own, 2)
    state = control(state, "vote_close")
    kiezen = state.game.round("kiezen")
    by_table = chosen_by_table(state, kiezen)
    assert sorted(by_table) == [1, 2, 3]
    for player in state.players:
        seen = summary("kiezen", Viewer(PARTICIPANT, player), state)
        assert seen["closed"] and seen["chosen"] == chosen(state, kiezen)
        assert seen["chosen_by_table"] == {str(t): ids for t, ids in by_table.items()}
        mine = next(c.id for c in state.items_of("ideeen", "card") if c.table == player.table)
        with pytest.raises(Rejected) as refused:
            dot(state, player, mine)
        assert refused.value.code == "voting_closed"
    state = control(state, "next")  # inbreng, plenary: the harvest is what the tables saw
    inbreng = summary("inbreng", Viewer(PARTICIPANT, state.players[0]), state)
    assert [i["id"] for i in inbreng["ideas"]] == chosen(state, kiezen)
