"""The owner's page brings its owner into the follow-up, in a real browser (a 360×640
phone). Fatima took two steps on in the first session and kept her link; the facilitator
made the follow-up, which carried the steps over. Her page says "Er is een nieuwe
bijeenkomst" at the top with one button, "Doe mee met de bijeenkomst van <datum>" (her
name and role filled in behind "Andere naam of rol?"); the button takes her into the
follow-up on her phone, as herself, without typing anything. In the review her steps are
hers (no "Ik help mee" on them), and at the end "Jouw stappen" shows them, with the same
link. axe on the page, closed and opened, and on the phone; a screenshot for docs/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_problems, shoot
from tests.support.clients import LiveClient
from tests.support.crowd import Crowd, join_phone, new_session
from tests.support.owners import earlier_plan, open_page
from tests.support.owners import follow_up as next_session

pytestmark = [pytest.mark.browser, pytest.mark.server]

STEPS = {"Ramen ophalen bij de bouwmarkt voor de kas": "2026-03-20", "Buren uitnodigen voor de zaaidag": ""}
CALL = re.compile(r"^Doe mee met de bijeenkomst van \d{1,2} \w+ \d{4}$")


def first_session(server) -> tuple[str, str, str]:
    """A session played to its end in which Fatima took two steps on; her link's path."""
    code, key = new_session(server)
    console = LiveClient(server.url, code=code, key=key).connect()
    crowd = Crowd(server, code, [{"name": "Fatima", "role": "inwoner"}, {"name": "Joost", "role": "ondernemer"}])
    try:
        assert console.call("control", {"action": "start"})["ok"]
        for _ in range(8):  # from the welcome up to the action plan
            assert console.call("control", {"action": "next"})["ok"]
        for what, due in STEPS.items():
            made = crowd.call(
                "Fatima", "step:add", {"round_id": "actiepad", "what": what, **({"due": due} if due else {})}
            )
            crowd.call("Fatima", "step:claim", {"id": made["item"]["id"]})
        assert console.call("control", {"action": "end"})["ok"]
        link = crowd.call("Fatima", "owner:link", {})["url"]
    finally:
        crowd.close()
        console.close()
    return code, key, "/o/" + link.split("/o/")[1]


def test_the_owner_joins_the_follow_up_from_her_page_and_gets_her_steps(browser, server):
    code, key, link = first_session(server)
    follow_up, follow_key = next_session(server, code, key)
    console = LiveClient(server.url, code=follow_up, key=follow_key).connect()
    try:
        page = open_page(browser, server.url + link)
        offer = page.locator("#follow-up")
        expect(offer.get_by_role("heading", name="Er is een nieuwe bijeenkomst")).to_be_visible()
        join = offer.get_by_role("button", name=CALL)
        expect(join).to_be_visible()
        shoot(page, "owner-page-follow-up.png")
        box = join.bounding_box()
        assert box["y"] + box["height"] <= 640, box  # the call to action on the first screen
        assert axe_problems(page, server) == [], "owner's page with the next meeting"
        offer.locator("summary", has_text="Andere naam of rol?").click()
        expect(offer.get_by_label("Je voornaam")).to_have_value("Fatima")
        expect(offer.get_by_label("Inwoner")).to_be_checked()
        assert axe_problems(page, server) == [], "owner's page, name and role shown"

        join.click()  # into the follow-up on this phone, as herself
        expect(page).to_have_url(re.compile(rf"/j/{follow_up}$"))  # the token left the address
        expect(page.locator("#view-game")).to_be_visible()
        expect(page.locator("#connection")).to_have_attribute("data-state", "online")
        expect(page.locator("#me")).to_contain_text("Fatima")
        assert page.evaluate(f"localStorage.getItem('samenspel:participant:{follow_up}')")

        assert console.call("control", {"action": "start"})["ok"]
        assert console.call("control", {"action": "next"})["ok"]  # the review
        expect(page.locator(".review-what")).to_have_text(next(iter(STEPS)))
        expect(page.get_by_role("button", name="Ik help mee")).to_be_hidden()  # hers, by id
        assert console.call("control", {"action": "end"})["ok"]
        own = page.locator(".own-steps")
        expect(own.get_by_role("heading", name="Jouw stappen")).to_be_visible()
        expect(own.locator(".own-step-list li")).to_have_count(2)
        expect(own.locator(".own-step-list li").first).to_contain_text(next(iter(STEPS)))
        expect(own.locator(".own-link-url a")).to_have_attribute("href", re.compile(re.escape(link) + "$"))
        assert axe_problems(page, server) == [], "phone end screen after joining through the link"

        page.goto(server.url + link)  # her page now: her steps in the follow-up, no second offer
        expect(page.locator(".step-own")).to_have_count(2)
        expect(page.locator("#follow-up")).to_have_count(0)
    finally:
        console.close()


def test_a_new_step_in_the_follow_up_taken_on_as_it_is_written_is_ones_own(browser, server):
    """The follow-up's action path requires an owner for each step: a player who writes one
    ticks "Ik pak dit zelf op" (their name stands in the field) and it is theirs by id: on
    their end screen. A typed name alone would be nobody's own step."""
    code, key = next_session(server, *earlier_plan(server, [{"what": "Kas bouwen", "owner": "Karin"}]))
    phone = join_phone(browser, server, code, "Joost", "ondernemer")
    console = LiveClient(server.url, code=code, key=key).connect()
    try:
        assert console.call("control", {"action": "start"})["ok"]
        for _ in range(4):  # welkom → terugblik → ideeën → kiezen → actiepad
            assert console.call("control", {"action": "next"})["ok"]
        phone.locator(".btn-add-step").first.click()
        phone.locator(".step-form textarea").first.fill("Zaad bestellen bij de coöperatie")
        phone.get_by_role("button", name="Opslaan", exact=True).click()
        expect(phone.locator(".step-form .field-error")).to_contain_text("Trekker")  # required
        phone.get_by_label("Ik pak dit zelf op").check()
        expect(phone.locator(".step-form .field-error")).to_be_hidden()  # that is the owner filled in
        expect(phone.get_by_label(re.compile("Wie pakt het op"))).to_have_value("Joost")
        assert axe_problems(phone, server) == [], "the step form with 'Ik pak dit zelf op'"
        phone.get_by_role("button", name="Opslaan", exact=True).click()
        expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
        assert console.call("control", {"action": "end"})["ok"]
    finally:
        console.close()
    own = phone.locator(".own-steps")
    expect(own).to_have_attribute("data-steps", "1")
    expect(own.locator(".own-step-what")).to_have_text("Zaad bestellen bij de coöperatie")
    phone.context.close()
