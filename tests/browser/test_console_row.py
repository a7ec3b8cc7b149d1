"""The console at 1280×720 (a facilitator's laptop): the control row keeps one row and its
place in every state — lobby, running, paused, a round whose cards wait for "show the
cards", paused there, the last round — and no two regions share a name (axe
landmark-unique) in any round."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import shoot
from tests.support.crowd import new_session
from tests.support.phone import Desk

pytestmark = [pytest.mark.browser, pytest.mark.server]

LAPTOP = {"viewport": {"width": 1280, "height": 720}, "locale": "nl-NL"}
ROW = """() => [...document.querySelectorAll('.controls > button')].filter((b) => b.offsetParent !== null)
  .map((b) => ({id: b.id, ...JSON.parse(JSON.stringify(b.getBoundingClientRect()))}))"""


def open_laptop(browser, server, code, key, watch):
    page = watch(browser.new_context(**LAPTOP).new_page())
    page.goto(f"{server.url}/s/{code}/console?key={key}")
    expect(page.locator("#connection")).to_have_attribute("data-state", "online")
    return page


def one_row(page, state: str) -> dict:
    buttons = page.evaluate(ROW)
    assert max(b["top"] for b in buttons) < min(b["bottom"] for b in buttons), f"{state}: two rows {buttons}"
    return {b["id"]: b for b in buttons}


def landmark_names_clash(page, server) -> list:
    page.add_script_tag(url=server.url + "/static/vendor/axe.min.js")
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'rule', values: ['landmark-unique']}})")
    return [[n["target"] for n in v["nodes"]] for v in result["violations"]]


def test_the_control_row_stays_one_row_in_every_state(browser, server, csp_violations):
    code, key = new_session(server, game="wijkuitvoeringsplan")
    page = open_laptop(browser, server, code, key, csp_violations)
    desk = Desk(server, code, key)
    try:
        one_row(page, "lobby")
        page.click("#btn-start")
        expect(page.locator("#btn-next")).to_be_visible()
        running = one_row(page, "running")
        page.click("#btn-pause")
        expect(page.locator("#btn-resume")).to_be_visible()
        paused = one_row(page, "paused")
        shoot(page, "console-paused-1280.png")
        assert paused["btn-end"]["right"] == running["btn-end"]["right"], "end game keeps its place"
        assert paused["btn-resume"]["right"] == running["btn-pause"]["right"], "pause and resume share one slot"
        page.click("#btn-resume")
        for _ in range(6):  # ideeen: cards on reveal
            desk.control("next")
        expect(page.locator("#btn-reveal")).to_be_visible()
        one_row(page, "a round on reveal")
        page.click("#btn-pause")
        expect(page.locator("#btn-resume")).to_be_visible()
        one_row(page, "a round on reveal, paused")
        shoot(page, "console-reveal-paused-1280.png")
        page.click("#btn-resume")
        rounds = desk.client.call("sync")["snapshot"]["game"]["rounds"]
        for _ in range(len(rounds) - 1 - 6):
            desk.control("next")
        expect(page.locator("#now-title")).to_have_text(rounds[-1]["title"]["nl"])
        one_row(page, "the last round")
    finally:
        desk.close()
        page.context.close()


def test_no_two_regions_of_the_console_share_a_name_in_any_round(browser, server, csp_violations):
    code, key = new_session(server)
    page = open_laptop(browser, server, code, key, csp_violations)
    desk = Desk(server, code, key)
    try:
        rounds = desk.client.call("sync")["snapshot"]["game"]["rounds"]
        desk.control("start")
        for index, rnd in enumerate(rounds):
            if index:
                desk.control("next")
            expect(page.locator("#now-title")).to_have_text(rnd["title"]["nl"])
            clashes = landmark_names_clash(page, server)
            assert not clashes, (rnd["id"], clashes)
    finally:
        desk.close()
        page.context.close()
