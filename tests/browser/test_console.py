"""The facilitator's console in a real browser: moderation of cards (hide, show, fix a typo,
move to another category, merge duplicates) shows on the projector at once; lock, take a
participant out, a player leaving, and deleting the whole session reach every screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_problems
from tests.support.crowd import (
    Crowd,
    advance,
    join_phone,
    new_session,
    open_console,
    open_projector,
    sample,
    shoot_full,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_moderation_on_the_console_shows_on_the_projector_at_once(browser, server, csp_violations):
    data = sample()
    code, key = new_session(server)
    console = open_console(browser, server, code, key, csp_violations)
    projector = open_projector(browser, server, code, csp_violations)
    crowd = Crowd(server, code, data["players"][:8])
    try:
        advance(console, "Welkom en rollen", "#btn-start")
        for title in ("De droom", "Belangen", "Rolwissel", "Kansen en drempels"):
            advance(console, title)
        written = 3
        for entry in data["rounds"]["kansen-drempels"]:
            if entry["by"] in crowd.players:
                crowd.call(
                    entry["by"],
                    "card:add",
                    {"round_id": "kansen-drempels", "text": entry["text"], "category": entry["category"]},
                )
                written += 1
        crowd.call(
            "Sanne",
            "card:add",
            {"round_id": "kansen-drempels", "text": "Er is nog geld in het buurtbudget.", "category": "kans"},
        )
        crowd.call(
            "Joost",
            "card:add",
            {
                "round_id": "kansen-drempels",
                "text": "De gemeente doet er te lang over met vergunigen.",
                "category": "kans",
            },
        )
        crowd.call(
            "Henk",
            "card:add",
            {"round_id": "kansen-drempels", "text": "Ik zeg iets wat niet op het scherm hoort.", "category": "kans"},
        )
        expect(console.locator("#content-title")).to_have_text("Kaartjes in deze ronde")
        cards = console.locator(".mod-card")
        expect(cards).to_have_count(written)
        expect(projector.locator(".wall .card")).to_have_count(written)
        wall = projector.locator(".wall")

        # Hide: gone from the wall at once; on the console it stays, marked, and can come back.
        rude = console.locator(".mod-card", has_text="Ik zeg iets wat niet")
        rude.get_by_role("button", name=re.compile("^Verbergen")).click()
        expect(wall).not_to_contain_text("Ik zeg iets wat niet")
        expect(rude).to_have_class(re.compile("is-hidden"))
        expect(rude).to_contain_text("Verborgen")
        expect(console.locator("#content .mod-status")).to_have_text("Van het scherm gehaald.")
        rude.get_by_role("button", name=re.compile("^Weer tonen")).click()
        expect(wall).to_contain_text("Ik zeg iets wat niet")
        rude.get_by_role("button", name=re.compile("^Verbergen")).click()
        expect(wall).not_to_contain_text("Ik zeg iets wat niet")

        # Fix a typo.
        typo = console.locator(".mod-card", has_text="vergunigen")
        typo.get_by_role("button", name=re.compile("^Tekst aanpassen")).click()
        editor = typo.locator("textarea")
        expect(editor).to_be_focused()
        editor.fill("De gemeente doet er te lang over met vergunningen.")
        typo.get_by_role("button", name="Opslaan").click()
        expect(wall).to_contain_text("vergunningen")
        expect(wall).not_to_contain_text("vergunigen")

        # Move to another category: the card changes columns on the wall.
        obstacles = projector.locator(".wall-group", has=projector.locator(".wall-group-title", has_text="Drempel"))
        expect(obstacles).not_to_contain_text("vergunningen")
        moved = console.locator(".mod-card", has_text="vergunningen")
        moved.get_by_label(re.compile("^Categorie van")).select_option("drempel")
        expect(obstacles).to_contain_text("vergunningen")

        # Merge a duplicate into the card it repeats.
        duplicate = console.locator(".mod-card", has_text="Er is nog geld in het buurtbudget")
        duplicate.get_by_role("button", name=re.compile("^Samenvoegen")).click()
        target = data["rounds"]["kansen-drempels"][0]["text"]  # "Buurtbudget 2026 heeft nog 8.000 euro."
        duplicate.locator("select").select_option(label=target)
        duplicate.get_by_role("button", name="Samenvoegen").click()
        expect(wall).not_to_contain_text("Er is nog geld in het buurtbudget")
        expect(duplicate).to_contain_text("Samengevoegd")
        expect(duplicate).to_contain_text(f"met: {target}")
        expect(console.locator(".mod-card", has_text=target).first).to_contain_text("1 samengevoegd")
        expect(console.locator(".mod-counts")).to_contain_text("2 verborgen")

        assert not axe_problems(console, server), "console moderation"
        console.locator("#content-panel").scroll_into_view_if_needed()
        console.set_viewport_size({"width": 1440, "height": 1500})
        shoot_full(console, "console-moderation.png", height=1500)
        assert not csp_violations.found, csp_violations.found
    finally:
        crowd.close()


def test_lock_remove_leave_and_delete(browser, server):
    code, key = new_session(server, title="Opruimen", question="Wie blijft er?")
    console = open_console(browser, server, code, key)
    projector = open_projector(browser, server, code)
    henk = join_phone(browser, server, code, "Henk", "inwoner")
    sanne = join_phone(browser, server, code, "Sanne", "professional")
    expect(console.locator("#people")).to_contain_text("Sanne")

    # Lock: nobody new gets in; unlock again.
    console.get_by_role("button", name="Op slot doen").click()
    expect(console.locator("#lock-state")).to_have_text("Op slot: er kan niemand meer bij.")
    late = browser.new_context(viewport={"width": 360, "height": 640}, locale="nl-NL").new_page()
    late.goto(f"{server.url}/j/{code}")
    expect(late.locator("#phone-alert")).to_contain_text("Dit spel is gesloten")  # more in test_joining.py
    expect(henk.locator(".lobby-card")).to_contain_text("op slot")
    console.get_by_role("button", name="Van het slot halen").click()
    expect(console.locator("#lock-state")).to_have_text("Open: nieuwe spelers kunnen meedoen.")

    # The facilitator takes Henk out, name and all: his phone says so and forgets him.
    console.locator(".manage summary", has_text="Iemand uit het spel halen").click()
    console.get_by_role("button", name="Uit het spel halen: Henk").click()
    console.get_by_label("Ook de naam weghalen").check()
    console.get_by_role("button", name="Ja, uit het spel halen").click()
    expect(henk.locator("#view-game h1")).to_have_text("Je doet niet meer mee")
    expect(henk.locator("#view-game")).to_contain_text("De spelbegeleider heeft je uit het spel gehaald.")
    assert henk.evaluate("code => localStorage.getItem(`samenspel:participant:${code}`)", code) is None
    expect(projector.locator("#people")).not_to_contain_text("Henk")
    expect(console.locator("#people")).not_to_contain_text("Henk")

    # Sanne leaves by herself and takes her name with her.
    sanne.locator(".leave summary").click()
    sanne.get_by_label("Haal ook mijn naam weg").check()
    sanne.get_by_role("button", name="Ja, ik verlaat het spel").click()
    expect(sanne.locator("#view-game h1")).to_have_text("Je hebt het spel verlaten")
    assert sanne.evaluate("code => localStorage.getItem(`samenspel:participant:${code}`)", code) is None
    expect(console.locator("#people")).not_to_contain_text("Sanne")
    expect(projector.locator("#people-count")).to_have_text("Er is nog niemand. Scan de code om mee te doen.")

    # Delete: only after typing the code; then every screen says the session is gone.
    rejoined = join_phone(browser, server, code, "Fatima", "inwoner")
    console.locator(".manage summary", has_text="Alles van deze sessie wissen").click()
    button = console.get_by_role("button", name="Sessie voorgoed verwijderen")
    console.get_by_label(re.compile("Typ de code")).fill("ABCDEF")
    expect(button).to_be_disabled()
    console.get_by_label(re.compile("Typ de code")).fill(code.lower())
    expect(button).to_be_enabled()
    button.click()
    expect(console.locator("h1")).to_have_text("Dit spel is verwijderd")
    expect(rejoined.locator("#view-game h1")).to_have_text("Dit spel is verwijderd")
    expect(projector.locator("#overlay-text")).to_have_text("Dit spel is verwijderd")
    assert server.api("GET", f"/j/{code}").status_code == 404


def test_the_tables_suggestion_is_for_the_lobby_only(browser, server, csp_violations):
    """From 13 people the console suggests tables while the game can still be set up that
    way; once the game has started it says nothing more about it (it stood there through
    the last round)."""
    code, key = new_session(server)
    console = open_console(browser, server, code, key, csp_violations)
    crowd = Crowd(server, code, [{"name": f"Speler {n}", "role": "inwoner"} for n in range(13)])
    try:
        expect(console.locator("#tables-suggest")).to_contain_text("Er zijn 13 mensen")
        advance(console, "Welkom en rollen", "#btn-start")
        expect(console.locator("#tables-suggest")).to_be_hidden()
    finally:
        crowd.close()
        console.context.close()
