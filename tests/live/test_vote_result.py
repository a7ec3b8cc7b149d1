"""The vote's result on every screen while its round is still on, against the running server
with real python-socketio clients: 40 phones vote (the default game counts only once voting
is over, ``show_tally: close``), the facilitator closes the vote ("Stemmen sluiten en
uitslag tonen"), every phone and the projector are told the tally and the chosen ideas,
ballots after it are refused with ``voting_closed`` and change nothing, and no phone ever
learns another player's ballot. A second close changes nothing; opening again hides the
count once more."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.clients import LiveClient, close_all
from tests.support.game import join, open_game

pytestmark = pytest.mark.server

PHONES = 40
#: one address stands for a hall here: its event budget opened (the per-socket one stays)
HALL = {
    "SAMENSPEL_ADDRESS_EVENTS_PER_SECOND": "1000",
    "SAMENSPEL_ADDRESS_EVENT_BURST": "1000",
    "SAMENSPEL_SESSION_EVENTS_PER_SECOND": "1000",
    "SAMENSPEL_SESSION_EVENT_BURST": "1000",
}
ROLES = ["inwoner", "ambtenaar", "bestuurder", "professional", "ondernemer"]
IDEAS = ["Moestuin", "Kas met regenwater", "Speelplek", "Bankjes", "Buurtkeuken", "Composthoop"]


def vote_summary(client: LiveClient, predicate) -> dict:
    return client.wait_for("summary", lambda d: d["round_id"] == "kiezen" and predicate(d["summary"]))["summary"]


def ballots_seen(client: LiveClient) -> list[dict]:
    """Every ballot this client was sent, in broadcasts and in a fresh snapshot."""
    with client._lock:
        told = [d["item"] for n, d in client.events if n in ("item:added", "item:updated") and "item" in d]
    snapshot = client.call("sync")["snapshot"]
    return [i for i in [*told, *snapshot["items"]] if i.get("kind") == "ballot"]


def test_forty_phones_vote_the_facilitator_closes_and_everyone_sees_the_result(start_server):
    server = start_server("gevent", **HALL)
    code, key = open_game(server)
    joined = [join(server, code, f"Speler{n}", ROLES[n % len(ROLES)]) for n in range(PHONES)]
    clients = []
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            phones = list(
                pool.map(lambda j: LiveClient(server.url, code=code, token=j["token"], lang="nl").connect(), joined)
            )
        clients += phones
        console = LiveClient(server.url, code=code, key=key).connect()
        projector = LiveClient(server.url, code=code).connect()
        clients += [console, projector]
        assert console.call("control", {"action": "start"})["ok"]
        while console.call("sync")["snapshot"]["round"]["id"] != "ideeen":
            assert console.call("control", {"action": "next"})["ok"]
        ids = []
        for n, text in enumerate(IDEAS):
            ack = phones[n].call("card:add", {"round_id": "ideeen", "text": text, "client_id": f"result-{n:04d}"})
            assert ack["ok"], ack
            ids.append(ack["item"]["id"])
        assert console.call("control", {"action": "next"})["flow"]["round_index"] == 6  # kiezen

        # Each phone: two dots on one idea and one on another (3 dots, at most 2 on one).
        tally: Counter = Counter()
        mine = {}
        for n, phone in enumerate(phones):
            first, second = ids[(n * 7) % 5], ids[5 - n % 3]
            votes = {first: 2} if first == second else {first: 2, second: 1}
            for card_id, count in votes.items():
                ack = phone.call("ballot:set", {"round_id": "kiezen", "card_id": card_id, "count": count})
                assert ack["ok"], ack
            tally.update(votes)
            mine[n] = {str(k): v for k, v in votes.items()}
        expected = {str(k): v for k, v in tally.items()}
        top = sorted(tally, key=lambda c: (-tally[c], c))[:3]
        live = vote_summary(projector, lambda s: s["voters"] == PHONES)
        assert "tally" not in live and not live["closed"], "show_tally: close — no count while voting"

        closing = console.call("control", {"action": "vote_close"})
        assert closing["ok"] and "unchanged" not in closing
        for client in [projector, *phones]:
            result = vote_summary(client, lambda s: s["closed"])
            assert result == {"voters": PHONES, "closed": True, "tally": expected, "chosen": top}
        snapshot = projector.call("sync")["snapshot"]
        assert snapshot["round"]["id"] == "kiezen", "the round stays on: the result is shown in it"
        assert snapshot["summaries"]["kiezen"]["chosen"] == top

        # Late dots are refused, in the phone's language, and change nothing.
        for phone in phones[:5]:
            late = phone.call("ballot:set", {"round_id": "kiezen", "card_id": ids[0], "count": 1})
            assert late["ok"] is False and late["error"]["code"] == "voting_closed"
            assert late["error"]["message"] == "Het stemmen is gesloten. Kijk op het scherm voor de uitslag."
        assert console.call("sync")["snapshot"]["summaries"]["kiezen"]["tally"] == expected
        assert console.call("control", {"action": "vote_close"}) == {"ok": True, "unchanged": True}

        # Nothing personal: a phone holds its own ballot only, the projector none at all.
        for n, phone in enumerate(phones):
            seen = ballots_seen(phone)
            assert seen and {b["author_id"] for b in seen} == {joined[n]["participant"]["id"]}, n
            assert all(b["votes"] == mine[n] for b in seen)
        assert ballots_seen(projector) == []

        # Opened again by mistake: the count leaves the room's screens until the next close.
        for client in (phones[-1], projector):
            client.clear()
        assert console.call("control", {"action": "vote_open"})["ok"]
        assert vote_summary(phones[-1], lambda s: not s["closed"]) == {"voters": PHONES, "closed": False}
        assert vote_summary(projector, lambda s: not s["closed"]) == {"voters": PHONES, "closed": False}
    finally:
        close_all(clients)
