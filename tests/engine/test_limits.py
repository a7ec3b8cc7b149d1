"""One source for every limit: the validated rules. The engine enforces what the round's
settings say (no numbers of its own), and the round in the snapshot carries every setting,
so the phone can enforce the same limits."""

from __future__ import annotations

import pytest

from samenspel.engine import actions
from samenspel.engine.actions import moderate
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import EXTEND_MINUTES, MINUTE_MS, Flow, Status, apply_control
from samenspel.engine.mechanics import mechanic_for
from samenspel.engine.state import Create, Player
from samenspel.engine.views import FACILITATOR, PARTICIPANT, Viewer, round_view
from samenspel.rules.mechanics import MECHANICS
from tests.support.factories import FATIMA, card, default_game, game_with, session_at, turn_in


def refused(turn, verb, payload) -> Rejected:
    with pytest.raises(Rejected) as caught:
        mechanic_for(turn.round.mechanic).handle(turn, verb, payload)
    return caught.value


def test_card_limits_come_from_the_round():
    game = game_with("droom", max_per_player=2, max_length=30)
    mine = [card(1, FATIMA), card(2, FATIMA)]
    assert refused(turn_in("droom", game=game, items=mine), "add", {"text": "x"}).code == "limit_reached"
    too_long = refused(turn_in("droom", game=game), "add", {"text": "x" * 31})
    assert (too_long.code, too_long.params["max"]) == ("too_long", 30)
    assert isinstance(mechanic_for("cards").handle(turn_in("droom", game=game), "add", {"text": "x" * 30}), Create)


def test_moderation_edits_within_the_rounds_card_length():
    game = game_with("droom", max_length=30)
    session = session_at("droom", game=game, items=[card(1, FATIMA)])
    with pytest.raises(Rejected) as caught:
        moderate(session, {"action": "edit", "id": 1, "text": "y" * 31})
    assert caught.value.params["max"] == 30
    assert moderate(session, {"action": "edit", "id": 1, "text": "y" * 30})[0].data["text"] == "y" * 30


def test_introduction_length_comes_from_the_round():
    game = game_with("welkom", max_length=20)
    assert refused(turn_in("welkom", game=game), "set", {"text": "z" * 21}).params["max"] == 20


def test_plan_field_lengths_and_partners_come_from_the_round():
    limits = {"what": 25, "owner": 12, "partner": 10, "needs": 40}
    game = game_with("actiepad", max_length=limits, max_partners=2)
    turn = turn_in("actiepad", game=game)
    for field, most in (("what", 25), ("owner", 12), ("needs", 40)):
        error = refused(turn, "add", {"what": "Bouwen", field: "w" * (most + 1), "client_id": "abcdefgh"})
        assert (error.code, error.params["max"]) == ("too_long", most), field
    assert refused(turn, "add", {"what": "Bouwen", "partners": ["a", "b", "c"]}).params["max"] == 2
    assert refused(turn, "add", {"what": "Bouwen", "partners": ["p" * 11]}).params["max"] == 10
    made = mechanic_for("plan").handle(turn, "add", {"what": "w" * 25, "partners": "Bram, Els"})
    assert made.data["partners"] == ["Bram", "Els"]


def test_the_reflection_word_length_comes_from_the_round():
    game = game_with("samenspel", word_length=8)
    error = refused(turn_in("samenspel", game=game), "set", {"word": "Samenwerken"})
    assert (error.code, error.params["max"]) == ("too_long", 8)


@pytest.mark.parametrize("kind", [PARTICIPANT, FACILITATOR])
def test_the_round_in_the_snapshot_carries_every_setting(kind):
    game = default_game()
    viewer = Viewer(kind, Player(1, "Fatima", "inwoner") if kind == PARTICIPANT else None)
    for index, rnd in enumerate(game.rounds):
        view = round_view(game, Flow(Status.RUNNING, index, 1, None), viewer)
        assert set(view["settings"]) == set(MECHANICS[rnd.mechanic].properties), rnd.id
    plan = round_view(game, Flow(Status.RUNNING, game.round_index("actiepad"), 1, None), viewer)["settings"]
    assert plan["max_length"] == {"what": 200, "owner": 60, "partner": 60, "needs": 300}
    assert plan["max_partners"] == 12


def test_extend_adds_the_default_minutes_when_none_are_given_and_refuses_zero():
    running = Flow(Status.RUNNING, 0, 1_000, None)
    extended = apply_control(running, "extend", now_ms=0, round_minutes=(10,))
    assert extended.deadline_ms == 1_000 + EXTEND_MINUTES * MINUTE_MS
    for minutes in (0, -1, 61, True, "5"):
        with pytest.raises(Rejected) as caught:
            apply_control(running, "extend", now_ms=0, round_minutes=(10,), extra_minutes=minutes)
        assert caught.value.code == "bad_request", minutes


def test_reveal_is_the_cards_mechanics_control():
    assert actions.is_round_control("reveal") and not actions.is_round_control("next")
    game = game_with("droom", visibility="reveal")
    round_id, state = actions.round_control(session_at("droom", game=game), "reveal")
    assert (round_id, state.revealed) == ("droom", True)
    with pytest.raises(Rejected) as live:
        actions.round_control(session_at("droom"), "reveal")
    assert live.value.code == "invalid_transition"
    with pytest.raises(Rejected) as other:
        actions.round_control(session_at("kiezen"), "reveal")
    assert other.value.code == "invalid_transition" and "vote" in other.value.detail
    with pytest.raises(Rejected) as closed:
        actions.round_control(session_at("droom", game=game, status=Status.LOBBY), "reveal")
    assert closed.value.code == "invalid_transition"
