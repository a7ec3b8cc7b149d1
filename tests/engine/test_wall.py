"""The projector's wall as the facilitator steers it (engine/wall.py): hold, run, turn; kept
in the round's state, told in its summary, refused where no round is on the wall."""

from dataclasses import replace

import pytest

from samenspel.engine.apply import Action, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import Flow, Status
from samenspel.engine.state import RoundState
from samenspel.engine.views import PARTICIPANT, Viewer, summary
from samenspel.engine.wall import Wall
from tests.support.factories import FATIMA, session_at


def control(state, action):
    return apply(state, Action("control", {"action": action}, 1)).state


def test_hold_turn_and_run_are_kept_in_the_round_state():
    state = session_at("droom")
    assert state.round_state("droom").wall is None
    state = control(state, "wall_hold")
    assert state.round_state("droom").wall == Wall(held=True, turns=0)
    state = control(control(control(state, "wall_next"), "wall_next"), "wall_prev")
    state = control(state, "wall_run")
    assert state.round_state("droom").wall == Wall(held=False, turns=1)


def test_a_second_hold_changes_nothing():
    held = apply(session_at("droom"), Action("control", {"action": "wall_hold"}, 1))
    again = apply(held.state, Action("control", {"action": "wall_hold"}, 2))
    assert again.state.round_state("droom") == held.state.round_state("droom")
    first_run = apply(session_at("droom"), Action("control", {"action": "wall_run"}, 1))
    assert first_run.state.round_state("droom").wall is None


def test_every_viewer_learns_the_wall_through_the_round_summary():
    state = control(session_at("welkom"), "wall_next")  # introduce: no summary of its own
    assert summary("welkom", Viewer(PARTICIPANT, FATIMA), state) == {"wall": {"held": False, "turns": 1}}
    assert summary("welkom", Viewer(PARTICIPANT, FATIMA), session_at("welkom")) is None


def test_the_wall_survives_storing_and_the_other_round_state():
    state = RoundState(revealed=True, wall=Wall(held=True, turns=-2))
    assert RoundState.from_data(state.as_data()) == state
    assert "wall" not in RoundState().as_data()


@pytest.mark.parametrize("flow", [Flow(), Flow(Status.ENDED, 1)])
def test_no_wall_to_steer_outside_a_round(flow):
    state = replace(session_at("droom"), flow=flow)
    with pytest.raises(Rejected) as refused:
        control(state, "wall_next")
    assert refused.value.code == "invalid_transition"


def test_paused_rounds_keep_their_wall_steerable():
    state = control(session_at("droom", status=Status.PAUSED), "wall_hold")
    assert state.round_state("droom").wall.held
