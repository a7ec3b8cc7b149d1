"""The engine's entry points for everything that changes a session, shared by the live
store (which persists the result) and replay (which rebuilds a session from its log)."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Mapping

from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics import MECHANICS, mechanic_for, mechanic_for_kind
from samenspel.engine.state import (
    FACILITATOR_PLAYER,
    Change,
    Create,
    Delete,
    Item,
    Player,
    RoundState,
    SessionState,
    Turn,
    Update,
)
from samenspel.rules.model import Round


def parse_event(event: str):
    """``card:add`` -> (the cards mechanic, "add"), or a bad_request rejection."""
    kind, _, verb = str(event).partition(":")
    mechanic = mechanic_for_kind(kind)
    if mechanic is None:
        raise Rejected("bad_request", f"unknown event {event!r}")
    return mechanic, verb


def target_round(state: SessionState, mechanic, verb: str, payload: dict) -> Round:
    """The round an input is for: named by ``round_id`` or by the item it touches."""
    round_id = payload.get("round_id")
    if verb not in mechanic.creating_verbs and "id" in payload:
        item = state.item(payload["id"]) if is_id(payload["id"]) else None
        if item is None:
            raise Rejected("not_found", "no such item in this session")
        round_id = item.round_id
    rnd = state.game.round(round_id) if isinstance(round_id, str) else None
    if rnd is None or rnd.mechanic != mechanic.key:
        raise Rejected("bad_request", f"round {round_id!r} does not take {mechanic.item_kind} input")
    return rnd


def decide(state: SessionState, player: Player, event: str, payload, at_ms: int = 0) -> tuple[Round, list[Change]]:
    """A player's input: the round it is for and the changes the rules allow."""
    if not isinstance(payload, dict):
        raise Rejected("bad_request", "payload must be an object")
    mechanic, verb = parse_event(event)
    if player is FACILITATOR_PLAYER and verb not in mechanic.facilitator_verbs:
        raise Rejected("not_allowed", f"the facilitator cannot use {event} in their own name")
    rnd = target_round(state, mechanic, verb, payload)
    changes = mechanic.handle(Turn(state, rnd, player, at_ms), verb, payload)
    return rnd, changes if isinstance(changes, list) else [changes]


def open_current(state: SessionState) -> tuple[SessionState, tuple[str, RoundState] | None]:
    """Let the open round's mechanic prepare its state (e.g. assign perspectives)."""
    index = state.flow.round_index
    if index is None or not state.flow.is_open(index):
        return state, None
    rnd = state.game.rounds[index]
    opened = mechanic_for(rnd.mechanic).on_open(rnd, state)
    if opened is None:
        return state, None
    return state.with_round_state(rnd.id, opened), (rnd.id, opened)


def is_round_control(action) -> bool:
    """Whether ``action`` is a control some mechanic adds to its rounds (cards' ``reveal``),
    rather than one of the flow's (start, next, back, pause, resume, extend, end)."""
    return any(action in m.controls for m in MECHANICS.values())


def round_control(state: SessionState, action: str) -> tuple[str, RoundState]:
    """A facilitator's control of the open round, decided by the round's mechanic: the
    round and its new state."""
    index = state.flow.round_index
    if index is None or not state.flow.is_open(index):
        raise Rejected("invalid_transition", f"{action} works in an open round")
    rnd = state.game.rounds[index]
    mechanic = mechanic_for(rnd.mechanic)
    if action not in mechanic.controls:
        raise Rejected("invalid_transition", f"a {rnd.mechanic} round has no {action}")
    return rnd.id, mechanic.control(rnd, state, action)


def reveals(state: SessionState, action: str) -> bool:
    """Whether a control of the open round shows what some clients could not see before
    (cards' ``reveal``): then every client fetches a fresh snapshot."""
    rnd = state.game.rounds[state.flow.round_index]
    return action in mechanic_for(rnd.mechanic).revealing_controls


def hides_until_closed(state: SessionState, rnd: Round) -> bool:
    """Whether some viewers see less of ``rnd`` until it closes (see Mechanic.hides_until_closed)."""
    return mechanic_for(rnd.mechanic).hides_until_closed(rnd, state)


def apply_changes(
    state: SessionState,
    changes: list[Change],
    *,
    round_id: str,
    author_id: int | None,
    created_ids: list[int],
    at_ms: int,
) -> SessionState:
    """The same changes the store persists, applied in memory (for replay)."""
    items = state.items
    new_ids = iter(created_ids)
    for change in changes:
        if isinstance(change, Create):
            item_id = next(new_ids)
            made = Item(
                item_id, round_id, change.kind, author_id, MappingProxyType(dict(change.data)), False, at_ms, at_ms
            )
            items = items.changed(put=[made])
        elif isinstance(change, Delete):
            items = items.changed(removed=[change.item_id])
        elif isinstance(change, Update):
            old = items.get(change.item_id)
            if old is None:
                raise KeyError(change.item_id)
            updated = replace(
                old,
                data=MappingProxyType(dict(change.data)),
                updated_ms=at_ms,
                hidden=old.hidden if change.hidden is None else change.hidden,
            )
            items = items.changed(put=[updated])
    return replace(state, items=items)


def is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63


def moderate(state: SessionState, payload) -> list[Change]:
    """The facilitator's moderation of an item, decided by the mechanic of its round."""
    if not isinstance(payload, Mapping):
        raise Rejected("bad_request", "payload must be an object")
    item_id = payload.get("id")
    if not is_id(item_id):
        raise Rejected("bad_request", "id must be an integer")
    item = state.item(item_id)
    if item is None:
        raise Rejected("not_found", f"no item {item_id}")
    return mechanic_for(state.game.round(item.round_id).mechanic).moderate(state, item, payload)
