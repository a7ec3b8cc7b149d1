""" "Wat breng ik in?" in real browsers: a phone brings something in for a chosen idea, changes
and takes back what it brought, meets the round's limits, and the projector shows per idea
what the hall brings; the console sees who has not brought anything yet. Screenshots of the
phone and the projector for docs/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_problems, shoot
from tests.support.clients import LiveClient
from tests.support.crowd import (
    Crowd,
    advance,
    end_game,
    join_phone,
    new_session,
    open_console,
    open_projector,
    sample,
    shoot_full,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]

BEFORE = ("De droom", "Belangen", "Rolwissel", "Kansen en drempels", "Ideeën")


def test_a_phone_brings_something_in_and_the_projector_shows_it_per_idea(browser, server, csp_violations):
    data = sample()
    code, key = new_session(server)
    console = open_console(browser, server, code, key, csp_violations)
    projector = open_projector(browser, server, code, csp_violations)
    phone = join_phone(browser, server, code, "Fatima", "inwoner", csp_violations)
    crowd = Crowd(
        server, code, [p for p in data["players"] if p["name"] in ("Henk", "Marloes", "Kees", "Yusuf", "Els")]
    )
    try:
        advance(console, "Welkom en rollen", "#btn-start")
        for title in BEFORE:
            advance(console, title)
        ideas = {
            e["id"]: crowd.call(e["by"], "card:add", {"round_id": "ideeen", "text": e["text"]})["item"]
            for e in data["rounds"]["ideeen"]
            if e["by"] in crowd.players
        }
        advance(console, "Kiezen")
        for voter, idea, count in (("Henk", "i1", 2), ("Kees", "i4", 2), ("Marloes", "i6", 1), ("Yusuf", "i4", 1)):
            crowd.call(voter, "ballot:set", {"round_id": "kiezen", "card_id": ideas[idea]["id"], "count": count})
        advance(console, "Wat breng ik in?")
        screen = LiveClient(server.url, code=code).connect()  # who plays: a screen's snapshot
        fatima = next(p["id"] for p in screen.call("sync", {})["snapshot"]["participants"] if p["name"] == "Fatima")
        screen.close()
        chosen = [ideas["i4"]["text"], ideas["i1"]["text"], ideas["i6"]["text"]]

        # The projector: one column per chosen idea, best first, nothing brought in yet.
        groups = projector.locator(".pledge-group")
        expect(groups).to_have_count(3)
        for n, text in enumerate(chosen):
            expect(groups.nth(n).locator(".wall-group-title")).to_contain_text(text)
            expect(groups.nth(n).locator(".pledge-total")).to_have_text("Nog niets ingebracht")

        # The phone: choose an idea and what you bring; time needs its hours.
        form = phone.locator(".pledge-form")
        expect(form.locator(".pledge-ideas .category-option")).to_have_count(3)
        form.locator(".pledge-ideas .category-option", has_text=ideas["i1"]["text"]).click()
        form.locator(".pledge-resources .category-option", has_text="Tijd").click()
        expect(phone.locator("#pledge-hours")).to_be_visible()
        expect(phone.locator("#pledge-amount")).to_be_hidden()
        phone.fill("#pledge-text", "Ik help de bakken timmeren.")
        form.get_by_role("button", name="Inbrengen").click()
        expect(phone.locator(".save-status")).to_have_text("Vul het aantal uur in: hele of halve uren, tot 200.")
        phone.fill("#pledge-hours", "4.5")
        form.get_by_role("button", name="Inbrengen").click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        own = phone.locator(".pledge-own .own-card")
        expect(own).to_have_count(1)
        expect(own.first).to_contain_text("Tijd · 4,5 uur")
        expect(own.first).to_contain_text(ideas["i1"]["text"])

        # The projector shows it under its idea, with who brings it and the total.
        second = groups.nth(1)
        expect(second.locator(".pledge-card")).to_have_count(1)
        expect(second.locator(".pledge-card")).to_contain_text("Ik help de bakken timmeren.")
        expect(second.locator(".pledge-card .card-author")).to_contain_text("Fatima")
        expect(second.locator(".pledge-total")).to_have_text("1 bijdrage · 4,5 uur")

        # The hall brings more: money and contacts, for other ideas.
        crowd.call(
            "Yusuf",
            "pledge:add",
            {
                "round_id": "inbreng",
                "idea": ideas["i4"]["id"],
                "resource": "money",
                "text": "Voor de eerste oogstmaaltijd.",
                "amount": 250,
            },
        )
        crowd.call(
            "Kees",
            "pledge:add",
            {
                "round_id": "inbreng",
                "idea": ideas["i4"]["id"],
                "resource": "network",
                "text": "De kok van het verzorgingshuis.",
            },
        )
        crowd.call(
            "Henk",
            "pledge:add",
            {
                "round_id": "inbreng",
                "idea": ideas["i1"]["id"],
                "resource": "time",
                "text": "Zaaien met de kinderen.",
                "hours": 6,
            },
        )
        expect(groups.nth(0).locator(".pledge-card")).to_have_count(2)
        expect(groups.nth(0).locator(".pledge-total")).to_have_text("2 bijdragen · € 250")
        expect(second.locator(".pledge-total")).to_have_text("2 bijdragen · 10,5 uur")

        # Money: the amount may stay empty; materials ask for no number at all.
        form.locator(".pledge-ideas .category-option", has_text=ideas["i4"]["text"]).click()
        form.locator(".pledge-resources .category-option", has_text="Geld").click()
        expect(phone.locator("#pledge-hours")).to_be_hidden()
        expect(phone.locator("#pledge-amount")).to_be_visible()
        phone.fill("#pledge-text", "Een potje voor de boodschappen.")
        form.get_by_role("button", name="Inbrengen").click()
        expect(own).to_have_count(2)
        expect(groups.nth(0).locator(".pledge-card")).to_have_count(3)

        # Change one: the projector follows.
        own.filter(has_text="Ik help de bakken").get_by_role("button", name="Wijzigen").click()
        expect(phone.locator("#pledge-text")).to_have_value("Ik help de bakken timmeren.")
        expect(phone.locator("#pledge-hours")).to_have_value("4.5")
        phone.fill("#pledge-text", "Ik help twee zaterdagen de bakken timmeren.")
        form.get_by_role("button", name="Opslaan").click()
        expect(second.locator(".pledge-card", has_text="twee zaterdagen")).to_have_count(1)
        expect(own.filter(has_text="twee zaterdagen")).to_have_count(1)

        # The third offer is the last one this round allows (max_per_player: 3).
        form.locator(".pledge-ideas .category-option", has_text=ideas["i6"]["text"]).click()
        form.locator(".pledge-resources .category-option", has_text="Kennis").click()
        phone.fill("#pledge-text", "Ik weet hoe een gebruiksovereenkomst werkt.")
        shoot_full(phone, "phone-pledge.png", height=1400)
        form.get_by_role("button", name="Inbrengen").click()
        expect(own).to_have_count(3)
        expect(phone.locator(".pledge-form")).to_be_hidden()
        expect(phone.locator(".limit-note")).to_be_visible()
        expect(phone.locator(".own-tally")).to_have_text("(3 van 3)")
        expect(groups.nth(2).locator(".pledge-card")).to_have_count(1)
        assert not axe_problems(phone, server), "phone pledge"

        # Take one back: the form returns, the projector drops it.
        phone.once("dialog", lambda dialog: dialog.accept())
        own.filter(has_text="Een potje").get_by_role("button", name="Weghalen").click()
        expect(own).to_have_count(2)
        expect(phone.locator(".pledge-form")).to_be_visible()
        expect(groups.nth(0).locator(".pledge-card")).to_have_count(2)

        # The console: who has not brought anything yet, and the offers per idea.
        expect(console.locator("#content-title")).to_have_text("Wat mensen inbrengen")
        expect(console.locator("#content")).to_contain_text("Ik help twee zaterdagen de bakken timmeren.")
        expect(console.locator("#missing-title")).to_have_text("Nog niets ingebracht")
        expect(console.locator("#missing")).to_contain_text("Marloes")
        expect(console.locator("#missing")).not_to_contain_text("Fatima")

        shoot(projector, "projector-pledge.png")
        assert not axe_problems(projector, server), "projector pledge"

        # The round closes: the phone keeps what it brought and takes no more.
        advance(console, "Actiepad")
        phone.locator(".round h1").wait_for()
        crowd_ack = crowd.clients["Els"].call(
            "pledge:add",
            {
                "round_id": "inbreng",
                "idea": ideas["i1"]["id"],
                "resource": "expertise",
                "text": "Te laat",
                "client_id": "late-pledge-1",
            },
        )
        assert crowd_ack["error"]["code"] == "round_closed"
        items = crowd.clients["Henk"].call("items:round", {"round_id": "inbreng"})["items"]  # an older round
        assert [i["text"] for i in items if i["kind"] == "pledge" and i["author_id"] == fatima] == [
            "Ik help twee zaterdagen de bakken timmeren.",
            "Ik weet hoe een gebruiksovereenkomst werkt.",
        ]

        # The end screen sums up per idea what the hall brings in; the plan page lists every offer.
        end_game(console)
        end = projector.locator(".ended-block", has_text="Wie brengt wat in")
        expect(end.locator("li")).to_have_count(3)
        expect(end).to_contain_text("2 bijdragen · 10,5 uur")
        plan = browser.new_context(locale="nl-NL").new_page()
        csp_violations(plan)
        plan.goto(f"{server.url}/s/{code}/plan")
        section = plan.locator("#s-inbreng")
        expect(section.locator("h2")).to_have_text("Wie brengt wat in")
        expect(section.locator(".pledge-idea")).to_have_count(3)
        expect(section.locator(".pledge-idea", has_text=ideas["i1"]["text"])).to_contain_text(
            "Tijd (4,5 uur): Ik help twee zaterdagen de bakken timmeren."
        )
        assert not axe_problems(plan, server), "plan page with offers"
    finally:
        crowd.close()
