"""Small builders for engine tests: the real default game, with settings overridden where a
test needs other limits, and session states around it."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from types import MappingProxyType

from samenspel.config import PROJECT_ROOT
from samenspel.engine.flow import Flow, Status
from samenspel.engine.state import Item, Player, RoundState, SessionState, Turn
from samenspel.rules.loader import load_game
from samenspel.rules.model import Game

FATIMA = Player(1, "Fatima", "inwoner")
HENK = Player(2, "Henk", "ambtenaar")


@lru_cache(maxsize=None)
def default_game() -> Game:
    return load_game(PROJECT_ROOT / "game_rules" / "het-nieuwe-samenspel.yaml")


@lru_cache(maxsize=None)
def game_file(name: str) -> Game:
    """A shipped game by its file name (``samenspel-onderweg``)."""
    return load_game(PROJECT_ROOT / "game_rules" / f"{name}.yaml")


def game_with(round_id: str, **settings) -> Game:
    game = default_game()
    rounds = tuple(
        replace(r, settings=MappingProxyType({**r.settings, **settings})) if r.id == round_id else r
        for r in game.rounds
    )
    return replace(game, rounds=rounds)


def session_at(
    round_id: str,
    *,
    game: Game | None = None,
    items=(),
    players=(FATIMA, HENK),
    status: Status = Status.RUNNING,
    rounds=None,
) -> SessionState:
    game = game or default_game()
    return SessionState(
        game,
        Flow(status, game.round_index(round_id), 1, None),
        tuple(players),
        tuple(items),
        MappingProxyType(rounds or {}),
    )


def turn_in(round_id: str, actor: Player = FATIMA, **kwargs) -> Turn:
    session = session_at(round_id, **kwargs)
    return Turn(session, session.game.round(round_id), actor)


def card(item_id: int, author: Player, text: str = "x", round_id: str = "droom", **data) -> Item:
    return Item(item_id, round_id, "card", author.id, MappingProxyType({"text": text, "category": None, **data}))


__all__ = ["FATIMA", "HENK", "RoundState", "card", "default_game", "game_file", "game_with", "session_at", "turn_in"]
