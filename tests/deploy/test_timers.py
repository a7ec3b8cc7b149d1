"""Round timers with several processes. A timer is a deadline stored with the session; each
screen counts down from it and shows "time is up" itself, so no process fires anything when
it passes and nothing can fire twice. What moves the game on when time is up is the
facilitator: two consoles on different processes pressing the same control at once (the
laptop and the facilitator's phone, both seeing the countdown reach zero) move it once, and
every screen on either process is told once, with the same deadline."""

import ast
from pathlib import Path

import pytest

from tests.support.clients import close_all
from tests.support.cluster import Screen, join, open_game
from tests.support.races import at_once

PACKAGE = Path(__file__).resolve().parents[2] / "samenspel"
#: what may run on a clock inside a server process, and why it is per process by nature
CLOCKED = {
    ("live/gate.py", "start_background_task"): "closes this process's own unauthenticated connections",
    ("export/worker.py", "Timer"): "cuts off this process's own stuck PDF render",
    # sends the tables overview a moment after a change this process made, read fresh then
    # (derived, no seq): with N processes up to N times as many updates, each of them whole
    ("live/overview.py", "start_background_task"): "throttles this process's tables overview",
    # the phones' count of players (``people``, outside the sequence, newest by ``at``)
    ("live/broadcast.py", "start_background_task"): "throttles this process's count of players for phones",
}
SCHEDULERS = {"start_background_task", "Timer", "spawn", "spawn_later", "call_later", "enter", "scheduler"}
ROUNDS = 10  # the default game: rounds 0–9


def presses():
    """start, every next, end, back from the end, every back: 21 presses, each with the
    (status, round) the game must stand at after it."""
    yield {"action": "start"}, ("running", 0)
    for index in range(ROUNDS - 1):
        yield {"action": "next", "from_round": index}, ("running", index + 1)
    yield {"action": "end"}, ("ended", ROUNDS - 1)
    yield {"action": "back", "from_round": ROUNDS}, ("running", ROUNDS - 1)
    for index in range(ROUNDS - 1, 0, -1):
        yield {"action": "back", "from_round": index}, ("running", index - 1)


def seen(flow: dict) -> tuple[str, int]:
    return flow["status"], flow["round_index"]


@pytest.mark.scaled
@pytest.mark.server
def test_time_up_on_two_consoles_moves_the_game_once_on_every_screen(cluster):
    code, key = open_game(cluster)
    tokens = [join(cluster, code, name) for name in ("Fatima", "Henk")]
    routes = cluster.routes_for(5)  # route i reaches app i % 2
    laptop, phone_console = (Screen(cluster, routes[i], code=code, key=key) for i in (0, 1))
    projector = Screen(cluster, routes[2], code=code)
    phones = [Screen(cluster, routes[3 + i], code=code, token=token) for i, token in enumerate(tokens)]
    watchers = [projector, *phones]
    screens = [laptop, phone_console, *watchers]
    expected, problems = [], []
    acked = {laptop.route: [], phone_console.route: []}  # flows a console was told in its own acks
    try:
        for screen in screens:
            screen.connect()
        for payload, after in presses():
            expected.append(after)
            acks = at_once(lambda: laptop.call("control", payload), lambda: phone_console.call("control", payload))
            acted = [a for a in acks if isinstance(a, dict) and a.get("ok") and not a.get("unchanged")]
            if len(acted) != 1 or any(not isinstance(a, dict) or seen(a["flow"]) != after for a in acks):
                problems.append(f"{payload}: {acks}")
            for console, ack in zip((laptop, phone_console), acks):
                events = ack.get("events", ()) if isinstance(ack, dict) else ()
                acked[console.route] += [e["data"] for e in events if e["event"] == "flow"]
        assert problems == [], "a press acted twice, or not at all"
        for watcher in watchers:
            watcher.wait_for("flow", lambda d, w=watcher: len(w.received("flow")) >= len(expected))
        for console in (laptop, phone_console):  # the other console's moves come by broadcast
            console.wait_for("flow", lambda d, c=console: len(c.received("flow") + acked[c.route]) >= len(expected))
    finally:
        close_all(screens)
    told = [[seen(d["flow"]) for d in w.received("flow")] for w in watchers]
    assert told == [expected] * len(watchers), "every screen, on either process, told each move exactly once"
    deadlines = [[d["flow"]["deadline"] for d in w.received("flow")] for w in watchers]
    assert deadlines[1:] == deadlines[:-1], "one stored deadline, whichever process told it"
    for console in (laptop, phone_console):
        flows = sorted(console.received("flow") + acked[console.route], key=lambda d: d["seq"])
        assert [seen(d["flow"]) for d in flows] == expected, "each console told each move once"


def scheduling_calls() -> set[tuple[str, str]]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", None))
                if name in SCHEDULERS:
                    found.add((path.relative_to(PACKAGE).as_posix(), name))
    return found


def test_nothing_in_the_server_runs_on_a_clock_but_per_process_chores():
    """A timer that fired on the server would fire once per process. Today none does; one
    that is added must be made to fire once (under the session's lock, checking what it
    changes) and listed here with the test that shows it."""
    assert scheduling_calls() == set(CLOCKED)
