"""Facilitator controls are idempotent by intent (docs/protocol.md, `control`): a press for a
round that is no longer current, a second start or end, is answered with the current flow
and ``unchanged: true`` and changes nothing — no broadcast, no log entry. One at a time
here; tests/concurrency presses them at the same moment on real servers."""

import pytest

from samenspel.store.db import Database
from samenspel.store.sessions import find_by_code
from samenspel.store.state import action_log
from tests.support.socket_game import received


@pytest.fixture
def consoles(make_session, make_socket):
    created = make_session()
    code = created["code"]
    return (
        code,
        make_socket(code=code, key=created["key"]),
        make_socket(code=code, key=created["key"]),
        make_socket(code=code),
    )


def logged_controls(app, code):
    database: Database = app.extensions["samenspel.db"]
    with database.unit_of_work() as db:
        return [a.payload for a in action_log(db, find_by_code(db, code)) if a.event == "control"]


def press(console, **payload):
    return console.emit("control", payload, callback=True)


def flows(socket):
    return [d["flow"]["round_index"] for d in received(socket, "flow")]


def test_the_second_console_pressing_next_for_the_same_round_changes_nothing(app, consoles):
    code, laptop, phone, projector = consoles
    assert press(laptop, action="start")["flow"]["round_index"] == 0
    first = press(laptop, action="next", from_round=0)
    second = press(phone, action="next", from_round=0)
    assert first["ok"] and "unchanged" not in first and first["flow"]["round_index"] == 1
    assert second == {"ok": True, "flow": first["flow"], "unchanged": True}
    assert flows(projector) == [0, 1], "one flow broadcast per press that acted"
    assert [c["action"] for c in logged_controls(app, code)] == ["start", "next"]


def test_back_for_a_round_already_left_changes_nothing(app, consoles):
    code, laptop, phone, projector = consoles
    press(laptop, action="start")
    press(laptop, action="next", from_round=0)
    press(laptop, action="next", from_round=1)
    assert press(laptop, action="back", from_round=2)["flow"]["round_index"] == 1
    assert press(phone, action="back", from_round=2)["unchanged"] is True
    assert press(phone, action="back", from_round=1)["flow"]["round_index"] == 0
    assert flows(projector) == [0, 1, 2, 1, 0]
    assert len(logged_controls(app, code)) == 5


def test_a_second_start_or_end_changes_nothing_and_back_leaves_the_end_once(app, consoles):
    code, laptop, phone, projector = consoles
    press(laptop, action="start")
    assert press(phone, action="start") == {
        "ok": True,
        "flow": press(laptop, action="start")["flow"],
        "unchanged": True,
    }
    ended = press(laptop, action="end")
    assert press(phone, action="end") == {"ok": True, "flow": ended["flow"], "unchanged": True}
    rounds = len(received(laptop, "snapshot")[0]["game"]["rounds"])
    assert press(laptop, action="back", from_round=rounds)["flow"]["status"] == "running"
    assert press(phone, action="back", from_round=rounds)["unchanged"] is True, "a second back on the end screen"
    assert [d["flow"]["status"] for d in received(projector, "flow")] == ["running", "ended", "running"]
    assert [c["action"] for c in logged_controls(app, code)] == ["start", "end", "back"]


def test_without_from_round_each_next_moves(consoles):
    _code, laptop, phone, _projector = consoles
    press(laptop, action="start")
    press(laptop, action="next")
    assert press(phone, action="next")["flow"]["round_index"] == 2


@pytest.mark.parametrize("bad", [-1, 99, "1", True, 1.5, [0], {"r": 0}])
def test_a_from_round_that_is_not_a_position_is_a_bad_request(consoles, bad):
    _code, laptop, _phone, projector = consoles
    press(laptop, action="start")
    ack = press(laptop, action="next", from_round=bad)
    assert ack["ok"] is False and ack["error"]["code"] == "bad_request"
    assert flows(projector) == [0]
