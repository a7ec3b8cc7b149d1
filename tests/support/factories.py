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


def voting_at_tables(game: Game, tables: int, roles: list[str], ideas_each: int = 2) -> SessionState:
    """The default game (or ``game``) played through the engine at ``tables`` tables: players
    of ``roles`` joined and seated, each wrote ``ideas_each`` ideas at their table, and the
    vote at tables (``kiezen``) is open."""
    from samenspel.engine.apply import Action, apply

    state = SessionState(game, Flow())
    actions = [
        Action("tables:set", {"tables": {"count": tables}, "assign": "balanced"}, 1),
        *[Action("join", {}, 1000 + i, Player(i + 1, f"p{i + 1}", role)) for i, role in enumerate(roles)],
        Action("control", {"action": "start"}, 100),
        *[Action("control", {"action": "next"}, 100 + i) for i in range(1, game.round_index("ideeen") + 1)],
    ]
    for action in actions:
        state = apply(state, action).state
    made = 100
    for player in state.players:
        for _ in range(ideas_each):
            made += 1
            payload = {"round_id": "ideeen", "text": f"idee {made}"}
            state = apply(state, Action("card:add", payload, 300, player, (made,))).state
    state = apply(state, Action("control", {"action": "next"}, 400)).state
    assert state.game.rounds[state.flow.round_index].id == "kiezen"
    return state


def card(item_id: int, author: Player, text: str = "x", round_id: str = "droom", **data) -> Item:
    return Item(item_id, round_id, "card", author.id, MappingProxyType({"text": text, "category": None, **data}))


__all__ = [
    "FATIMA",
    "HENK",
    "RoundState",
    "card",
    "default_game",
    "game_file",
    "game_with",
    "session_at",
    "turn_in",
    "voting_at_tables",
]
