"""The whole default game, played with the realistic sample session through real
Socket.IO clients against a real server; the final state is checked item by item."""

import json
from collections import Counter

import pytest

from tests.support.clients import LiveClient, close_all
from tests.support.game import join, open_game
from tests.support.sample import SAMPLE_FILE

pytestmark = pytest.mark.server
SAMPLE = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))
ROUNDS = [
    "welkom",
    "droom",
    "belangen",
    "rolwissel",
    "kansen-drempels",
    "ideeen",
    "kiezen",
    "inbreng",
    "actiepad",
    "samenspel",
]


def test_the_sample_session_plays_through_every_round(start_server):
    server = start_server("gevent")
    code, key = open_game(server)
    players = {p["name"]: join(server, code, p["name"], p["role"]) for p in SAMPLE["players"]}
    ids = {name: joined["participant"]["id"] for name, joined in players.items()}
    console = LiveClient(server.url, code=code, key=key).connect()
    projector = LiveClient(server.url, code=code).connect()
    phones = {
        name: LiveClient(server.url, code=code, token=joined["token"]).connect() for name, joined in players.items()
    }
    clients = [console, projector, *phones.values()]
    rounds = SAMPLE["rounds"]
    idea_ids: dict[str, int] = {}
    try:
        for index, round_id in enumerate(ROUNDS):
            ack = console.call("control", {"action": "start" if index == 0 else "next"})
            assert ack["ok"] and ack["flow"]["round_index"] == index, ack
            for phone in phones.values():
                phone.wait_for("flow", lambda d, i=index: d["flow"]["round_index"] == i)
            for n, entry in enumerate(rounds.get(round_id, [])):  # the sample has no offers (inbreng)
                phone = phones[entry["by"] if "by" in entry else entry["owner"]]
                if round_id == "welkom":
                    ack = phone.call("intro:set", {"round_id": round_id, "text": entry["text"]})
                elif round_id == "kiezen":
                    for idea, count in entry["votes"].items():
                        ack = phone.call(
                            "ballot:set", {"round_id": round_id, "card_id": idea_ids[idea], "count": count}
                        )
                        assert ack["ok"], ack
                elif round_id == "actiepad":
                    ack = phone.call(
                        "step:add",
                        {
                            "round_id": round_id,
                            "what": entry["what"],
                            "partners": entry["partners"],
                            "due": entry["due"],
                            "needs": entry["needs"],
                            "idea": idea_ids[entry["idea"]],
                            "client_id": f"step-{n:03d}-sample",
                        },
                    )
                    assert ack["ok"], ack
                    ack = phone.call("step:claim", {"id": ack["item"]["id"]})
                elif round_id == "samenspel":
                    ack = phone.call(
                        "rating:set", {"round_id": round_id, "scores": entry["scores"], "word": entry["word"]}
                    )
                else:
                    ack = phone.call(
                        "card:add",
                        {
                            "round_id": round_id,
                            "text": entry["text"],
                            "category": entry.get("category"),
                            "client_id": f"{round_id[:8]}-{n:03d}",
                        },
                    )
                    if "id" in entry:
                        idea_ids[entry["id"]] = ack["item"]["id"]
                assert ack["ok"], (round_id, entry, ack)
        assert console.call("control", {"action": "end"})["ok"]

        final = console.call("sync")["snapshot"]
        public = projector.call("sync")["snapshot"]
    finally:
        close_all(clients)

    by_round = {r: [i for i in final["items"] if i["round_id"] == r] for r in ROUNDS}
    names = {v: k for k, v in ids.items()}
    assert final["flow"]["status"] == "ended"
    assert sorted((names[i["author_id"]], i["text"]) for i in by_round["welkom"]) == sorted(
        (e["by"], e["text"]) for e in rounds["welkom"]
    )
    for round_id in ("droom", "belangen", "rolwissel", "kansen-drempels", "ideeen"):
        assert [(names[i["author_id"]], i["text"], i["category"]) for i in by_round[round_id]] == [
            (e["by"], e["text"], e.get("category")) for e in rounds[round_id]
        ], round_id
    perspectives = final["summaries"]["rolwissel"]["perspectives"]
    assert len(perspectives) == 12
    for card in by_round["rolwissel"]:
        assigned = perspectives[str(card["author_id"])]
        assert card["as"] == assigned
        assert assigned != next(p["role"] for p in SAMPLE["players"] if p["name"] == names[card["author_id"]])
    ballots = {names[b["author_id"]]: b["votes"] for b in by_round["kiezen"]}
    assert ballots == {e["by"]: {str(idea_ids[k]): v for k, v in e["votes"].items()} for e in rounds["kiezen"]}
    expected_tally = Counter()
    for entry in rounds["kiezen"]:
        expected_tally.update({str(idea_ids[k]): v for k, v in entry["votes"].items()})
    assert public["summaries"]["kiezen"]["tally"] == dict(expected_tally)
    assert public["summaries"]["kiezen"]["chosen"] == [idea_ids[i] for i in ("i4", "i1", "i6")]
    assert "kiezen" not in {i["round_id"] for i in public["items"]}, "ballots stay private"
    steps = [(s["what"], s["owner"], s["partners"], s["due"], s["needs"], s["idea"]) for s in by_round["actiepad"]]
    assert steps == [
        (e["what"], e["owner"], e["partners"], e["due"], e["needs"], idea_ids[e["idea"]]) for e in rounds["actiepad"]
    ]
    reflection = public["summaries"]["samenspel"]
    assert reflection["respondents"] == 4
    assert reflection["words"] == sorted(e["word"] for e in rounds["samenspel"])
    listening = [e["scores"]["luisteren"] for e in rounds["samenspel"]]
    assert reflection["averages"]["luisteren"]["average"] == round(sum(listening) / len(listening), 2)
