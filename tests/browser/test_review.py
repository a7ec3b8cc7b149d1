"""The review in real browsers (issue 13): a follow-up session made with ``continues`` goes
through the steps of the earlier action path. The phone sets a step's status with a note and
offers help; the console moves the projector to the next step; the projector shows the
step, its status before and now, who helps and the notes. Screenshots of the phone and the
projector for docs/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_problems, shoot
from tests.support.clients import LiveClient
from tests.support.crowd import Crowd, advance, join_phone, open_console, open_projector, shoot_full
from tests.support.owners import earlier_plan, follow_up

pytestmark = [pytest.mark.browser, pytest.mark.server]

STEPS = [
    {"what": "Subsidie aanvragen bij de gemeente", "owner": "Henk", "due": "2026-03-01"},
    {"what": "Grond regelen met de woningcorporatie", "owner": "Fatima", "due": "2026-04-01"},
    {"what": "Zaden en gereedschap kopen", "owner": "Kees", "partners": ["Els"]},
]


def test_a_follow_up_reviews_the_action_path(browser, server, csp_violations):
    code, key = follow_up(server, *earlier_plan(server, STEPS))
    console = open_console(browser, server, code, key, csp_violations)
    projector = open_projector(browser, server, code, csp_violations)
    phone = join_phone(browser, server, code, "Henk", "ambtenaar", csp_violations)
    crowd = Crowd(server, code, [{"name": "Anna", "role": "ondernemer"}])
    try:
        advance(console, "Welkom terug", "#btn-start")
        advance(console, "Hoe staan de stappen ervoor?")
        # the first step of the path (by date) is on the projector and the phone
        expect(projector.locator(".review-what")).to_have_text(STEPS[0]["what"])
        expect(projector.locator(".review-position")).to_contain_text("Stap 1 van 3")
        expect(phone.locator(".review-what")).to_have_text(STEPS[0]["what"])
        for page in (projector, phone):  # the date as people write it, not as the server stores it
            expect(page.locator(".review-facts")).to_contain_text("1 maart 2026")

        # Henk says his step is stuck and what is needed; Anna helps
        phone.get_by_label("Vastgelopen").check()
        phone.get_by_label("Wat is er nodig? Stopt de stap: waarom?").fill("Wacht op een handtekening van de wethouder")
        phone.get_by_role("button", name="Opslaan", exact=True).click()
        expect(projector.locator(".review-status")).to_contain_text("Vastgelopen")
        expect(projector.locator(".review-was")).to_contain_text("Nog niet begonnen")
        expect(projector.locator(".review-notes")).to_contain_text("handtekening van de wethouder")
        order = LiveClient(server.url, code=code).connect()
        first = order.call("sync", {})["snapshot"]["summaries"]["terugblik"]["order"][0]
        order.close()
        crowd.call("Anna", "review:help", {"round_id": "terugblik", "step_id": first})
        expect(projector.locator(".review-helpers")).to_contain_text("Anna")
        expect(phone.get_by_role("button", name="Ik help mee")).to_be_hidden()  # Henk owns it (by name)
        shoot(projector, "projector-review.png")
        shoot_full(phone, "phone-review.png")
        assert axe_problems(phone, server) == []
        assert axe_problems(projector, server) == []

        # the console moves the projector (and the phones) to the next step
        console.get_by_role("button", name="Volgende stap").click()
        expect(projector.locator(".review-what")).to_have_text(STEPS[1]["what"])
        expect(phone.locator(".review-what")).to_have_text(STEPS[1]["what"])
        expect(console.locator(".review-console-list li.is-current")).to_contain_text(STEPS[1]["what"])
        shoot(console, "console-review.png")
    finally:
        crowd.close()
