"""The projector's end screen of a full evening (1920×1080): the chosen ideas, who brings what
and the action path, as much as fits (static/js/projector-end.js).

With three ideas that each got offers and seven steps, the screen cut the action path to its
first step ("en nog 6 stappen") and who brings what to its first idea, with no word about the
other two: each offer row repeated its idea's text in full. Now the offers are one line of
numbered totals (the ideas stand just above, numbered), the action path keeps its room, and
one step left out reads "en nog 1 stap", not "1 stappen"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.crowd import Crowd, advance, end_game, new_session, open_console, open_projector, play_to_offers

pytestmark = [pytest.mark.browser, pytest.mark.server]

IDEAS = (
    "Buurtbewonersvertegenwoordiging moet vanaf het begin meedoen.",
    "Samen oogsten en koken op zaterdag in het buurthuis.",
    "Een kas met regenwateropvang en zonnepanelen op het dak.",
)
STEPS = (
    "Tien plantenbakken op palen bouwen",
    "Gebruiksovereenkomst opstellen en tekenen met de woningcorporatie",
    "Tweedehands kas ophalen bij het tuincentrum",
    "Subsidieaanvraag buurtbudget indienen",
    "Speeltoestellen uitzoeken met de kinderen van de school",
    "Waterleiding aanleggen vanaf de flat",
    "Openingsfeest organiseren",
)
PLAYERS = [{"name": n, "role": r} for n, r in (("Henk", "inwoner"), ("Marloes", "ambtenaar"), ("Bram", "professional"))]


def test_the_end_screen_keeps_room_for_the_action_path(browser, server):
    code, key = new_session(server)
    console = open_console(browser, server, code, key)
    projector = open_projector(browser, server, code)
    crowd = Crowd(server, code, PLAYERS)
    try:
        ideas = play_to_offers(console, crowd, "Henk", IDEAS, (("Henk", 0, 2), ("Marloes", 1, 2), ("Bram", 2, 1)))
        for n, idea in enumerate(ideas):
            offer = {"round_id": "inbreng", "idea": idea, "resource": "time", "hours": 4, "text": "Twee zaterdagen"}
            crowd.call(PLAYERS[n]["name"], "pledge:add", offer)
        advance(console, "Actiepad")
        for n, what in enumerate(STEPS):
            step = {"round_id": "actiepad", "what": what, "idea": ideas[n % 3], "due": f"2026-0{4 + n % 5}-15"}
            crowd.call(PLAYERS[n % 3]["name"], "step:add", step)
        advance(console, "Samenspel")
        end_game(console)

        expect(projector.locator(".ended-block", has_text="Actiepad")).to_be_visible()
        projector.wait_for_timeout(500)  # the second fit, once the header has settled
        plan = projector.locator(".ended-plan")
        assert plan.evaluate("(n) => n.scrollHeight <= n.clientHeight + 2"), "the end screen overflows"
        offers = projector.locator(".ended-pledges li")
        expect(offers).to_have_count(3)
        expect(offers.first).to_have_text("11 bijdrage · 4 uur")  # the idea's number, then its total
        steps = projector.locator(".ended-block", has_text="Actiepad").locator("li").count()
        assert steps >= 3, f"the action path shows {steps} of its {len(STEPS)} steps"
        left = len(STEPS) - steps
        more = projector.locator(".ended-block", has_text="Actiepad").locator(".ended-more")
        expect(more).to_have_text("en nog 1 stap in het plan" if left == 1 else f"en nog {left} stappen in het plan")
    finally:
        crowd.close()
        console.context.close()
        projector.context.close()
