"""The flow state machine: every control in every status, and the timer arithmetic."""
import pytest

from samenspel.engine.errors import Rejected
from samenspel.engine.flow import ALLOWED, MINUTE_MS, Control, Flow, Status, apply_control

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
    flow = Flow(status, None if status is Status.LOBBY else 1,
                NOW if status is Status.RUNNING else None, 1000 if status is Status.PAUSED else None)
    if control in ALLOWED[status]:
        assert isinstance(step(flow, control.value), Flow)
    else:
        with pytest.raises(Rejected) as error:
            step(flow, control.value)
        assert error.value.code == "invalid_transition"


def test_unknown_control_is_a_bad_request():
    with pytest.raises(Rejected) as error:
        step(Flow(), "explode")
    assert error.value.code == "bad_request"
