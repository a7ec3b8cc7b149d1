"""The ended snapshot carries a phone's own steps (``own_steps``, docs/protocol.md): against
the running server with real Socket.IO clients, a game is played to its end with Fatima and
Henk owning different steps and Joost none. Each phone's snapshot — a fresh ``sync`` and the
one a reconnect starts from — holds exactly its player's steps in the plan's order; the
projector's and the console's hold no such field, and neither does a phone's before the end."""

from __future__ import annotations

import pytest

from tests.support.clients import LiveClient, close_all
from tests.support.lifecycle import end, go_to, make_session, seat

pytestmark = pytest.mark.server


def own(snapshot: dict) -> list[tuple[str, str | None]]:
    return [(s["what"], s["due"]) for s in snapshot["own_steps"]]


def test_each_phone_ends_with_exactly_its_own_steps(live_server):
    room = seat(
        make_session(live_server, "het-nieuwe-samenspel", title="Moestuin", question="Wie doet wat?"),
        {"Fatima": "inwoner", "Henk": "ambtenaar", "Joost": "ondernemer"},
    )
    others: list[LiveClient] = []
    try:
        go_to(room, "actiepad")
        fatima, henk, joost = (room.phones[n] for n in ("Fatima", "Henk", "Joost"))
        made = {}
        for n, (who, what, due) in enumerate(
            [
                (henk, "Zaaidag plannen", None),  # Henk writes it, Fatima takes it on
                (fatima, "Ramen ophalen", "2027-05-01"),
                (fatima, "Kas bouwen", "2027-04-15"),
                (henk, "Vergunning aanvragen", "2027-03-01"),
                (henk, "Zaad kopen", None),  # named after a group: nobody's own
                (fatima, "Buren vragen", None),  # hers, then given to someone by name
            ]
        ):
            payload = {
                "round_id": "actiepad",
                "what": what,
                "client_id": f"own-steps-{n}",
                **({"due": due} if due else {}),
            }
            ack = who.call("step:add", payload)
            assert ack["ok"], ack
            made[what] = ack["item"]["id"]
        for who, what in [
            (fatima, "Zaaidag plannen"),
            (fatima, "Ramen ophalen"),
            (fatima, "Kas bouwen"),
            (fatima, "Buren vragen"),
            (henk, "Vergunning aanvragen"),
        ]:
            assert who.call("step:claim", {"id": made[what]})["ok"]
        for what, rev in (("Zaad kopen", 0), ("Buren vragen", 1)):
            assert henk.call("step:edit", {"id": made[what], "owner": "Buurtteam", "base": {"owner": rev}})["ok"]
        assert "own_steps" not in fatima.call("sync")["snapshot"]  # not before the end
        end(room)

        fatima_steps = [("Kas bouwen", "2027-04-15"), ("Ramen ophalen", "2027-05-01"), ("Zaaidag plannen", None)]
        by_phone = {fatima: fatima_steps, henk: [("Vergunning aanvragen", "2027-03-01")], joost: []}
        for phone, expected in by_phone.items():
            snapshot = phone.call("sync")["snapshot"]
            assert snapshot["flow"]["status"] == "ended" and snapshot["round"]["items_from"] == []
            assert phone.received("flow")[-1]["round"]["items_from"] == []  # the end asks for no round
            assert own(snapshot) == expected
            me = snapshot["me"]["id"]
            assert all(s["owner_id"] == me and s["kind"] == "step" for s in snapshot["own_steps"])
            assert all(s["status"] == "not_started" and s["history"] == [] for s in snapshot["own_steps"])
        # a reconnect starts from a snapshot that carries them too
        again = LiveClient(live_server.url, code=room.code, token=fatima.auth["token"]).connect()
        others.append(again)
        assert own(again.received("snapshot")[0]) == fatima_steps
        # screens and consoles: no such field
        projector = LiveClient(live_server.url, code=room.code).connect()
        others.append(projector)
        assert "own_steps" not in projector.received("snapshot")[0]
        assert "own_steps" not in projector.call("sync")["snapshot"]
        assert "own_steps" not in room.console.call("sync")["snapshot"]
    finally:
        close_all(others)
        room.close()
