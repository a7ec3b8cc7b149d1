"""Rebuild a session from its action log, through the same engine calls the live server
made. Equal to the stored state when nothing was lost or altered outside the engine."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable

from samenspel.engine import actions
from samenspel.engine.flow import Flow, apply_control
from samenspel.engine import forget as forgetting
from samenspel.engine.moderation import moderate
from samenspel.engine.state import FACILITATOR_PLAYER, Player, SessionState, author_id
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
    for action in log:
        state = _step(state, everyone, action)
        state, _opened = actions.open_current(state)
    return state


def _step(state: SessionState, everyone: dict[int, Player], action: LoggedAction) -> SessionState:
    payload = action.payload
    if action.event == "join":
        return replace(state, players=(*state.players, everyone[action.participant_id]))
    if action.event == "remove":
        state = replace(state, players=tuple(p for p in state.players if p.id != action.participant_id))
        if payload.get("forget_name"):  # the name itself is gone from the log already
            state = forgetting.apply(state, forgetting.forget(state, action.participant_id))
        return state
    if action.event == "control" and actions.is_round_control(payload.get("action")):
        round_id, round_state = actions.round_control(state, payload["action"])
        return state.with_round_state(round_id, round_state)
    if action.event == "control":
        flow = apply_control(state.flow, payload["action"], now_ms=action.at_ms,
                             round_minutes=tuple(r.minutes for r in state.game.rounds),
                             extra_minutes=payload.get("minutes"))
        return replace(state, flow=flow)
    if action.event == "moderate":
        changes = moderate(state, payload)
        round_id = next(i.round_id for i in state.items if i.id == changes[0].item_id)
        return actions.apply_changes(state, changes, round_id=round_id, author_id=None,
                                     created_ids=[], at_ms=action.at_ms)
    player = FACILITATOR_PLAYER if action.participant_id is None else everyone[action.participant_id]
    rnd, changes = actions.decide(state, player, action.event, payload)
    return actions.apply_changes(state, changes, round_id=rnd.id, author_id=author_id(player),
                                 created_ids=action.created, at_ms=action.at_ms)


__all__ = ["LoggedAction", "replay"]
