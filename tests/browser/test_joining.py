"""Joining late, seen in a real browser: a locked (or full) session says so at the top of the
join page before anything is typed, and opens again by itself; every error on the phone
appears at the top, is announced and gets focus; the projector shows "Gesloten" over its QR
codes while locked, the corner QR shows the address with the code, and the console can show
the QR large on the projector."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_problems, shoot
from tests.support.crowd import PHONE, advance, join_phone, new_session, open_console, open_projector

pytestmark = [pytest.mark.browser, pytest.mark.server]

#: the join page asks the server every few seconds (pages.DOOR_POLL_MS): wait well past it
DOOR = 20_000


def expect_top_error(page, text: str) -> None:
    """The phone's one error region shows `text`, is announced, has focus and is on screen."""
    alert = page.locator("#phone-alert")
    expect(alert).to_contain_text(text)
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_be_focused()
    expect(alert).to_be_in_viewport(ratio=1)


def test_a_latecomer_sees_closed_before_typing_and_open_again(browser, server, csp_violations):
    code, key = new_session(server, title="Laat binnen", question="Wie komt er nog?")
    console = open_console(browser, server, code, key, csp_violations)
    projector = open_projector(browser, server, code, csp_violations)
    henk = join_phone(browser, server, code, "Henk", "inwoner")

    console.get_by_role("button", name="Op slot doen").click()
    expect(console.locator("#lock-state")).to_have_text("Op slot: er kan niemand meer bij.")
    lobby_qr = projector.locator(".lobby-join .qr-box")
    expect(lobby_qr).to_have_class("qr-box is-closed")
    expect(lobby_qr.locator(".qr-closed")).to_be_visible()
    expect(lobby_qr.locator(".qr-closed")).to_contain_text("Gesloten")
    shoot(projector, "projector-lobby-closed.png")
    assert not axe_problems(projector, server), "projector lobby, closed"

    # A latecomer opens the join page: "closed" at the top, on screen, before any typing.
    late = csp_violations(browser.new_context(**PHONE).new_page())
    late.goto(f"{server.url}/j/{code}")
    closed = late.locator("#phone-alert")
    expect(closed).to_contain_text("Dit spel is gesloten")
    expect(closed).to_be_in_viewport(ratio=1)
    expect(late.locator("#name")).to_be_hidden()
    assert not axe_problems(late, server), "join page, locked"
    shoot(late, "phone-join-closed.png")

    # A player already in the game is not locked out.
    henk.reload()
    expect(henk.locator("#view-game .lobby-card")).to_contain_text("op slot")
    expect(henk.locator("#phone-alert")).to_be_hidden()

    # Unlocked: the join page opens by itself; the projector's QR is clear again.
    console.get_by_role("button", name="Van het slot halen").click()
    expect(late.locator("#name")).to_be_visible(timeout=DOOR)
    expect(closed).to_be_hidden()
    expect(lobby_qr.locator(".qr-closed")).to_be_hidden()
    expect(lobby_qr).to_have_class("qr-box")

    # Locked again while the page is open: it closes by itself, announced and focused.
    console.get_by_role("button", name="Op slot doen").click()
    expect(closed).to_contain_text("Dit spel is gesloten", timeout=DOOR)
    expect_top_error(late, "Dit spel is gesloten")
    expect(late.locator("#name")).to_be_hidden()
    console.get_by_role("button", name="Van het slot halen").click()
    expect(late.locator("#name")).to_be_visible(timeout=DOOR)

    # An empty name: the error is at the top with focus, and leads back to the field.
    late.get_by_role("button", name="Verder").click()
    expect_top_error(late, "Typ je voornaam.")
    late.get_by_role("button", name="Naar het invulveld").click()
    expect(late.locator("#name")).to_be_focused()

    # Locked between typing and choosing a role (before the page noticed): the refusal is at
    # the top, has focus and is on screen, not below the role list.
    late.route("**/door", lambda route: route.abort())
    late.fill("#name", "Laat")
    late.get_by_role("button", name="Verder").click()
    console.get_by_role("button", name="Op slot doen").click()
    expect(console.locator("#lock-state")).to_have_text("Op slot: er kan niemand meer bij.")
    late.locator(".role-btn[value=inwoner]").click()
    expect_top_error(late, "Dit spel is gesloten")
    expect(late.locator(".role-btn").first).to_be_hidden()
    assert not csp_violations.found, csp_violations.found


def test_an_error_in_a_round_appears_at_the_top(browser, server, csp_violations):
    code, key = new_session(server, title="Fout bovenaan")
    console = open_console(browser, server, code, key)
    phone = join_phone(browser, server, code, "Fatima", "inwoner", csp_violations)
    advance(console, "Welkom en rollen", "#btn-start")
    advance(console, "De droom")
    phone.get_by_role("button", name="Kaartje plaatsen").click()
    expect_top_error(phone, "Schrijf eerst iets.")
    assert not axe_problems(phone, server), "phone with an error"
    shoot(phone, "phone-error-top.png")
    phone.get_by_role("button", name="Naar het invulveld").click()
    expect(phone.locator("#view-game textarea").first).to_be_focused()
    # The next card is saved: the error goes.
    phone.locator("#view-game textarea").first.fill("Een moestuin op het dak van de school")
    phone.get_by_role("button", name="Kaartje plaatsen").click()
    expect(phone.locator("#phone-alert")).to_be_hidden()
    assert not csp_violations.found, csp_violations.found


def test_the_corner_qr_shows_the_address_and_the_console_shows_it_large(browser, server, csp_violations):
    code, key = new_session(server, title="Grote QR")
    console = open_console(browser, server, code, key, csp_violations)
    projector = open_projector(browser, server, code, csp_violations)
    advance(console, "Welkom en rollen", "#btn-start")
    corner = projector.locator("#corner-join")
    expect(corner).to_be_visible()
    expect(corner.locator(".corner-code")).to_have_text(code)
    expect(corner.locator(".corner-url")).to_be_visible()
    expect(corner.locator(".corner-url")).to_have_text(server.url.split("://", 1)[1] + "/j")  # <wbr> only

    button = console.get_by_role("button", name="QR groot tonen")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(corner).to_have_class("corner-join is-large")
    expect(corner.locator(".corner-url")).to_be_in_viewport(ratio=1)
    shoot(projector, "projector-qr-large.png")

    # Locked while large: "Gesloten" over the big QR, gone again after unlocking.
    console.get_by_role("button", name="Op slot doen").click()
    expect(corner.locator(".qr-closed")).to_be_visible()
    expect(corner.locator(".qr-closed")).to_have_text("Gesloten")
    shoot(projector, "projector-qr-large-closed.png")
    assert not axe_problems(projector, server), "projector, QR large and closed"
    console.get_by_role("button", name="Van het slot halen").click()
    expect(corner.locator(".qr-closed")).to_be_hidden()

    # A projector that opens now shows it large too (the choice is in the session).
    again = open_projector(browser, server, code)
    expect(again.locator("#corner-join")).to_have_class("corner-join is-large")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(corner).to_have_class("corner-join")
    expect(again.locator("#corner-join")).to_have_class("corner-join")
    shoot(projector, "projector-corner-qr.png")
    assert not axe_problems(console, server), "console with the QR control"
    assert not csp_violations.found, csp_violations.found
