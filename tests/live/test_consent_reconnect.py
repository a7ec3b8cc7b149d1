"""The consent question (issue 14) for a phone that was away, over real Socket.IO clients:
a phone that (re)connects after ``publish:ask`` finds the open question and its own answer
(``publish:current``), a phone that joins late is asked too, and a changed answer is what
counts. The facilitator is told counts only, never who answered what; the other phones are
told nothing. (tests/library/test_consent.py has the flow itself: one objection blocks,
proxy consent.)"""

from __future__ import annotations

import pytest

from tests.support.clients import LiveClient, close_all
from tests.support.game import join, open_game

pytestmark = pytest.mark.server


def test_a_phone_that_comes_back_finds_the_question_and_its_answer(live_server):
    server = live_server
    code, key = open_game(server)
    tokens = {name: join(server, code, name, "inwoner")["token"] for name in ("Fatima", "Henk", "Ans")}
    console = LiveClient(server.url, code=code, key=key).connect()
    phones = {name: LiveClient(server.url, code=code, token=token).connect() for name, token in tokens.items()}
    clients = [console, *phones.values()]
    try:
        proposed = console.call("publish:propose", {"theme": "wonen"})
        preview, asked = proposed["preview"], proposed["proposal"]
        housing = {"nl": "Wonen", "en": "Housing"}  # the theme's name for phones in either language
        asked_henk = phones["Henk"].wait_for("publish:ask")
        assert asked_henk["proposal"] == asked and asked_henk["theme_label"] == housing
        assert phones["Henk"].call("publish:consent", {"agree": False, "proposal": asked})["ok"]
        console.wait_for("publish:counts", lambda c: c["object"] == 1)

        # Henk's phone drops and comes back: the same question, and his own answer.
        phones["Henk"].close()
        henk = LiveClient(server.url, code=code, token=tokens["Henk"]).connect()
        clients.append(henk)
        assert henk.call("publish:current") == {
            "ok": True,
            "preview": preview,
            "proposal": asked,
            "theme_label": housing,
            "answer": False,
        }
        # Ans has not answered: she finds the question open.
        assert phones["Ans"].call("publish:current") == {
            "ok": True,
            "preview": preview,
            "proposal": asked,
            "theme_label": housing,
            "answer": None,
        }

        # A late joiner is asked too (and counted).
        late = LiveClient(server.url, code=code, token=join(server, code, "Mo", "inwoner")["token"]).connect()
        clients.append(late)
        assert late.call("publish:current")["preview"] == preview

        # Henk changes his mind: his new answer replaces the old one.
        assert henk.call("publish:consent", {"agree": True})["ok"]
        told = console.wait_for("publish:counts", lambda c: c["object"] == 0)
        counts = {k: v for k, v in told.items() if k not in ("seq", "prev")}
        assert counts == {"total": 4, "agree": 1, "object": 0, "waiting": 3, "proxies": [], "proposal": asked}
        assert henk.call("publish:current")["answer"] is True

        # The facilitator's view of the question: counts, no answers by person.
        current = console.call("publish:current")
        assert current["counts"] == counts and "answer" not in current and "answers" not in current
        for event in console.received("publish:counts"):
            assert set(event) <= {"total", "agree", "object", "waiting", "proxies", "proposal", "seq", "prev"}
        # No phone is told how anyone answered, nor how many.
        for phone in (*phones.values(), henk, late):
            assert phone.received("publish:counts") == []
    finally:
        close_all(clients)


def test_an_answer_to_an_earlier_question_is_refused_not_counted(live_server):
    """A phone offline while the facilitator proposed again sends its kept answer with the
    old question's id: it is refused ``stale`` and the new question stays unanswered."""
    server = live_server
    code, key = open_game(server)
    token = join(server, code, "Fatima", "inwoner")["token"]
    console = LiveClient(server.url, code=code, key=key).connect()
    phone = LiveClient(server.url, code=code, token=token).connect()
    try:
        first = console.call("publish:propose", {"theme": "wonen"})["proposal"]
        for _attempt in range(5):  # every new proposal is another question, even the same document
            again = console.call("publish:propose", {"theme": "wonen"})["proposal"]
            assert again != first
            refused = phone.call("publish:consent", {"agree": True, "proposal": first})
            assert refused["ok"] is False and refused["error"]["code"] == "stale"
            assert phone.call("publish:current")["answer"] is None
            assert console.call("publish:current")["counts"]["agree"] == 0
            first = again
        assert phone.call("publish:consent", {"agree": True, "proposal": first})["ok"]
        assert console.call("publish:current")["counts"]["agree"] == 1
        assert console.call("publish:confirm")["ok"]
    finally:
        close_all([console, phone])
