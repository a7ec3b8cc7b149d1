"""The same ``client_id`` arrives from two sockets at once (a phone resending after a
reconnect while its first send is still in flight; issue 9, found 3): exactly one item is
stored, one ack creates it and the other says ``duplicate: true`` with the same item —
never ``server_error``."""

from tests.support.races import Tally, at_once, one_player_on_two_sockets, replay_problems

TRIALS = 100


def test_one_client_id_from_two_sockets_makes_one_item(topo):
    tally = Tally(f"one client_id from two sockets on {topo.name}")
    with one_player_on_two_sockets(topo, "droom") as (code, console, sockets, fatima, table):
        for trial in range(TRIALS):
            payload = {"round_id": "droom", "text": f"Kas {trial}", "client_id": f"twice-{trial:05d}"}
            acks = at_once(*[lambda s=s: s.call("card:add", payload) for s in sockets])
            problems = [f"not ok: {a}" for a in acks if not isinstance(a, dict) or not a.get("ok")]
            stored = [i for i in topo.items(code, kind="card", round_id="droom") if i.data["text"] == payload["text"]]
            if len(stored) != 1:
                problems.append(f"{len(stored)} items stored for one client_id")
            if not problems:
                if sorted(bool(a.get("duplicate")) for a in acks) != [False, True]:
                    problems.append(f"duplicate flags {[a.get('duplicate') for a in acks]}")
                if {a["item"]["id"] for a in acks} != {stored[0].id}:
                    problems.append(f"acks name items {[a['item']['id'] for a in acks]}, stored {stored[0].id}")
            tally.trial(problems)
            for item in stored:  # room under the round's card limit
                sockets[0].call("card:delete", {"id": item.id})
        tally.trial(replay_problems(topo.stored(code)))
    tally.check()
