"""Two consoles press the same control at the same moment (issue 9, found 3 and 4).

With ``from_round`` the press is idempotent by intent: the round moves exactly once, one
``flow`` broadcast, one log entry, the other console is answered ``unchanged``. Without
``from_round`` both presses count, one after the other: two different rounds, never the
same index twice. Either way the log replays to the stored state.
"""

from tests.support.races import Table, Tally, at_once, replay_problems, round_ids, settle

SESSIONS = 8  # each plays start, every next, end, back from the end and every back: 19 races


def press_together(one, other, payload):
    return at_once(lambda: one.call("control", payload), lambda: other.call("control", payload))


def judge_pair(acks, expected_index, expected_status="running") -> list[str]:
    """One press acted, the other was answered unchanged with the same flow."""
    problems = [f"not ok: {a}" for a in acks if not isinstance(a, dict) or not a.get("ok")]
    if problems:
        return problems
    acted = [a for a in acks if not a.get("unchanged")]
    if len(acted) != 1:
        problems.append(f"{len(acted)} presses acted: {[a['flow']['round_index'] for a in acks]}")
    for ack in acks:
        flow = ack["flow"]
        if (flow["round_index"], flow["status"]) != (expected_index, expected_status):
            problems.append(f"flow {flow['status']} {flow['round_index']}, expected {expected_index}")
    return problems


def script(last: int):
    """The presses of one session, each with the flow both acks must show."""
    yield {"action": "start"}, 0, "running"
    for index in range(last):
        yield {"action": "next", "from_round": index}, index + 1, "running"
    yield {"action": "end"}, last, "ended"
    yield {"action": "back", "from_round": last + 1}, last, "running"
    for index in range(last, 0, -1):
        yield {"action": "back", "from_round": index}, index - 1, "running"


def test_two_consoles_pressing_together_move_the_flow_once(topo):
    tally = Tally(f"same control twice with from_round on {topo.name}")
    for _ in range(SESSIONS):
        code, key = topo.open_game()
        table = Table(topo)
        try:
            laptop, phone = table.connect(0, code=code, key=key), table.connect(1, code=code, key=key)
            projector = table.connect(1, code=code)
            presses = list(script(len(round_ids(laptop)) - 1))
            for acted, (payload, index, status) in enumerate(presses, start=1):
                problems = judge_pair(press_together(laptop, phone, payload), index, status)
                if not problems and acted == len(presses):
                    # the session's record: one log entry and one broadcast per acting press
                    stored = topo.stored(code)
                    problems = replay_problems(stored)
                    flows = settle(lambda: len(projector.received("flow")), acted)
                    if len(stored.controls()) != acted:
                        problems.append(f"{len(stored.controls())} control log entries for {acted} acting presses")
                    if flows != acted:
                        problems.append(f"{flows} flow broadcasts for {acted} acting presses")
                tally.trial(problems)
                if problems:
                    break  # the flow is off the script: a fresh session for the next trials
        finally:
            table.close()
    tally.check()


def test_two_moves_without_from_round_both_move_one_after_the_other(topo):
    """Without ``from_round`` each press is its own intent: two "next" (then two "back") at
    once move two rounds, one after the other — never both from the same round."""
    tally = Tally(f"two next or back without from_round on {topo.name}")
    for _ in range(SESSIONS):
        code, key = topo.open_game()
        table = Table(topo)
        try:
            laptop, phone = table.connect(0, code=code, key=key), table.connect(1, code=code, key=key)
            last = len(round_ids(laptop)) - 1
            at = laptop.call("control", {"action": "start"})["flow"]["round_index"]
            for action, step in (("next", 1), ("back", -1)):
                while 0 <= at + 2 * step <= last:
                    acks = press_together(laptop, phone, {"action": action})
                    problems = [f"not ok: {a}" for a in acks if not isinstance(a, dict) or not a.get("ok")]
                    if not problems:
                        reached = sorted(a["flow"]["round_index"] for a in acks)
                        if reached != sorted([at + step, at + 2 * step]):
                            problems.append(f"{action} from {at}: the two presses reached {reached}")
                    tally.trial(problems)
                    at = laptop.call("sync")["snapshot"]["flow"]["round_index"]
            tally.trial(replay_problems(topo.stored(code)))
        finally:
            table.close()
    tally.check()


def test_two_consoles_never_skip_a_round(topo):
    """Each console presses "next" for the round it shows (its newest ``flow``), at the
    same moment as the other, through the whole game: every press pair moves one round, and
    the projector sees every round once, in order."""
    tally = Tally(f"two consoles pressing next on {topo.name}")
    for _ in range(SESSIONS):
        code, key = topo.open_game()
        table = Table(topo)
        try:
            consoles = [table.connect(0, code=code, key=key), table.connect(1, code=code, key=key)]
            projector = table.connect(1, code=code)
            last = len(round_ids(projector)) - 1
            index = consoles[0].call("control", {"action": "start"})["flow"]["round_index"]
            clean = True
            while index < last:
                for console in consoles:  # both show the round before they press
                    settle(lambda c=console: int(c.showing() == index), 1, quiet=0)
                views = [c.showing() for c in consoles]
                acks = at_once(
                    *[
                        lambda c=c, v=v: c.call("control", {"action": "next", "from_round": v})
                        for c, v in zip(consoles, views)
                    ]
                )
                reached = {a["flow"]["round_index"] for a in acks if isinstance(a, dict) and a.get("ok")}
                acted = [a for a in acks if isinstance(a, dict) and a.get("ok") and not a.get("unchanged")]
                problems = (
                    []
                    if reached == {index + 1} and len(acted) == 1
                    else [f"from {index} (views {views}) reached {sorted(reached)}, {len(acted)} presses acted"]
                )
                tally.trial(problems)
                clean = clean and not problems
                index = max(reached | {index + 1})
            if clean:
                settle(lambda: len(projector.received("flow")), last + 1)
                seen = [d["flow"]["round_index"] for d in projector.received("flow")]
                problems = [] if seen == list(range(last + 1)) else [f"projector saw rounds {seen}"]
                tally.trial(problems + replay_problems(topo.stored(code)))
        finally:
            table.close()
    tally.check()
