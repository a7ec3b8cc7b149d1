"""The facilitator answers the library's consent question for people without a phone
(issue 14, ``publish:consent {participant, agree, proposal}``), over real Socket.IO clients
against a running server, as the console's publish panel does: the answer counts for that
person only and only for the question the console showed (an earlier one is refused
``stale``); a phone or a screen cannot answer for them; the facilitator's other consoles
see the counts change live, and a console opened again reads what was answered for each of
them; the phones and the screens are never sent those answers (nor any counts); and one
objection given for someone without a phone blocks publishing like any other."""

from __future__ import annotations

import json

import pytest

from tests.support.clients import LiveClient, close_all
from tests.support.game import join, open_game

pytestmark = pytest.mark.server


def _error(ack) -> str | None:
    return None if ack.get("ok") else ack["error"]["code"]


def _proxies(counts) -> dict[str, bool]:
    return {p["name"]: p["answered"] for p in counts["proxies"]}


def _answers(counts) -> dict[str, bool | None]:
    """What the facilitator answered for each person without a phone (None: not yet)."""
    return {p["name"]: p["answer"] for p in counts["proxies"]}


def test_the_facilitator_answers_for_people_without_a_phone(live_server):
    server = live_server
    code, key = open_game(server)
    fatima = join(server, code, "Fatima", "inwoner")
    console = LiveClient(server.url, code=code, key=key).connect()
    second = LiveClient(server.url, code=code, key=key).connect()  # the console open in another tab
    phone = LiveClient(server.url, code=code, token=fatima["token"]).connect()
    projector = LiveClient(server.url, code=code).connect()
    clients = [console, second, phone, projector]
    try:
        wim = console.call("participant:add", {"name": "Wim", "role": "inwoner"})["participant"]
        ans = console.call("participant:add", {"name": "Ans", "role": "inwoner"})["participant"]
        proposed = console.call("publish:propose", {"theme": "groen"})
        asked = proposed["proposal"]
        assert proposed["counts"]["proposal"] == asked  # the counts name the question they count
        assert _proxies(proposed["counts"]) == {"Wim": False, "Ans": False}
        assert _answers(proposed["counts"]) == {"Wim": None, "Ans": None}

        # Only the facilitator answers for Wim: a phone or a screen naming him is refused.
        for client in (phone, projector):
            assert _error(client.call("publish:consent", {"participant": wim["id"], "agree": False})) == "not_allowed"
        counts = console.call("publish:current")["counts"]
        assert counts["waiting"] == 3 and counts["object"] == 0 and _proxies(counts)["Wim"] is False
        # ... and never for someone with a phone, nor for someone unknown.
        for someone in (fatima["participant"]["id"], ans["id"] + 999, None, "Wim"):
            refused = console.call("publish:consent", {"participant": someone, "agree": True, "proposal": asked})
            assert _error(refused) == "not_allowed", someone

        answered = console.call("publish:consent", {"participant": wim["id"], "agree": True, "proposal": asked})
        assert answered["ok"] and _proxies(answered["counts"]) == {"Wim": True, "Ans": False}
        assert _answers(answered["counts"]) == {"Wim": True, "Ans": None}
        assert answered["counts"]["agree"] == 1 and answered["counts"]["waiting"] == 2
        told = second.wait_for("publish:counts", lambda c: c["agree"] == 1)  # live on the other console
        assert _proxies(told) == {"Wim": True, "Ans": False} and told["proposal"] == asked
        assert _answers(told) == {"Wim": True, "Ans": None}
        assert set(told) <= {"total", "agree", "object", "waiting", "proxies", "proposal", "seq", "prev"}

        # A new question: an answer the console gave for the old one is refused, not counted.
        again = console.call("publish:propose", {"theme": "wonen"})["proposal"]
        assert again != asked
        stale = console.call("publish:consent", {"participant": ans["id"], "agree": True, "proposal": asked})
        assert _error(stale) == "stale"
        counts = console.call("publish:current")["counts"]
        assert counts["proposal"] == again and counts["agree"] == 0 and _proxies(counts) == {"Wim": False, "Ans": False}

        # One objection given for Ans blocks publishing, whoever else agrees.
        own = phone.call("publish:consent", {"agree": True, "proposal": again})
        assert own["ok"] and "counts" not in own  # a phone's ack carries no counts
        for person, agree in ((wim, True), (ans, False)):
            ack = console.call("publish:consent", {"participant": person["id"], "agree": agree, "proposal": again})
            assert ack["ok"], ack
        second.wait_for("publish:counts", lambda c: c["object"] == 1 and c["waiting"] == 0)
        # a console opened again (a reload) reads from the server what was answered for whom
        reloaded = LiveClient(server.url, code=code, key=key).connect()
        clients.append(reloaded)
        counts = reloaded.call("publish:current")["counts"]
        assert _answers(counts) == {"Wim": True, "Ans": False} and counts["proposal"] == again
        # Fatima's own answer is a number in the counts, never named, not even to the facilitator
        assert counts["agree"] == 2 and "Fatima" not in json.dumps(counts)
        refused = console.call("publish:confirm")
        assert _error(refused) == "objection" and refused["error"]["objections"] == 1
        assert server.api("GET", "/bibliotheek/export.json").json()["entries"] == []

        mine = phone.call("publish:current")
        assert mine["answer"] is True and "counts" not in mine  # its own answer, nobody else's
        assert _error(projector.call("publish:current")) == "not_allowed"

        # Ans changes her mind: the facilitator's later answer replaces the earlier one.
        ack = console.call("publish:consent", {"participant": ans["id"], "agree": True, "proposal": again})
        assert ack["counts"]["object"] == 0 and ack["counts"]["agree"] == 3
        assert console.call("publish:confirm")["ok"]

        # The phone and the screen never learn who answered what, nor how many: no counts
        # and no answer given for someone without a phone, in any frame they were sent.
        for client in (phone, projector):
            assert client.received("publish:counts") == []
            sent = json.dumps([data for _, data in client.events])
            assert '"proxies"' not in sent and '"answered"' not in sent, sent[:500]
    finally:
        close_all(clients)
