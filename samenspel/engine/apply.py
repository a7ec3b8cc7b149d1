"""One action applied to a session's state: the single place that knows what each logged
event does to the game. The live service (samenspel/services/) applies an action to the
state it loaded under the session's lock and stores the result; replay (engine/replay.py)
applies the logged actions one after another. Both go through ``apply``, so what was played
and what replays can never drift apart.

Pure: no database, no clock, no I/O. Time comes in with the action (``at_ms``); new items
get the ids the action names (``created``, from the log), or provisional negative ids that
the caller swaps for the stored ids with ``Applied.identified``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping

from samenspel.engine import actions, step_events, wall
from samenspel.engine import forget as forgetting
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import Status, apply_control, time_left
from samenspel.engine.library import seed as library_seed
from samenspel.engine.state import (
    FACILITATOR_PLAYER,
    Change,
    Create,
    Delete,
    Item,
    Player,
    RoundState,
    SessionState,
    author_id,
)
from samenspel.engine.tables import seating


@dataclass(frozen=True)
class Action:
    """What someone did, as the log keeps it. ``player`` is the participant who acted (or
    joined, or was removed); FACILITATOR_PLAYER for the facilitator."""

    event: str
    payload: Mapping[str, Any]
    at_ms: int
    player: Player = FACILITATOR_PLAYER
    created: tuple[int, ...] = ()


@dataclass(frozen=True)
class Applied:
    """The state before and after one action, and what changed (for storing and telling)."""

    before: SessionState
    state: SessionState
    #: item changes in order, each with the id it touched (new items: the id they got)
    changes: tuple[tuple[Change, int], ...] = ()
    #: the round the item changes belong to
    round_id: str | None = None
    #: round states that changed (revealed, perspectives assigned), to store
    round_states: Mapping[str, RoundState] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def flow_changed(self) -> bool:
        return self.before.flow != self.state.flow

    def identified(self, ids: list[int]) -> "Applied":
        """The same result with the provisional ids of new items replaced by ``ids`` (in
        the order the items were created)."""
        provisional = [item_id for change, item_id in self.changes if isinstance(change, Create)]
        if len(ids) != len(provisional):
            raise ValueError("one stored id per created item")
        mapping = dict(zip(provisional, ids))
        if not mapping or all(k == v for k, v in mapping.items()):
            return self
        items = self.state.items
        stored = [replace(items.get(old), id=new) for old, new in mapping.items() if items.get(old) is not None]
        changes = tuple((c, mapping.get(i, i)) for c, i in self.changes)
        items = items.changed(put=stored, removed=mapping)
        return replace(self, state=replace(self.state, items=items), changes=changes)


def apply(state: SessionState, action: Action) -> Applied:
    """Apply ``action`` to ``state`` or raise Rejected; the open round is prepared (e.g.
    perspectives assigned) before and after, as the live server always did."""
    before, opened_before = actions.open_current(state)
    after, changes, round_id, round_states = _step(before, action)
    after, opened_after = actions.open_current(after)
    touched = {*round_states, *(opened[0] for opened in (opened_before, opened_after) if opened)}
    stored = {round_id_: after.round_state(round_id_) for round_id_ in sorted(touched)}
    return Applied(state, after, changes, round_id, MappingProxyType(stored))


def _step(state: SessionState, action: Action):
    payload = action.payload
    if action.event == "join":
        wished = payload.get("table") if isinstance(payload, Mapping) else None
        return seating.join(state, action.player, wished), (), None, {}
    if action.event in seating.EVENTS:
        return seating.apply_event(state, action.event, payload, action.player, action.at_ms), (), None, {}
    if action.event == "remove":
        state = replace(state, players=tuple(p for p in state.players if p.id != action.player.id))
        state = seating.leave(state, action.player.id)
        if isinstance(payload, Mapping) and payload.get("forget_name"):
            # claims lose the copied name (engine/forget.py); the name itself is gone from the
            # items and the log already, and the store redacts those rows, so no item changes
            state = forgetting.apply(state, forgetting.forget(state, action.player.id))
        return state, (), None, {}
    if action.event == forgetting.EVENT:  # a later session of the initiative forgets them too
        return forgetting.forgotten(state, payload), (), None, {}
    if action.event == "control":
        return _control(state, payload, action.at_ms)
    if action.event in step_events.EVENTS:  # a follow-up's import, a status between meetings
        round_id, changes = step_events.decide(state, action.event, payload, action.at_ms, action.player)
        if not changes:
            return state, (), round_id, {}
        after, touched = _changed(state, changes, round_id=round_id, author=None, action=action)
        return after, touched, round_id, {}
    if action.event == library_seed.EVENT:  # "Begin hiermee": a library entry's ideas
        round_id, changes = library_seed.decide(state, payload)
        after, touched = _changed(state, changes, round_id=round_id, author=None, action=action)
        return after, touched, round_id, {}
    if action.event == "moderate":
        changes = actions.moderate(state, payload)
        round_id = state.item(changes[0].item_id).round_id
        after, touched = _changed(state, changes, round_id=round_id, author=None, action=action)
        return after, touched, round_id, {}
    if action.player is not FACILITATOR_PLAYER:
        # the player as the session knows them now (their table), whoever the caller passed
        action = replace(action, player=state.player(action.player.id) or action.player)
    rnd, changes = actions.decide(state, action.player, action.event, payload, action.at_ms)
    after, touched = _changed(state, changes, round_id=rnd.id, author=author_id(action.player), action=action)
    return after, touched, rnd.id, {}


def _control(state: SessionState, payload, at_ms: int):
    if not isinstance(payload, Mapping):
        raise Rejected("bad_request", "payload must be an object")
    control, minutes = payload.get("action"), payload.get("minutes")
    if not isinstance(control, str) or (
        minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool))
    ):
        raise Rejected("bad_request", "action must be a string and minutes an integer")
    if wall.is_wall_control(control):  # the projector's wall: hold, run, next, previous page
        round_id, round_state = wall.control(state, control)
        return state.with_round_state(round_id, round_state), (), None, {round_id: round_state}
    if actions.is_round_control(control):  # one the open round's mechanic offers (cards: reveal)
        round_id, round_state = actions.round_control(state, control)
        return state.with_round_state(round_id, round_state), (), None, {round_id: round_state}
    rounds = state.game.rounds
    left = {i: state.round_state(r.id).left_ms for i, r in enumerate(rounds)}
    flow = apply_control(
        state.flow,
        control,
        now_ms=at_ms,
        round_minutes=tuple(r.minutes for r in rounds),
        extra_minutes=minutes,
        from_round=payload.get("from_round"),
        left_ms={i: ms for i, ms in left.items() if ms is not None},
    )
    after = replace(state, flow=flow)
    remaining = time_left(state.flow, at_ms)
    if remaining is None or (flow.round_index == state.flow.round_index and flow.status is not Status.ENDED):
        return after, (), None, {}
    # the game moved away from an open round: keep the time it had left, to give it back
    rnd = rounds[state.flow.round_index]
    kept = replace(state.round_state(rnd.id), left_ms=remaining)
    return after.with_round_state(rnd.id, kept), (), None, {rnd.id: kept}


def _changed(
    state: SessionState, changes: list[Change], *, round_id: str, author: int | None, action: Action
) -> tuple[SessionState, tuple[tuple[Change, int], ...]]:
    """The changes applied in memory; new items take the logged ids, else provisional ones."""
    items = state.items
    table = seating.item_table(state, state.game.round(round_id), action.player)
    logged = iter(action.created)
    provisional = -1
    touched = []
    for change in changes:
        if isinstance(change, Create):
            item_id = next(logged, None)
            if item_id is None:
                item_id, provisional = provisional, provisional - 1
            made = Item(
                item_id,
                round_id,
                change.kind,
                author,
                MappingProxyType(dict(change.data)),
                False,
                action.at_ms,
                action.at_ms,
                table,
            )
            items = items.changed(put=[made])
        elif isinstance(change, Delete):
            item_id = change.item_id
            items = items.changed(removed=[item_id])
        else:
            item_id = change.item_id
            old = items.get(item_id)
            if old is None:
                raise KeyError(item_id)
            updated = replace(
                old,
                data=MappingProxyType(dict(change.data)),
                updated_ms=action.at_ms,
                hidden=old.hidden if change.hidden is None else change.hidden,
            )
            items = items.changed(put=[updated])
        touched.append((change, item_id))
    return replace(state, items=items), tuple(touched)


__all__ = ["Action", "Applied", "apply"]
