"""The flow state machine: every control in every status, and the timer arithmetic."""

import pytest

from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import ALLOWED, FULFILLED_BY_STATUS, MINUTE_MS, Control, Flow, Status, apply_control
from samenspel.engine.replay import LoggedAction, replay
from samenspel.engine.state import RoundState, SessionState
from tests.support.factories import default_game

MINUTES = (10, 15, 20)
NOW = 1_000_000_000


def step(flow, control, now=NOW, **kwargs):
    return apply_control(flow, control, now_ms=now, round_minutes=MINUTES, **kwargs)


def test_start_opens_first_round_with_its_deadline():
    flow = step(Flow(), "start")
    assert flow == Flow(Status.RUNNING, 0, NOW + 10 * MINUTE_MS, None)
    assert flow.is_open(0) and not flow.is_open(1)


def test_next_and_back_move_one_round_with_fresh_deadlines():
    flow = step(step(Flow(), "start"), "next", now=NOW + 5)
    assert (flow.round_index, flow.deadline_ms) == (1, NOW + 5 + 15 * MINUTE_MS)
    back = step(flow, "back", now=NOW + 7)
    assert (back.round_index, back.deadline_ms) == (0, NOW + 7 + 10 * MINUTE_MS)


def test_next_on_last_round_and_back_on_first_are_refused():
    first = step(Flow(), "start")
    with pytest.raises(Rejected) as error:
        step(first, "back")
    assert error.value.code == "invalid_transition"
    last = Flow(Status.RUNNING, 2, NOW, None)
    with pytest.raises(Rejected):
        step(last, "next")


def test_pause_keeps_remaining_time_and_resume_restores_a_deadline():
    running = Flow(Status.RUNNING, 1, NOW + 90_000, None)
    paused = step(running, "pause", now=NOW)
    assert paused == Flow(Status.PAUSED, 1, None, 90_000)
    assert paused.is_open(1), "a paused round still takes input"
    resumed = step(paused, "resume", now=NOW + 3_600_000)
    assert resumed == Flow(Status.RUNNING, 1, NOW + 3_600_000 + 90_000, None)


def test_pause_after_deadline_keeps_zero_not_negative():
    assert step(Flow(Status.RUNNING, 0, NOW - 5000, None), "pause").remaining_ms == 0


def test_extend_adds_minutes_running_paused_and_overdue():
    assert step(Flow(Status.RUNNING, 0, NOW + 1000, None), "extend").deadline_ms == NOW + 1000 + 5 * MINUTE_MS
    assert step(Flow(Status.RUNNING, 0, NOW - 9000, None), "extend").deadline_ms == NOW + 5 * MINUTE_MS
    assert step(Flow(Status.PAUSED, 0, None, 1000), "extend", extra_minutes=2).remaining_ms == 1000 + 2 * MINUTE_MS
    with pytest.raises(Rejected):
        step(Flow(Status.RUNNING, 0, NOW, None), "extend", extra_minutes=0)


def test_end_closes_every_round_and_back_reopens_the_last_one():
    ended = step(Flow(Status.RUNNING, 2, NOW, None), "end")
    assert ended.status is Status.ENDED and not ended.is_open(2)
    reopened = step(ended, "back")
    assert reopened.status is Status.RUNNING and reopened.round_index == 2


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("control", list(Control))
def test_every_control_outside_its_statuses_is_an_invalid_transition(status, control):
    flow = Flow(
        status,
        None if status is Status.LOBBY else 1,
        NOW if status is Status.RUNNING else None,
        1000 if status is Status.PAUSED else None,
    )
    if status in FULFILLED_BY_STATUS.get(control, ()):
        assert step(flow, control.value) is flow, "already done: pressed again, nothing changes"
    elif control in ALLOWED[status]:
        assert step(flow, control.value) != flow
    else:
        with pytest.raises(Rejected) as error:
            step(flow, control.value)
        assert error.value.code == "invalid_transition"


def test_unknown_control_is_a_bad_request():
    with pytest.raises(Rejected) as error:
        step(Flow(), "explode")
    assert error.value.code == "bad_request"


# --- idempotent by intent: from_round ------------------------------------------------------------


@pytest.mark.parametrize("control", ["next", "back"])
def test_a_second_press_for_a_round_already_left_changes_nothing(control):
    at_one = Flow(Status.RUNNING, 1, NOW, None)
    moved = step(at_one, control, from_round=1)
    assert moved.round_index == (2 if control == "next" else 0)
    assert step(moved, control, now=NOW + 1, from_round=1) is moved, "the second console's press is stale"


def test_two_nexts_for_the_same_round_never_skip_one():
    flow = step(Flow(), "start")
    for index in range(len(MINUTES) - 1):
        seen = flow.round_index
        flow = step(flow, "next", from_round=seen)
        assert step(flow, "next", from_round=seen) is flow
        assert flow.round_index == index + 1


def test_from_round_matching_moves_as_before_and_keeps_its_guards():
    paused = Flow(Status.PAUSED, 1, None, 1000)
    assert step(paused, "next", from_round=1) == Flow(Status.RUNNING, 2, NOW + 20 * MINUTE_MS, None)
    with pytest.raises(Rejected) as last:
        step(Flow(Status.RUNNING, 2, NOW, None), "next", from_round=2)
    assert last.value.code == "invalid_transition"
    with pytest.raises(Rejected) as first:
        step(Flow(Status.RUNNING, 0, NOW, None), "back", from_round=0)
    assert first.value.code == "invalid_transition"


