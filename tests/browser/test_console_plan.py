"""The console types too: someone without a smartphone is added and the facilitator types a
card for them (it reaches the projector under their name), and the console adds and edits
steps of the shared action path with the phones' own form: a phone that edits the same
field from an older revision is told what the console wrote (conflict)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_problems
from tests.support.crowd import (
    add_without_phone,
    advance,
    join_phone,
    new_session,
    open_console,
    open_projector,
    shoot_full,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_console_types_for_a_proxy_and_edits_the_plan_with_the_phones(browser, server, csp_violations):
    code, key = new_session(server)
    console = open_console(browser, server, code, key, csp_violations)
    projector = open_projector(browser, server, code, csp_violations)
    phone = join_phone(browser, server, code, "Fatima", "inwoner", csp_violations)

    # Someone without a smartphone: added on the console, listed as typing through it.
    add_without_phone(console, "Gerrit")
    expect(console.locator("#proxy-status")).to_have_text("Gerrit is toegevoegd. Jij typt voor deze persoon.")
    expect(projector.locator("#people")).to_contain_text("Gerrit")
    expect(projector.locator("#people")).not_to_contain_text("begeleider")

    # In a cards round the console types a card for Gerrit with the phone's own input.
    advance(console, "Welkom en rollen", "#btn-start")
    advance(console, "De droom")
    typing = console.locator("#typing-panel")
    expect(typing).to_be_visible()
    typing.get_by_label("Voor wie vul je in?").select_option(label="Gerrit")
    expect(typing.locator(".typing-who")).to_have_text("Je vult in voor Gerrit.")
    card = "Een bankje bij de kas voor wie slecht ter been is."
    typing.locator("#card-text").fill(card)
    typing.get_by_role("button", name="Kaartje plaatsen").click()
    expect(typing.locator(".own-cards")).to_contain_text(card)
    on_wall = projector.locator(".wall .card", has_text=card)
    expect(on_wall).to_contain_text("Gerrit")
    expect(phone.locator("#view-game")).not_to_contain_text(card)  # not Fatima's card

    for title in ("Belangen", "Rolwissel", "Kansen en drempels", "Ideeën", "Kiezen", "Wat breng ik in?", "Actiepad"):
        advance(console, title)
    expect(typing).to_be_visible()  # for Gerrit, beside the console's own editor (test_console_proxy.py)

    # The console adds a step with an owner's name (no "ik pak dit op" on the console).
    content = console.locator("#content")
    content.get_by_role("button", name="Stap toevoegen").click()
    content.get_by_label("Wat gaan we doen?").fill("Kas bouwen met de buurt")
    content.get_by_label("Wie pakt het op? (trekker)").fill("Bram")
    content.get_by_role("button", name="Opslaan").click()
    expect(content.locator(".step.is-pending")).to_have_count(0)  # the ack may follow the broadcast
    step = content.locator(".step:not(.is-pending)", has_text="Kas bouwen met de buurt")
    expect(step).to_contain_text("Bram")
    expect(step.get_by_role("button", name="Ik pak dit op")).to_have_count(0)
    row = projector.locator(".path tbody tr", has_text="Kas bouwen met de buurt")
    expect(row).to_contain_text("Bram")

    # The phone starts changing "what is needed" …
    on_phone = phone.locator(".step", has_text="Kas bouwen met de buurt")
    expect(on_phone).to_contain_text("Bram")
    on_phone.get_by_role("button", name="Wijzigen").click()
    phone_needs = phone.get_by_label("Wat is er nodig?")
    expect(phone_needs).to_be_visible()

    # … while the console changes the same field first.
    step.get_by_role("button", name="Wijzigen").click()
    content.get_by_label("Wat is er nodig?").fill("Hout en glas van de bouwmarkt")
    content.get_by_role("button", name="Opslaan").click()
    expect(step).to_contain_text("Hout en glas van de bouwmarkt")
    expect(row).to_contain_text("Hout en glas van de bouwmarkt")

    # The phone saves from its older revision: refused, and told what the console wrote.
    phone_needs.fill("Subsidie van de gemeente")
    phone.get_by_role("button", name="Opslaan").click()
    error = phone.locator(".step-form .field-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Hout en glas van de bouwmarkt")
    expect(error).to_contain_text(re.compile("Wat nodig is|Wat er nodig is|nodig", re.I))
    expect(row).to_contain_text("Hout en glas van de bouwmarkt")
    expect(row).not_to_contain_text("Subsidie")

    assert not axe_problems(console, server), "console plan"
    console.set_viewport_size({"width": 1440, "height": 1400})
    content.get_by_role("button", name="Stap toevoegen").click()
    content.get_by_label("Wat gaan we doen?").fill("Zaadjes ruilen op zaterdag")
    console.locator("#content-panel").scroll_into_view_if_needed()
    shoot_full(console, "console-plan.png", height=1400)
    assert not csp_violations.found, csp_violations.found
