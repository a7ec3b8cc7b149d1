"""The initiative page's report downloads and calendar feed in a browser, on a laptop and on
a 360×640 phone: axe finds nothing serious, the feed is made, its address shown (https and
webcal) and replaced with plain forms, and the address shown is the one that answers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_problems, shoot
from tests.support.crowd import DESK, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.server]


def feed_path(page) -> str:
    address = page.locator("#feed-url").input_value()
    return "/" + address.split("://", 1)[1].split("/", 1)[1]


@pytest.mark.parametrize("device", [DESK, PHONE], ids=["laptop", "phone"])
def test_the_report_and_the_calendar_on_the_initiative_page(browser, server, csp_violations, device):
    body = {"game": "het-nieuwe-samenspel", "title": "Moestuin", "question": "Hoe beginnen we?", "place": "Terneuzen"}
    created = server.api("POST", "/api/sessions", json=body).json()
    initiative, key = created["initiative"], created["facilitator_url"].split("key=")[1]
    context = browser.new_context(**device)
    page = context.new_page()
    csp_violations(page)
    page.goto(f"{server.url}/i/{initiative}?key={key}")
    for fmt in ("PDF", "DOCX", "MD", "JSON"):
        expect(page.locator("#report a", has_text=fmt)).to_be_visible()
    assert not axe_problems(page, server), "initiative page, feed off"
    page.get_by_role("button", name="Maak een agenda-adres").click()
    expect(page.locator("#feed-url")).to_be_visible()
    first = feed_path(page)
    assert page.get_by_role("link", name="Zet in je agenda-app").get_attribute("href").startswith("webcal://")
    assert server.api("GET", first).status_code == 200
    assert not axe_problems(page, server), "initiative page, feed on"
    if device is DESK:
        page.locator("#calendar").scroll_into_view_if_needed()
        shoot(page, "initiative-calendar.png")
    page.get_by_role("button", name="Nieuw adres (het oude werkt dan niet meer)").click()
    expect(page.locator("#feed-url")).not_to_have_value(server.url + first)
    assert server.api("GET", first).status_code == 404
    assert server.api("GET", feed_path(page)).status_code == 200
    context.close()
