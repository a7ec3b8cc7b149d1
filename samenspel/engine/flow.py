"""The session's flow through its rounds: a state machine with guarded transitions.

Time is passed in (``now_ms``) and deadlines are absolute timestamps, so the flow survives a
server restart unchanged and the same call gives the same result in a test.

Controls are idempotent by intent: two consoles (a laptop and the facilitator's phone) may
press "next" for the same round at the same moment. ``from_round`` names the position the
console saw and wants to leave; when the flow has already left it, the press was meant for
a state that no longer exists and changes nothing. Likewise a "start" once started, an
"end" once ended, a "pause" once paused and a "resume" once running are already fulfilled.
An unchanged control returns the flow it was given; the caller then stores, logs and
broadcasts nothing, so the action log (and its replay) only holds controls that acted.

A round that is opened again ("back", or "next" into a round left by "back") gets the time
it had left when it was left, not its full length: the caller passes those times in
(``left_ms``, kept in each round's state by engine/apply.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Mapping

from samenspel.engine.errors import Rejected

MINUTE_MS = 60_000
#: What "extend" adds when the facilitator does not say how much (the console's "+5 min").
EXTEND_MINUTES = 5


class Status(StrEnum):
    LOBBY = "lobby"
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"


class Control(StrEnum):
    START = "start"
    NEXT = "next"
    BACK = "back"
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"
    END = "end"


# Which controls each status accepts; anything else is an invalid transition.
ALLOWED: dict[Status, frozenset[Control]] = {
    Status.LOBBY: frozenset({Control.START, Control.END}),
    Status.RUNNING: frozenset({Control.NEXT, Control.BACK, Control.PAUSE, Control.EXTEND, Control.END}),
    Status.PAUSED: frozenset({Control.NEXT, Control.BACK, Control.RESUME, Control.EXTEND, Control.END}),
    Status.ENDED: frozenset({Control.BACK}),
}


@dataclass(frozen=True)
class Flow:
    status: Status = Status.LOBBY
    round_index: int | None = None
    deadline_ms: int | None = None
    remaining_ms: int | None = None

    def is_open(self, round_index: int) -> bool:
        """Whether the given round is the current one and still accepts input."""
        return self.status in (Status.RUNNING, Status.PAUSED) and self.round_index == round_index

    def as_dict(self) -> dict:
        return {
            "status": self.status.value,
            "round_index": self.round_index,
            "deadline": self.deadline_ms,
            "remaining_ms": self.remaining_ms,
        }


# Controls whose intent is a status: pressed again in that status, they are already done.
FULFILLED_BY_STATUS: dict[Control, frozenset[Status]] = {
    Control.START: frozenset({Status.RUNNING, Status.PAUSED, Status.ENDED}),
    Control.END: frozenset({Status.ENDED}),
    Control.PAUSE: frozenset({Status.PAUSED}),
    Control.RESUME: frozenset({Status.RUNNING}),
}
# Controls whose intent is to leave a position: stale once the flow stands elsewhere.
MOVES = frozenset({Control.NEXT, Control.BACK})


def position(flow: Flow, rounds: int) -> int | None:
    """Where the flow stands, as a console's ``from_round`` names it: the round index while
    running or paused, ``rounds`` (the place after the last round) once ended, None in the
    lobby."""
    if flow.status is Status.ENDED:
        return rounds
    return flow.round_index


def is_fulfilled(flow: Flow, control: Control, *, rounds: int, from_round: int | None = None) -> bool:
    """Whether the control's intent is already met (or stale), so it must change nothing."""
    if flow.status in FULFILLED_BY_STATUS.get(control, ()):
        return True
    return control in MOVES and from_round is not None and from_round != position(flow, rounds)


def time_left(flow: Flow, now_ms: int) -> int | None:
    """The time the open round has left (0 once its deadline passed); None when no round
    is open."""
    if flow.status is Status.RUNNING:
        return max(0, flow.deadline_ms - now_ms)
    if flow.status is Status.PAUSED:
        return flow.remaining_ms
    return None


def apply_control(
    flow: Flow,
    control: str,
    *,
    now_ms: int,
    round_minutes: tuple[int, ...],
    extra_minutes: int | None = None,
    from_round: int | None = None,
    left_ms: Mapping[int, int] | None = None,
) -> Flow:
    """Return the flow after a facilitator's control, or raise Rejected. ``extra_minutes``
    is what extend adds; None means EXTEND_MINUTES (0 is refused, like any value outside
    1–60). ``left_ms`` holds, by round index, the time a round had left when it was left;
    such a round opens again with that time instead of its full length.

    Returns ``flow`` itself (equal, unchanged) when the control is already fulfilled: see
    the module docstring. Without ``from_round`` a "next" or "back" always moves.
    """
    try:
        action = Control(control)
    except ValueError:
        raise Rejected("bad_request", f"unknown control {control!r}") from None
    if from_round is not None and (type(from_round) is not int or not 0 <= from_round <= len(round_minutes)):
        raise Rejected("bad_request", "from_round must be a round index (or the number of rounds once ended)")
    if is_fulfilled(flow, action, rounds=len(round_minutes), from_round=from_round):
        return flow
    if action not in ALLOWED[flow.status]:
        raise Rejected("invalid_transition", f"{action.value} is not possible while {flow.status.value}")
    last = len(round_minutes) - 1

    def run(index: int) -> Flow:
        length = (left_ms or {}).get(index, round_minutes[index] * MINUTE_MS)
        return Flow(Status.RUNNING, index, now_ms + length, None)

    if action is Control.START:
        return run(0)
    if action is Control.NEXT:
        if flow.round_index >= last:
            raise Rejected("invalid_transition", "this is the last round; end the game instead")
        return run(flow.round_index + 1)
    if action is Control.BACK:
        if flow.status is Status.ENDED:
            return run(flow.round_index if flow.round_index is not None else last)
        if flow.round_index == 0:
            raise Rejected("invalid_transition", "this is the first round")
        return run(flow.round_index - 1)
    if action is Control.PAUSE:
        return replace(flow, status=Status.PAUSED, deadline_ms=None, remaining_ms=max(0, flow.deadline_ms - now_ms))
    if action is Control.RESUME:
        return replace(flow, status=Status.RUNNING, deadline_ms=now_ms + flow.remaining_ms, remaining_ms=None)
    if action is Control.EXTEND:
        if extra_minutes is None:
            extra_minutes = EXTEND_MINUTES
        if not isinstance(extra_minutes, int) or isinstance(extra_minutes, bool) or not 1 <= extra_minutes <= 60:
            raise Rejected("bad_request", "extend by 1 to 60 minutes")
        extra = extra_minutes * MINUTE_MS
        if flow.status is Status.PAUSED:
            return replace(flow, remaining_ms=flow.remaining_ms + extra)
        return replace(flow, deadline_ms=max(flow.deadline_ms, now_ms) + extra)
    return Flow(Status.ENDED, flow.round_index, None, None)
