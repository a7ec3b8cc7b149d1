"""Rebuild a session from its action log through ``engine.apply``, the same call the live
service makes for every action. Equal to the stored state when nothing was lost or altered
outside the engine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from samenspel.engine.apply import Action, apply
from samenspel.engine.flow import Flow
from samenspel.engine.state import FACILITATOR_PLAYER, Player, SessionState
from samenspel.rules.model import Game


@dataclass(frozen=True)
class LoggedAction:
    at_ms: int
    actor: str
    participant_id: int | None
    event: str
    payload: dict[str, Any]
    created: list[int]


def replay(game: Game, players: Iterable[Player], log: Iterable[LoggedAction]) -> SessionState:
    everyone = {p.id: p for p in players}
    state = SessionState(game, Flow())
    for logged in log:
        player = FACILITATOR_PLAYER if logged.participant_id is None else everyone[logged.participant_id]
        state = apply(state, Action(logged.event, logged.payload, logged.at_ms, player, tuple(logged.created))).state
    return state


__all__ = ["LoggedAction", "replay"]
