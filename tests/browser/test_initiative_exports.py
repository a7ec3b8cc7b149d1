"""The initiative page's report downloads and calendar feed in a browser, on a laptop and on
a 360×640 phone: axe finds nothing serious, the feed is made, its address shown (https and
webcal) and replaced with plain forms, and the address shown is the one that answers. The
owner's page on a phone: its calendar link, and its plain status form posted by a browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samenspel.store import owner_links
from samenspel.store.db import Database
from samenspel.store.models import Participant
from tests.support.browser import axe_problems, shoot
from tests.support.crowd import DESK, PHONE
from tests.support.sample import sample_session_state
from tests.support.seeding import seed
from tests.support.server import ServerProcess

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


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory):
    """A server of its own: the sample plan is seeded into a fresh database."""
    process = ServerProcess(tmp_path_factory.mktemp("owner-instance")).start()
    yield process
    process.stop()


def test_the_owners_form_and_calendar_on_a_phone(browser, fresh_server, csp_violations):
    """The owner's page posts its plain form from a real browser (its Origin is sent: the
    page's referrer policy is same-origin) and links the owner's calendar."""
    body = {"game": "het-nieuwe-samenspel", "title": "Moestuin", "question": "Hoe beginnen we?", "place": "Terneuzen"}
    created = fresh_server.api("POST", "/api/sessions", json=body).json()
    state, _info = sample_session_state()
    database = Database(f"sqlite:///{fresh_server.instance / 'samenspel.sqlite3'}")
    try:
        seed(database, created["code"], state)
        step = next(i for i in state.items if i.kind == "step" and i.data.get("owner_id") and i.data.get("due"))
        secret = (fresh_server.instance / "secret_key").read_text().strip()
        with database.unit_of_work() as db:
            owner = db.get(Participant, step.data["owner_id"])
            _link, token = owner_links.link_for(db, owner, created["initiative"], secret)
    finally:
        database.dispose()
    context = browser.new_context(**PHONE)
    page = context.new_page()
    csp_violations(page)
    page.goto(f"{fresh_server.url}/o/{token}")
    calendar = page.locator(f'a[href="/o/{token}/steps.ics"]')
    expect(calendar).to_be_visible()
    answer = fresh_server.api("GET", f"/o/{token}/steps.ics")
    assert answer.status_code == 200 and step.data["what"] in answer.text.replace("\r\n ", "")
    assert not axe_problems(page, fresh_server), "owner's page with the calendar link"
    page.locator(f"#status-{step.id}").select_option("under_way")
    page.locator(f"#step-{step.id} button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"saved={step.id}"))
    expect(page.locator(f"#status-{step.id}")).to_have_value("under_way")
    context.close()
