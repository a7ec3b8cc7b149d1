"""Seat rules: the game's player cap, each role's maximum and the instance's cap."""

from dataclasses import replace

import pytest

from samenspel.config import PROJECT_ROOT
from samenspel.engine.errors import Rejected
from samenspel.engine.seats import check_seat, player_cap, roles_with_room
from samenspel.rules.loader import load_game

BASE = load_game(PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml")
# a game whose residents are capped at 2 and whose whole session takes 5
GAME = replace(
    BASE, players_max=5, roles=tuple(replace(r, max_players=2) if r.id == "inwoner" else r for r in BASE.roles)
)


def test_a_full_role_is_refused_with_role_full():
    assert check_seat(GAME, ["inwoner"], "inwoner", 200).id == "inwoner"
    with pytest.raises(Rejected) as refused:
        check_seat(GAME, ["inwoner", "inwoner"], "inwoner", 200)
    assert refused.value.code == "role_full"
    assert refused.value.params == {"role": "inwoner", "max": 2}
    # another role still has room
    assert check_seat(GAME, ["inwoner", "inwoner"], "ambtenaar", 200).id == "ambtenaar"


def test_the_games_player_cap_and_the_instances_cap_whichever_is_lower():
    assert player_cap(GAME, 200) == 5 and player_cap(GAME, 3) == 3
    with pytest.raises(Rejected) as refused:
        check_seat(GAME, ["ambtenaar"] * 5, "bestuurder", 200)
    assert refused.value.code == "session_full"
    with pytest.raises(Rejected) as refused:
        check_seat(GAME, ["ambtenaar"] * 3, "bestuurder", 3)
    assert refused.value.code == "session_full"


@pytest.mark.parametrize("role", [None, 3, "nobody", ["inwoner"]])
def test_an_unknown_role_is_invalid(role):
    with pytest.raises(Rejected) as refused:
        check_seat(GAME, [], role, 200)
    assert refused.value.code == "invalid_role"


def test_only_roles_with_room_are_offered():
    everyone = [r.id for r in GAME.roles]
    assert [r.id for r in roles_with_room(GAME, [], 200)] == everyone
    assert "inwoner" not in [r.id for r in roles_with_room(GAME, ["inwoner", "inwoner"], 200)]
    assert roles_with_room(GAME, ["ambtenaar"] * 5, 200) == ()
