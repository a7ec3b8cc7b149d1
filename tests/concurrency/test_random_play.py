"""Property: random concurrent clients — several players and two consoles doing random valid
and invalid things in parallel, on separate sockets (and processes) — never break a rule of
the game, never get ``server_error``, and leave an action log that replays exactly to the
stored state. Seeded: each seed fixes what every client tries; the interleaving is up to
the race, which is the point."""

import random
import threading
import time

import pytest

from tests.support.races import Table, replay_problems

SEEDS = range(4)
STEPS = 30  # per client
PLAYERS = 3
ROLES = ["inwoner", "ambtenaar", "bestuurder"]
# refusals a random client may meet; anything else (server_error above all) is a failure
EXPECTED = {
    "bad_request",
    "not_allowed",
    "round_closed",
    "voting_closed",
    "limit_reached",
    "too_long",
    "empty",
    "unknown_category",
    "not_found",
    "conflict",
    "invalid_transition",
    "session_ended",
}


ROUND_CONTROLS = ["pause", "resume", "extend", "reveal", "vote_close", "vote_open", "start", "end"]


class Known:
    """Item ids the clients have seen, shared between their threads (as phones would learn
    them from broadcasts)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ids: list[int] = []

    def learn(self, clients) -> None:
        with self.lock:
            for client in clients:
                for data in client.received("item:added"):
                    if data["item"]["id"] not in self.ids:
                        self.ids.append(data["item"]["id"])

    def pick(self, rng: random.Random) -> int:
        with self.lock:
            return rng.choice(self.ids) if self.ids and rng.random() < 0.85 else rng.randint(-2, 10**6)


def text(rng: random.Random) -> object:
    if rng.random() < 0.75:
        return rng.choice(["Samen oogsten", "Een kas", "Buurt 🌱", "Bankjes bij de speeltuin"])
    return rng.choice(["", "   ", "x" * 400, None, 7, ["lijst"]])


# what a player mostly does in a round of each mechanic (the kinds below)
FITTING = {
    "introduce": [9],
    "cards": [0, 1, 2, 3, 4],
    "vote": [5, 5, 5],
    "plan": [6, 7, 7, 8],
    "rate": [10],
    "discuss": [0],
}


def player_move(rng: random.Random, phone, rounds: list[dict], known: Known, step: int, who: int):
    current = rounds[phone.showing() or 0]
    if rng.random() < 0.7:
        kind, round_id = rng.choice(FITTING.get(current["mechanic"], [0])), current["id"]
    else:
        kind, round_id = rng.randrange(11), rng.choice([r["id"] for r in rounds] + ["nergens"])
    if kind <= 2:
        return "card:add", {
            "round_id": round_id,
            "text": text(rng),
            "category": rng.choice([None, "kans", "x"]),
            "client_id": f"random-{who}-{rng.randrange(40):04d}",
        }
    if kind == 3:
        return "card:edit", {"id": known.pick(rng), "text": text(rng)}
    if kind == 4:
        return "card:delete", {"id": known.pick(rng)}
    if kind == 5:
        return "ballot:set", {"round_id": round_id, "card_id": known.pick(rng), "count": rng.randint(-1, 3)}
    if kind == 6:
        return "step:add", {"round_id": round_id, "what": text(rng), "client_id": f"step-{who}-{step:04d}"}
    if kind == 7:
        return "step:edit", {"id": known.pick(rng), "what": text(rng), "base": {"what": rng.randint(0, 3)}}
    if kind == 8:
        return "step:claim", {"id": known.pick(rng)}
    if kind == 9:
        return "intro:set", {"round_id": round_id, "text": text(rng)}
    return "rating:set", {"round_id": round_id, "scores": {"luisteren": rng.randint(0, 6)}, "word": text(rng)}


def console_move(rng: random.Random, console, known: Known):
    kind = rng.randrange(20)
    seen = console.showing() or 0
    if kind <= 6:
        return "control", {"action": "next", "from_round": seen}
    if kind <= 8:
        return "control", {"action": "back", "from_round": seen}
    if kind == 9:
        return "control", {"action": rng.choice(["next", "back"]), "from_round": max(0, seen - 1)}  # stale
    if kind <= 12:
        return "control", {"action": rng.choice(ROUND_CONTROLS)}
    if kind <= 16:
        return "moderate", {
            "action": rng.choice(["hide", "show", "edit", "merge"]),
            "id": known.pick(rng),
            "into": known.pick(rng),
            "text": "aangepast",
        }
    if kind <= 18:
        return "step:add", {"round_id": "actiepad", "what": "Van de tafel", "client_id": f"c-{rng.randrange(10**6)}"}
    return "control", {"action": "next"}  # without from_round


def rule_problems(stored) -> list[str]:
    """The game's limits, checked on what the database holds."""
    problems = []
    state, game = stored.state, stored.game
    for player in stored.players:
        mine = [i for i in state.items if i.author_id == player.id]
        for rnd in game.rounds:
            in_round = [i for i in mine if i.round_id == rnd.id]
            if rnd.mechanic == "cards" and len(in_round) > rnd.settings["max_per_player"]:
                problems.append(f"{player.name}: {len(in_round)} cards in {rnd.id}")
            if rnd.mechanic in ("introduce", "vote", "rate") and len(in_round) > 1:
                problems.append(f"{player.name}: {len(in_round)} {rnd.mechanic} items in {rnd.id}")
            if rnd.mechanic == "vote":
                for ballot in in_round:
                    votes = dict(ballot.data["votes"]).values()
                    if sum(votes) > rnd.settings["votes_per_player"] or any(
                        v > rnd.settings["max_per_card"] for v in votes
                    ):
                        problems.append(f"{player.name}: ballot {dict(ballot.data['votes'])}")
    return problems