def test_without_from_round_every_next_moves():
    flow = step(step(Flow(), "start"), "next")
    assert step(flow, "next").round_index == 2


def test_back_from_the_end_names_the_place_after_the_last_round():
    ended = step(Flow(Status.RUNNING, 1, NOW, None), "end")
    reopened = step(ended, "back", from_round=len(MINUTES))
    assert reopened.status is Status.RUNNING and reopened.round_index == 1
    assert step(reopened, "back", from_round=len(MINUTES)) is reopened, "a second back on the end screen"
    assert step(ended, "back", from_round=1) is ended, "pressed for the round, but the game had ended"


def test_a_next_racing_an_end_changes_nothing():
    ended = step(Flow(Status.RUNNING, 1, NOW, None), "end")
    assert step(ended, "next", from_round=1) is ended


@pytest.mark.parametrize(
    "control, status",
    [
        ("start", Status.RUNNING),
        ("start", Status.PAUSED),
        ("start", Status.ENDED),
        ("end", Status.ENDED),
        ("pause", Status.PAUSED),
        ("resume", Status.RUNNING),
    ],
)
def test_a_control_whose_status_is_reached_is_already_done(control, status):
    flow = Flow(status, 1, NOW if status is Status.RUNNING else None, 1000 if status is Status.PAUSED else None)
    assert step(flow, control) is flow
    assert step(flow, control, from_round=0) is flow


@pytest.mark.parametrize("bad", [-1, len(MINUTES) + 1, True, "1", 1.0, [1]])
def test_from_round_must_be_a_position(bad):
    with pytest.raises(Rejected) as error:
        step(Flow(Status.RUNNING, 1, NOW, None), "next", from_round=bad)
    assert error.value.code == "bad_request"


# --- "back" gives a round the time it had left (engine/apply.py keeps it in the round state)


def play(*presses, game=None):
    """Apply (control, at_ms) presses to a fresh session of the default game; the states and
    the log as replay reads it."""
    state = SessionState(game or default_game(), Flow())
    log = []
    for control, at in presses:
        payload = {"action": control} if isinstance(control, str) else control
        state = apply(state, Action("control", payload, at)).state
        log.append(LoggedAction(at, "facilitator", None, "control", payload, []))
    return state, log


def test_back_gives_the_round_the_time_it_had_left_not_its_full_length():
    first = default_game().rounds[0]
    state, log = play(("start", NOW), ("next", NOW + 4 * MINUTE_MS), ("back", NOW + 6 * MINUTE_MS))
    left = first.minutes * MINUTE_MS - 4 * MINUTE_MS
    assert state.flow == Flow(Status.RUNNING, 0, NOW + 6 * MINUTE_MS + left, None)
    assert state.round_state(first.id).left_ms == left
    replayed = replay(state.game, (), log)
    assert replayed == state, "replay rebuilds the same flow and round states"


def test_a_round_left_while_paused_or_overdue_gets_what_it_had():
    state, _ = play(
        ("start", NOW), ("pause", NOW + MINUTE_MS), ("next", NOW + 50 * MINUTE_MS), ("back", NOW + 51 * MINUTE_MS)
    )
    assert state.flow.deadline_ms == NOW + 51 * MINUTE_MS + (default_game().rounds[0].minutes - 1) * MINUTE_MS
    overdue, _ = play(("start", NOW), ("next", NOW + 99 * MINUTE_MS), ("back", NOW + 100 * MINUTE_MS))
    assert overdue.flow.deadline_ms == NOW + 100 * MINUTE_MS, "nothing left: the console can add minutes"


def test_next_into_a_round_left_by_back_and_back_from_the_end_give_back_its_time():
    second = default_game().rounds[1]
    state, log = play(
        ("start", NOW),
        ("next", NOW + MINUTE_MS),
        ("back", NOW + 3 * MINUTE_MS),  # round 1 had its length minus 2 minutes
        ("next", NOW + 4 * MINUTE_MS),
    )
    assert state.flow.deadline_ms == NOW + 4 * MINUTE_MS + (second.minutes - 2) * MINUTE_MS
    ended, _ = play(
        *[(c, NOW) for c in ["start"] + ["next"] * (len(state.game.rounds) - 1)],
        ("end", NOW + MINUTE_MS),
        ("back", NOW + 9 * MINUTE_MS),
    )
    last = state.game.rounds[-1]
    assert ended.flow.deadline_ms == NOW + 9 * MINUTE_MS + (last.minutes - 1) * MINUTE_MS
    assert replay(state.game, (), log) == state


def test_a_round_state_keeps_its_left_time_through_the_store_format():
    state, _ = play(("start", NOW), ("next", NOW + MINUTE_MS))
    kept = state.round_state(state.game.rounds[0].id)
    assert RoundState.from_data(kept.as_data()) == kept and kept.left_ms is not None
    assert RoundState.from_data({"revealed": False}).left_ms is None, "rounds stored before keep working"
