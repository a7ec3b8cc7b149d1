"""Someone without a phone is in every decision: in a real browser the console, for Gerrit
(added without a phone), writes his sentence, places his dots, adds a step and takes one on,
and fills in his reflection — each time reached from "who has not answered yet" with one
click. The console also hides a rude introduction and a rude word from the wall and shows
them again; the word's scores still count."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import SHOTS, axe_problems
from tests.support.crowd import add_without_phone, advance, join_phone, new_session, open_console, open_projector

pytestmark = [pytest.mark.browser, pytest.mark.server]

ROUNDS = ["De droom", "Belangen", "Rolwissel", "Kansen en drempels", "Ideeën", "Kiezen", "Wat breng ik in?", "Actiepad"]


def fill_in_for(console, name):
    """The console's "who has not answered yet": click "Invullen" next to `name`."""
    missing = console.locator("#missing")
    expect(missing).to_contain_text(name)
    missing.get_by_role("button", name=f"Invullen voor {name}").click()
    typing = console.locator("#typing-panel")
    expect(typing.locator(".typing-who")).to_have_text(f"Je vult in voor {name}.")
    return typing


def test_the_console_does_everything_for_someone_without_a_phone(browser, server, csp_violations):
    code, key = new_session(server)
    console = open_console(browser, server, code, key, csp_violations)
    projector = open_projector(browser, server, code, csp_violations)
    phone = join_phone(browser, server, code, "Fatima", "inwoner", csp_violations)

    add_without_phone(console, "Gerrit")

    # The introduction: "Nog geen zin geschreven" → Gerrit's sentence, typed at once
    advance(console, "Welkom en rollen", "#btn-start")
    expect(console.locator("#missing-title")).to_have_text("Nog geen zin geschreven")
    expect(console.locator("#missing").get_by_role("button", name="Invullen voor Fatima")).to_have_count(0)
    typing = fill_in_for(console, "Gerrit")
    sentence = typing.locator("#intro-text")
    expect(sentence).to_be_focused()
    sentence.fill("Ik heb een schuur vol gereedschap.")
    sentence.press("Enter")
    gerrit_tile = projector.locator(".face", has_text="Gerrit")
    expect(gerrit_tile.locator(".face-line")).to_have_text("Ik heb een schuur vol gereedschap.")
    expect(console.locator("#missing")).not_to_contain_text("Gerrit")

    # A rude sentence goes off the wall from the console, and comes back
    phone.locator("#intro-text").fill("Wat een saaie avond wordt dit.")
    phone.locator("#intro-text").press("Enter")
    fatima_line = projector.locator(".face", has_text="Fatima").locator(".face-line")
    expect(fatima_line).to_have_text("Wat een saaie avond wordt dit.")
    content = console.locator("#content")
    expect(console.locator("#content-title")).to_have_text("Zinnen in deze ronde")
    row = content.locator(".mod-card", has_text="Wat een saaie avond")
    row.get_by_role("button", name="Verbergen").click()
    expect(row.locator(".badge-hidden")).to_have_text("Verborgen")
    expect(row.get_by_role("button", name="Weer tonen")).to_be_focused()
    expect(projector.locator(".faces")).not_to_contain_text("saaie avond")
    expect(phone.locator("#view-game")).not_to_contain_text("saaie avond")
    SHOTS.mkdir(parents=True, exist_ok=True)
    console.locator("#content-panel").screenshot(path=str(SHOTS / "console-intros-hidden.png"))
    row.get_by_role("button", name="Weer tonen").click()
    expect(fatima_line).to_have_text("Wat een saaie avond wordt dit.")

    for title in ROUNDS[:5]:
        advance(console, title)
    for idea in ("Een moestuin met kas", "Een bankje bij de ingang"):
        phone.locator("#card-text").fill(idea)
        phone.get_by_role("button", name="Kaartje plaatsen").click()
        expect(projector.locator(".wall .card", has_text=idea)).to_be_visible()

    # The vote: "Nog niet gestemd" → Gerrit's dots, within his budget
    advance(console, "Kiezen")
    expect(console.locator("#missing-title")).to_have_text("Nog niet gestemd")
    typing = fill_in_for(console, "Gerrit")
    expect(typing.locator(".typing-who")).to_be_focused()
    moestuin = typing.locator(".vote-card", has_text="Een moestuin met kas")
    moestuin.click()
    expect(typing.locator(".vote-item", has_text="Een moestuin met kas").locator(".vote-yours")).to_contain_text("1")
    moestuin.click()
    typing.locator(".vote-card", has_text="Een bankje").click()
    expect(typing.locator(".dots-left-text")).to_have_text("Al je stippen staan")
    expect(typing.locator(".save-status")).to_have_text("Opgeslagen")
    expect(console.locator("#missing")).not_to_contain_text("Gerrit")
    tally = console.locator("#content .bar-row", has_text="Een moestuin met kas")
    expect(tally.locator(".bar-value")).to_have_text("2 stippen")
    expect(phone.locator(".vote-item.has-dots")).to_have_count(0)  # Gerrit's dots are not Fatima's
    assert not axe_problems(console, server), "console, voting for Gerrit"
    console.locator("#typing-panel").screenshot(path=str(SHOTS / "console-proxy-vote.png"))

    # The action path: a step for Gerrit, and "Ik pak dit op" on Fatima's step
    advance(console, "Wat breng ik in?")
    advance(console, "Actiepad")
    phone.get_by_role("button", name="Stap toevoegen").first.click()
    phone.get_by_label("Wat gaan we doen?").fill("Zaad kopen")
    phone.get_by_role("button", name="Opslaan").click()
    expect(projector.locator(".path tbody tr", has_text="Zaad kopen")).to_be_visible()
    typing = fill_in_for(console, "Gerrit")
    typing.get_by_role("button", name="Stap toevoegen").first.click()
    typing.get_by_label("Wat gaan we doen?").fill("Kas bouwen met de buurt")
    typing.get_by_role("button", name="Opslaan").click()
    own = typing.locator(".step:not(.is-pending)", has_text="Kas bouwen met de buurt")
    expect(own.get_by_role("button", name="Weghalen")).to_be_visible()
    expect(projector.locator(".path tbody tr", has_text="Kas bouwen met de buurt")).to_be_visible()
    theirs = typing.locator(".step", has_text="Zaad kopen")
    expect(theirs.get_by_role("button", name="Weghalen")).to_have_count(0)
    theirs.get_by_role("button", name="Ik pak dit op").click()
    expect(theirs.locator(".step-field", has_text="Trekker")).to_contain_text("Gerrit")
    expect(projector.locator(".path tbody tr", has_text="Zaad kopen")).to_contain_text("Gerrit")
    expect(theirs.get_by_role("button", name="Weghalen")).to_have_count(0)  # taking it on is not owning it
    expect(console.locator("#missing")).not_to_contain_text("Gerrit")
    assert not axe_problems(console, server), "console, the action path for Gerrit"
    console.locator("#typing-panel").screenshot(path=str(SHOTS / "console-proxy-plan.png"))

    # The reflection: Gerrit's scores and word; Fatima's rude word is hidden, her scores count
    advance(console, "Samenspel")
    typing = fill_in_for(console, "Gerrit")
    typing.locator("label[for=rate-0-4]").click()
    typing.locator("#rate-word").fill("Gezellig")
    typing.locator(".rate-word").get_by_role("button", name="Opslaan").click()
    expect(typing.locator(".save-status")).to_have_text("Opgeslagen")
    phone.locator("label[for=rate-0-2]").click()
    phone.locator("#rate-word").fill("Waardeloos")
    phone.locator(".rate-word").get_by_role("button", name="Opslaan").click()
    words = projector.locator(".rate-words")
    expect(words).to_contain_text("Waardeloos")
    expect(projector.locator(".vote-voters")).to_have_text("2 mensen hebben gereageerd")
    word = console.locator("#content .mod-word", has_text="Waardeloos")
    word.get_by_role("button", name="Verbergen: Waardeloos").click()
    expect(word.locator(".badge-hidden")).to_be_visible()
    expect(words).not_to_contain_text("Waardeloos")
    expect(words).to_contain_text("Gezellig")
    console.locator("#content-panel").screenshot(path=str(SHOTS / "console-words-hidden.png"))
    first = projector.locator(".rate-bars .bar-row").first
    expect(first.locator(".bar-value")).to_contain_text("3,0")  # (4 + 2) / 2: her score counts
    word.get_by_role("button", name="Weer tonen: Waardeloos").click()
    expect(words).to_contain_text("Waardeloos")
    assert not axe_problems(console, server), "console, the reflection"
    assert not csp_violations.found, csp_violations.found


def test_a_console_without_proxies_offers_no_fill_in(browser, server, csp_violations):
    code, key = new_session(server)
    console = open_console(browser, server, code, key, csp_violations)
    join_phone(browser, server, code, "Fatima", "inwoner", csp_violations)
    advance(console, "Welkom en rollen", "#btn-start")
    expect(console.locator("#missing")).to_contain_text("Fatima")
    expect(console.locator("#missing .proxy-open")).to_have_count(0)
    expect(console.locator("#typing-panel")).to_be_hidden()
