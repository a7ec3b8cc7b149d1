"""The vote's result on screen while the round is still on: the default game's vote counts
only once voting is over (``show_tally: close``); the facilitator presses R ("Stemmen
sluiten en uitslag tonen") and the projector (1920×1080) shows the ideas ranked with bars
and dots, the chosen ones marked, readable from the back of a hall; each phone shows the
result instead of its ballot; a late dot is refused. R again does not undo it; "Stemmen
weer openen" does. The next round works on exactly the ideas the room saw chosen. axe on
every screen; the projector's and a phone's result into docs/screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_problems, shoot
from tests.support.crowd import (
    BEFORE_IDEAS,
    Crowd,
    advance,
    join_phone,
    new_session,
    open_console,
    open_projector,
    sample,
    shoot_full,
    texts,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]

IDEAS = {
    "Henk": ["Een kas met regenwateropvang en zonnepanelen.", "Samen oogsten en koken op zaterdag."],
    "Sanne": ["Speelplek voor kinderen naast de tuin.", "Subsidiemogelijkheden uitzoeken bij de gemeente."],
    "Marloes": ["Vrijwilligerscoördinatie door de wijkvereniging.", "Een composthoek voor de hele straat."],
}
#: dots per idea (by its place in IDEAS) from the crowd; the two phones add theirs below
CROWD_DOTS = {
    "Henk": [(0, 2), (1, 1)],
    "Sanne": [(2, 2), (0, 1)],
    "Marloes": [(0, 2), (3, 1)],
    "Pieter": [(2, 1), (1, 2)],
    "Anouk": [(4, 2), (2, 1)],
    "Kees": [(1, 2), (5, 1)],
}
WALL_TEXT_PX = 24  # the smallest idea text on the result wall, read from 10 m (about 1.5rem)


def test_the_facilitator_closes_the_vote_and_the_room_sees_the_result(browser, server, csp_violations):
    code, key = new_session(server)
    console = open_console(browser, server, code, key, csp_violations)
    projector = open_projector(browser, server, code, csp_violations)
    phones = {
        name: join_phone(browser, server, code, name, role, csp_violations)
        for name, role in (("Fatima", "inwoner"), ("Joost", "ambtenaar"))
    }
    players = [p for p in sample()["players"] if p["name"] in CROWD_DOTS]
    crowd = Crowd(server, code, players)
    try:
        advance(console, BEFORE_IDEAS[0], "#btn-start")
        for title in BEFORE_IDEAS[1:]:
            advance(console, title)
        ideas = [text for texts_ in IDEAS.values() for text in texts_]
        ids = {}
        for author, written in IDEAS.items():
            for text in written:
                ids[text] = crowd.call(author, "card:add", {"round_id": "ideeen", "text": text})["item"]["id"]
        advance(console, "Kiezen")
        for name, dots in CROWD_DOTS.items():
            for idea, count in dots:
                crowd.call(name, "ballot:set", {"round_id": "kiezen", "card_id": ids[ideas[idea]], "count": count})
        fatima, joost = phones["Fatima"], phones["Joost"]
        for phone, picks in ((fatima, [ideas[2], ideas[2], ideas[5]]), (joost, [ideas[4], ideas[4], ideas[3]])):
            for text in picks:
                phone.locator(".vote-card", has_text=text).click()
            expect(phone.locator(".dots-left-text")).to_have_text("Al je stippen staan")
            expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        # dots: idea 0: 5, 1: 5, 2: 6, 3: 2, 4: 4, 5: 2 — ranked 2, 0, 1, 4, then 3 and 5
        ranked = [ideas[i] for i in (2, 0, 1, 4, 3, 5)]

        # While voting: how many voted, not the count (nobody just follows the crowd)
        expect(projector.locator(".vote-voters-large")).to_have_text("8 mensen hebben gestemd")
        expect(projector.locator(".vote-later")).to_have_text("De telling komt op het scherm als het stemmen sluit.")
        expect(projector.locator(".bar-row")).to_have_count(0)
        button = console.locator("#btn-reveal")
        expect(button).to_have_text("Stemmen sluiten en uitslag tonen")
        expect(button).to_have_attribute("aria-keyshortcuts", "R")
        expect(console.locator("#keys-hint")).to_contain_text("R kaartjes of uitslag laten zien")

        console.locator("body").press("r")
        expect(projector.locator(".vote-result-title")).to_have_text("Uitslag")
        expect(projector.locator(".vote-voters")).to_have_text("8 mensen hebben gestemd")
        rows = projector.locator(".bar-row")
        expect(rows).to_have_count(6)
        assert texts(projector, ".bar-row .bar-text") == ranked
        assert texts(projector, ".bar-row .bar-rank") == ["1.", "2.", "2.", "4.", "5.", "5."]
        assert (
            texts(projector, ".bar-row .bar-value")
            == ["6 stippen", "5 stippen", "5 stippen", "4 stippen"] + ["2 stippen"] * 2
        )
        assert texts(projector, ".bar-row.is-chosen .bar-text") == ranked[:3]  # carry_forward: 3
        expect(projector.locator(".bar-row.is-chosen .chosen-badge").first).to_have_text("Gekozen")
        expect(projector.locator(".wall-pager")).to_be_hidden()  # the whole result on one screen
        smallest = projector.eval_on_selector_all(
            ".bar-label", "els => Math.min(...els.map(e => parseFloat(getComputedStyle(e).fontSize)))"
        )
        assert smallest >= WALL_TEXT_PX, smallest
        bottoms = projector.eval_on_selector_all(".bar-row", "rows => rows.map(r => r.getBoundingClientRect().bottom)")
        inside = max(bottoms) <= projector.viewport_size["height"]
        assert inside, "every idea of the result is on the screen"
        for phone in phones.values():
            expect(phone.locator(".vote-result-note")).to_have_text("Het stemmen is gesloten. Dit is de uitslag.")
            expect(phone.locator(".vote-list")).to_be_hidden()
            assert texts(phone, ".vote-result .bar-row.is-chosen .bar-text") == ranked[:3]
            expect(phone.locator(".dots-bar")).to_be_hidden()
        late = crowd.clients["Kees"].call("ballot:set", {"round_id": "kiezen", "card_id": ids[ideas[3]], "count": 1})
        assert late["error"]["code"] == "voting_closed"
        expect(console.locator(".console-vote")).to_contain_text("het stemmen is gesloten: de zaal ziet de uitslag")
        expect(button).to_have_text("Stemmen weer openen")
        expect(button).not_to_have_attribute("aria-keyshortcuts", "R")
        for page, what in ((projector, "projector"), (fatima, "phone"), (console, "console")):
            assert not axe_problems(page, server), what
        shoot(projector, "projector-vote-result.png")
        shoot_full(fatima, "phone-vote-result.png")

        console.locator("body").press("r")  # R never undoes the close
        console.wait_for_timeout(500)
        expect(projector.locator(".vote-result-title")).to_have_text("Uitslag")
        button.click()  # "Stemmen weer openen": closed by mistake
        expect(projector.locator(".vote-later")).to_be_visible()
        expect(projector.locator(".bar-row")).to_have_count(0)
        expect(fatima.locator(".vote-list")).to_be_visible()
        expect(fatima.locator(".vote-card").first).to_be_enabled()
        expect(button).to_have_text("Stemmen sluiten en uitslag tonen")
        button.click()
        expect(projector.locator(".vote-result-title")).to_have_text("Uitslag")

        # The next round works on the ideas the room saw chosen, in that order.
        advance(console, "Wat breng ik in?")
        expect(projector.locator(".wall-group-title > span:first-child")).to_have_text(ranked[:3])
        snapshot = crowd.clients["Henk"].call("sync")["snapshot"]
        assert [i["text"] for i in snapshot["summaries"]["inbreng"]["ideas"]] == ranked[:3]
        assert not csp_violations.found, csp_violations.found
    finally:
        crowd.close()
        for page in [console, projector, *phones.values()]:
            page.context.close()
