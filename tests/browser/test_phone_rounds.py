"""A phone holds everyone's items only of the rounds its current round shows, and is sent
broadcasts only about those (issue 11, fan-out): an idea hidden while the game is past the
vote never reaches a phone, so when the facilitator goes back to the vote the phone asks for
the ideas again (static/js/socket.js) and the hidden one is gone from its ballot."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.clients import LiveClient
from tests.support.crowd import Crowd, advance, join_phone, new_session, open_console, sample

pytestmark = [pytest.mark.browser, pytest.mark.server]

BEFORE = ("De droom", "Belangen", "Rolwissel", "Kansen en drempels", "Ideeën")


def test_back_at_the_vote_the_phone_shows_the_ideas_as_they_are_now(browser, server, csp_violations):
    data = sample()
    code, key = new_session(server)
    console = open_console(browser, server, code, key, csp_violations)
    phone = join_phone(browser, server, code, "Fatima", "inwoner", csp_violations)
    crowd = Crowd(server, code, [p for p in data["players"] if p["name"] in ("Henk", "Marloes")])
    desk = LiveClient(server.url, code=code, key=key).connect()
    try:
        advance(console, "Welkom en rollen", "#btn-start")
        for title in BEFORE:
            advance(console, title)
        texts = ["Een kas van oude ramen", "Bankjes bij de bakken", "Een regenton per tuin"]
        ideas = [
            crowd.call(("Henk", "Marloes")[n % 2], "card:add", {"round_id": "ideeen", "text": text})["item"]
            for n, text in enumerate(texts)
        ]
        advance(console, "Kiezen")
        expect(phone.locator(".vote-item")).to_have_count(3)
        advance(console, "Wat breng ik in?")
        assert desk.call("moderate", {"action": "hide", "id": ideas[1]["id"]})["ok"]
        advance(console, "Kiezen", "#btn-back")
        expect(phone.locator(".vote-item")).to_have_count(2)
        expect(phone.locator(".vote-item", has_text=texts[1])).to_have_count(0)
        expect(phone.locator(".vote-item", has_text=texts[0])).to_have_count(1)
    finally:
        desk.close()
        crowd.close()
