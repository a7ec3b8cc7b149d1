"""One player on two sockets floods dots and cards (issue 9, found 2): the stored dots never
exceed the vote budget, the stored cards never exceed the round's ``max_per_player``, and
what was acknowledged is what was stored."""

import threading

from tests.support.races import Tally, at_once, one_player_on_two_sockets, replay_problems

TRIALS = 70


def burst(client, calls):
    """Several inputs from one socket without waiting for each ack: emitted back to back,
    their acks collected after."""
    done = threading.Semaphore(0)
    acks = [None] * len(calls)

    def keep(index):
        def callback(*args):
            acks[index] = args[0] if args else None
            done.release()

        return callback

    for index, (event, payload) in enumerate(calls):
        client.sio.emit(event, payload, callback=keep(index))
    for _ in calls:
        done.acquire(timeout=20)
    return acks


def test_one_player_on_two_sockets_never_passes_the_card_limit(topo):
    tally = Tally(f"cards from two sockets on {topo.name}")
    with one_player_on_two_sockets(topo, "droom") as (code, console, sockets, fatima, table):
        limit = sockets[0].wait_for("flow", lambda d: d["round"]["id"] == "droom")["round"]["settings"][
            "max_per_player"
        ]
        for trial in range(TRIALS):
            # each socket sends more than half the limit: together they ask for too many
            calls = [
                [
                    (
                        "card:add",
                        {
                            "round_id": "droom",
                            "text": f"{trial}-{side}-{n}",
                            "client_id": f"card-{trial:04d}-{side}-{n}",
                        },
                    )
                    for n in range(limit // 2 + 1)
                ]
                for side in range(2)
            ]
            results = at_once(*[lambda s=s, c=c: burst(s, c) for s, c in zip(sockets, calls)])
            acks = [a for side in results for a in side]
            ok = [a["item"]["id"] for a in acks if isinstance(a, dict) and a.get("ok")]
            refused = [a["error"]["code"] for a in acks if isinstance(a, dict) and not a.get("ok")]
            mine = topo.items(code, kind="card", round_id="droom", author_id=fatima["participant"]["id"])
            problems = []
            if len(mine) > limit:
                problems.append(f"{len(mine)} cards stored against a limit of {limit}")
            if sorted(ok) != sorted(i.id for i in mine):
                problems.append(f"acknowledged {sorted(ok)}, stored {sorted(i.id for i in mine)}")
            if set(refused) - {"limit_reached"}:
                problems.append(f"refusals {refused}")
            tally.trial(problems)
            # room for the next trial
            assert all(a["ok"] for a in burst(sockets[0], [("card:delete", {"id": i.id}) for i in mine]))
        tally.trial(replay_problems(topo.stored(code)))
    tally.check()


def test_one_player_on_two_sockets_never_passes_the_vote_budget(topo):
    tally = Tally(f"dots from two sockets on {topo.name}")
    with one_player_on_two_sockets(topo, "ideeen") as (code, console, sockets, fatima, table):
        ideas = [
            sockets[0].call("card:add", {"round_id": "ideeen", "text": f"Idee {n}", "client_id": f"idea-{n:04d}"})[
                "item"
            ]["id"]
            for n in range(3)
        ]
        henk = topo.join(code, "Henk", "ambtenaar")
        other = table.connect(1, code=code, token=henk["token"])
        ideas += [
            other.call("card:add", {"round_id": "ideeen", "text": f"Idee van Henk {n}", "client_id": f"henk-{n:04d}"})[
                "item"
            ]["id"]
            for n in range(3)
        ]
        assert len(ideas) >= 4
        assert console.call("control", {"action": "next"})["ok"]
        settings = sockets[0].wait_for("flow", lambda d: d["round"]["id"] == "kiezen")["round"]["settings"]
        budget, per_card = settings["votes_per_player"], settings["max_per_card"]
        for trial in range(TRIALS):
            # each socket puts the most a card takes on two cards: four times the budget
            first, second = ideas[trial % 2 :: 2][:2], ideas[(trial + 1) % 2 :: 2][:2]
            calls = [
                [("ballot:set", {"round_id": "kiezen", "card_id": c, "count": per_card}) for c in cards]
                for cards in (first, second)
            ]
            results = at_once(*[lambda s=s, c=c: burst(s, c) for s, c in zip(sockets, calls)])
            acks = [a for side in results for a in side if isinstance(a, dict)]
            ballots = topo.items(code, kind="ballot", author_id=fatima["participant"]["id"])
            problems = []
            if len(ballots) != 1:
                problems.append(f"{len(ballots)} ballots stored for one player")
            for ballot in ballots:
                votes = dict(ballot.data["votes"])
                if sum(votes.values()) > budget or any(v > per_card for v in votes.values()):
                    problems.append(f"stored {votes} against a budget of {budget}")
            for ack in acks:
                if ack.get("ok") and sum(ack["item"]["votes"].values()) > budget:
                    problems.append(f"acknowledged {ack['item']['votes']}")
                if not ack.get("ok") and ack["error"]["code"] != "limit_reached":
                    problems.append(f"refused with {ack['error']}")
            tally.trial(problems)
            voted = {int(card) for ballot in ballots for card, count in ballot.data["votes"].items() if count}
            assert all(
                a["ok"]
                for a in burst(
                    sockets[0],
                    [  # take every dot back
                        ("ballot:set", {"round_id": "kiezen", "card_id": card, "count": 0}) for card in sorted(voted)
                    ],
                )
            )
        tally.trial(replay_problems(topo.stored(code)))
    tally.check()
