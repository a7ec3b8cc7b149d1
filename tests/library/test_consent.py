"""Publishing with consent over real Socket.IO clients against a running server: every
phone is asked with the exact preview, one objection blocks, the facilitator answers for
someone without a phone, the room never learns who answered what, and only the
facilitator sees counts."""

from __future__ import annotations

import pytest

from tests.support.clients import LiveClient, close_all
from tests.support.game import join, open_game

pytestmark = pytest.mark.server


def _error(ack) -> str | None:
    return None if ack.get("ok") else ack["error"]["code"]


@pytest.mark.parametrize("mode", ["gevent", "eventlet"])
def test_consent_flow(start_server, mode):
    server = start_server(mode)
    code, key = open_game(server)
    joined = {name: join(server, code, name, role) for name, role in (("Fatima", "inwoner"), ("Henk", "ambtenaar"))}
    tokens = {name: j["token"] for name, j in joined.items()}
    console = LiveClient(server.url, code=code, key=key).connect()
    phones = {name: LiveClient(server.url, code=code, token=token).connect() for name, token in tokens.items()}
    projector = LiveClient(server.url, code=code).connect()
    try:
        proxy = console.call("participant:add", {"name": "Wim", "role": "inwoner"})["participant"]
        assert _error(phones["Fatima"].call("publish:propose", {"theme": "groen"})) == "not_allowed"
        assert _error(console.call("publish:confirm")) == "not_found"  # nothing proposed yet
        assert phones["Henk"].call("publish:current") == {"ok": True, "preview": None}
        assert _error(console.call("publish:propose", {"theme": "nope"})) == "bad_request"

        proposed = console.call("publish:propose", {"theme": "groen", "municipality": "Terneuzen"})
        assert proposed["ok"] and proposed["preview"]["question"] == "Hoe?"
        wim = {"id": proxy["id"], "name": "Wim", "answered": False, "answer": None}
        asked = proposed["proposal"]
        assert proposed["counts"] == {
            "total": 3,
            "agree": 0,
            "object": 0,
            "waiting": 3,
            "proxies": [wim],
            "proposal": asked,
        }
        for phone in phones.values():  # every phone sees exactly what would be published
            assert phone.wait_for("publish:ask")["preview"] == proposed["preview"]
        assert "Fatima" not in str(proposed["preview"]) and "Wim" not in str(proposed["preview"])

        assert phones["Fatima"].call("publish:current") == {
            "ok": True,
            "preview": proposed["preview"],
            "proposal": proposed["proposal"],
            "theme_label": {"nl": "Groen", "en": "Green spaces"},
            "answer": None,
        }
        assert phones["Fatima"].call("publish:consent", {"agree": True})["ok"]
        assert phones["Fatima"].call("publish:current")["answer"] is True
        console.wait_for("publish:counts", lambda c: c["agree"] == 1)
        phones["Henk"].call("publish:consent", {"agree": False})
        counts = console.wait_for("publish:counts", lambda c: c["object"] == 1)
        assert counts["agree"] == 1 and counts["waiting"] == 1

        # the facilitator answers only for someone without a phone
        stranger = {"participant": proxy["id"] + 999, "agree": True}
        assert _error(console.call("publish:consent", stranger)) == "not_allowed"
        fatima_id = joined["Fatima"]["participant"]["id"]
        assert _error(console.call("publish:consent", {"participant": fatima_id, "agree": False})) == "not_allowed"
        answered = console.call("publish:consent", {"participant": proxy["id"], "agree": True})
        assert answered["counts"]["proxies"][0]["answered"] is True and answered["counts"]["waiting"] == 0

        refused = console.call("publish:confirm")
        assert _error(refused) == "objection" and refused["error"]["objections"] == 1
        assert server.api("GET", "/bibliotheek/export.json").json()["entries"] == []

        # Henk changes his mind on a new proposal: everyone is asked again
        again = console.call("publish:propose", {"theme": "groen", "edits": {"question": {"text": "Hoe beginnen we?"}}})
        assert again["counts"]["waiting"] == 3 and again["preview"]["question"] == "Hoe beginnen we?"
        phones["Henk"].wait_for("publish:ask", lambda d: d["preview"]["question"] == "Hoe beginnen we?")
        for phone in phones.values():
            assert phone.call("publish:consent", {"agree": True})["ok"]
        published = console.call("publish:confirm")
        assert published["ok"] and published["url"] == f"/bibliotheek/{published['id']}"
        page = server.api("GET", published["url"])
        assert page.status_code == 200 and "Hoe beginnen we?" in page.text
        for phone in phones.values():
            assert phone.wait_for("publish:done")["url"] == published["url"]

        # the room never learns who answered what, nor how many
        for client in (*phones.values(), projector):
            assert client.received("publish:counts") == []
        assert projector.received("publish:ask") == []
    finally:
        close_all([console, projector, *phones.values()])
