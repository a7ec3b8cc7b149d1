"""The ending is a step (issue 10): in the last round the console's main control is "Spel
afronden", asked once in a dialog; then the phones and the projector show the end, and the
console trades its dead controls for the plan's QR code, its address and every download."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samenspel.export import DOWNLOADS, FORMATS
from tests.support.browser import axe_problems, shoot
from tests.support.crowd import DESK, join_phone, new_session, open_console, open_projector

pytestmark = [pytest.mark.browser, pytest.mark.server]

GAME = "samenspel-avond-60"
DEAD = [
    "#btn-back",
    "#btn-start",
    "#btn-next",
    "#btn-finish",
    "#btn-pause",
    "#btn-resume",
    "#btn-extend",
    "#btn-reveal",
    "#btn-end",
    "#keys-hint",
    "#wall-controls",
    "#btn-lock",
    "#btn-qr-large",
    "#plan-draft-link",
    "details:has(#proxy-form)",
    "details:has(#remove-list)",
]


def open_english_console(browser, server, code: str, key: str, watch):
    page = browser.new_context(**{**DESK, "locale": "en-GB"}).new_page()
    watch(page)
    page.goto(f"{server.url}/s/{code}/console?key={key}&lang=en")
    expect(page.locator("#connection")).to_have_attribute("data-state", "online")
    return page


def test_the_last_round_ends_with_finish_and_the_console_offers_the_plan(browser, server, csp_violations):
    code, key = new_session(server, GAME, "Speeltuin Zuid", "Hoe maken we de speeltuin weer veilig?")
    console = open_console(browser, server, code, key, csp_violations)
    english = open_english_console(browser, server, code, key, csp_violations)
    projector = open_projector(browser, server, code, csp_violations)
    phone = join_phone(browser, server, code, "Fatima", "inwoner", csp_violations)
    expect(console.locator("#round-list li")).to_have_count(8)  # the game's rounds
    total = 8

    console.locator("#btn-start").click()
    # Before the last round "Spel beëindigen" asks too, and says rounds would be skipped;
    # "Nog niet" (focused: the safe answer) leaves the game as it was.
    console.locator("#btn-end").click()
    dialog = console.get_by_role("dialog", name="Spel afronden?")
    expect(dialog).to_be_visible()
    expect(console.locator("#finish-skips")).to_be_visible()
    expect(console.locator("#finish-cancel")).to_be_focused()
    console.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(console.locator("#status-line")).to_contain_text(f"Ronde 1 van {total}")

    for n in range(2, total + 1):
        console.locator("#btn-next").click()
        expect(console.locator("#status-line")).to_contain_text(f"Ronde {n} van {total}")

    # The last round: the main control finishes the game; nothing says "Volgende ronde".
    expect(console.locator("#btn-next")).to_be_hidden()
    expect(console.locator("#btn-finish")).to_be_visible()
    expect(console.locator("#btn-finish")).to_have_text(re.compile("Spel afronden"))
    expect(console.locator("#btn-end")).to_be_hidden()
    expect(english.locator("#btn-finish")).to_have_text(re.compile("Finish the game"))

    # → asks too; Escape says no.
    console.locator("body").press("ArrowRight")
    expect(dialog).to_be_visible()
    expect(console.locator("#finish-skips")).to_be_hidden()
    expect(console.locator("#finish-confirm")).to_be_focused()
    assert not axe_problems(console, server), "console: the finish dialog"
    shoot(console, "console-finish.png")
    console.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(phone.locator(".round h1")).to_be_visible()

    console.locator("#btn-finish").click()
    console.get_by_role("button", name="Ja, rond het spel af").click()

    # Everyone sees the end.
    expect(phone.locator("#view-game h1")).to_have_text("Het spel is klaar")
    expect(projector.locator("#round-title")).to_have_text("Het spel is afgelopen")
    expect(projector.locator(".ended-qr img")).to_have_attribute("src", f"/s/{code}/plan-qr.svg")

    # The console: the plan, its QR code and address, every download; no dead controls.
    for page in (console, english):
        expect(page.locator("#end-panel")).to_be_visible()
        for selector in DEAD:
            expect(page.locator(selector)).to_be_hidden()
        expect(page.locator("#end-panel .end-qr")).to_have_attribute("src", f"/s/{code}/plan-qr.svg")
        expect(page.locator("#end-panel .end-url a")).to_have_text(re.compile(rf"/s/{code}/plan$"))
        expect(page.locator("#plan-link")).to_have_attribute("href", re.compile(rf"/s/{code}/plan\?key="))
        expect(page.locator("#downloads a")).to_have_count(len(DOWNLOADS))
    expect(console.locator("#end-title")).to_be_focused()
    expect(console.get_by_role("heading", name="Het actieplan")).to_be_visible()
    expect(english.get_by_role("heading", name="The action plan")).to_be_visible()
    expect(english.locator("#end-panel")).to_contain_text("Everyone can scan the code")
    expect(console.locator("#downloads")).to_contain_text("Agenda")
    expect(english.locator("#downloads")).to_contain_text("Calendar")
    for fmt in DOWNLOADS:
        href = console.locator(f"#downloads a[data-format={fmt}]").get_attribute("href")
        assert "lang=nl" in href and f"key={key}" in href, href
        response = console.request.get(server.url + href)
        assert response.status == 200, (fmt, response.status)
        assert response.headers["content-type"].split(";")[0] == FORMATS[fmt].media_type.split(";")[0], fmt
        assert english.locator(f"#downloads a[data-format={fmt}]").get_attribute("href").count("lang=en") == 1
    # The keys move nothing any more.
    console.locator("body").press("ArrowLeft")
    console.locator("body").press("ArrowRight")
    expect(console.locator("#finish-dialog")).to_be_hidden()
    expect(phone.locator("#view-game h1")).to_have_text("Het spel is klaar")

    assert not axe_problems(console, server), "console at the end"
    assert not axe_problems(english, server), "English console at the end"
    shoot(console, "console-end.png")
    assert not csp_violations.found, csp_violations.found