@pytest.mark.parametrize("seed", SEEDS)
def test_random_concurrent_clients_keep_the_rules_and_replay_exactly(topo, seed):
    code, key = topo.open_game(f"Random {seed}")
    tokens = [topo.join(code, f"Speler{n}", ROLES[n % len(ROLES)], side=n)["token"] for n in range(PLAYERS)]
    table = Table(topo)
    known = Known()
    unexpected: list[str] = []
    try:
        consoles = [table.connect(0, code=code, key=key), table.connect(1, code=code, key=key)]
        phones = [table.connect(n, code=code, token=token) for n, token in enumerate(tokens)]
        rounds = consoles[0].received("snapshot")[0]["game"]["rounds"]
        consoles[0].call("control", {"action": "start"})

        def run(client, who):
            rng = random.Random(f"{seed}-{who}")
            for step in range(STEPS):
                known.learn(table.clients)
                if who < 0:  # the consoles take their time: the players get to play each round
                    time.sleep(rng.uniform(0.02, 0.12))
                    event, payload = console_move(rng, client, known)
                else:
                    time.sleep(rng.uniform(0, 0.03))
                    event, payload = player_move(rng, client, rounds, known, step, who)
                ack = client.call(event, payload)
                if not ack.get("ok") and ack["error"]["code"] not in EXPECTED:
                    unexpected.append(f"{event} {payload} -> {ack['error']}")

        threads = [threading.Thread(target=run, args=(c, -1 - n)) for n, c in enumerate(consoles)]
        threads += [threading.Thread(target=run, args=(p, n)) for n, p in enumerate(phones)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        stored = topo.stored(code)
    finally:
        table.close()
    assert not unexpected, "\n".join(unexpected[:10])
    events = {a.event for a in stored.log}
    inputs = [a for a in stored.log if a.event not in ("control", "join", "moderate")]
    assert "control" in events and len(inputs) >= 3, f"the random play did too little: {sorted(events)}"
    assert not rule_problems(stored)
    assert not replay_problems(stored)
