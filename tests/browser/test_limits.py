"""The phone takes its limits from the round in the snapshot, not from numbers of its own:
a rules file with unusual limits (tests/browser/rules/krap.yaml: 2 cards per player, 30
characters per card and per introduction, 2 dots of at most 1 per idea, short step fields
with at most 2 partners of 12 characters, a 10-character word), loaded through the
SAMENSPEL_GAME_RULES folder setting, and a phone that enforces exactly those and says why."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from samenspel.engine.flow import EXTEND_MINUTES
from tests.support.crowd import join_phone, new_session, open_console
from tests.support.phone import Desk

pytestmark = [pytest.mark.browser, pytest.mark.server]

LONG = "Een moestuin met een kas en een speelplek voor iedereen"  # 55 characters
AT_MOST_30 = "Meer kan niet: hooguit 30 tekens."


def test_the_phone_enforces_the_limits_of_the_rules_file(browser, tight_server, missing_strings):
    server = tight_server
    code, key = new_session(server, game="krap", title="Krap", question="Past het?")
    desk = Desk(server, code, key)
    page = join_phone(browser, server, code, "Sanne", "bestuurder", missing_strings)
    try:
        # Introduction: 30 characters, the field takes no more and its counter says why.
        desk.control("start")
        intro = page.locator("#intro-text")
        expect(intro).to_have_attribute("maxlength", "30")
        intro.press_sequentially(LONG)
        expect(intro).to_have_value(LONG[:30])
        expect(page.locator("#intro-count")).to_have_text(AT_MOST_30)
        page.get_by_role("button", name="Zin opslaan").click()
        expect(page.locator(".save-status")).to_have_text("Opgeslagen")
        assert [i["text"] for i in desk.items("intro", "welkom")] == [LONG[:30].strip()]

        # Cards: 30 characters each, 2 per player; a third cannot be added, and the phone says why.
        desk.control("next")
        card = page.locator("#card-text")
        expect(card).to_have_attribute("maxlength", "30")
        expect(page.locator(".own-tally")).to_have_text("(0 van 2)")
        card.press_sequentially(LONG)
        expect(card).to_have_value(LONG[:30])
        expect(page.locator("#card-count")).to_have_text(AT_MOST_30)
        page.get_by_role("button", name="Kaartje plaatsen").click()
        expect(page.locator(".own-card:not(.is-pending)")).to_have_count(1)
        expect(page.locator("#card-count")).to_have_text("Nog 30 tekens")
        card.fill("Bankjes in het park")
        page.get_by_role("button", name="Kaartje plaatsen").click()
        expect(page.locator(".own-card:not(.is-pending)")).to_have_count(2)
        expect(page.locator(".own-tally")).to_have_text("(2 van 2)")
        expect(card).to_be_hidden()
        expect(page.get_by_role("button", name="Kaartje plaatsen")).to_be_hidden()
        expect(page.locator(".limit-note")).to_have_text(
            "Je hebt 2 kaartjes geschreven. Meer kan niet in deze ronde. Je kunt ze hieronder nog aanpassen."
        )
        # An edit is capped the same way.
        page.locator(".own-card").first.get_by_role("button", name="Wijzigen").click()
        expect(page.locator(".own-card.is-editing textarea")).to_have_attribute("maxlength", "30")
        page.locator(".own-card.is-editing").get_by_role("button", name="Annuleren").click()
        cards = desk.items("card", "ideeen")
        assert sorted(c["text"] for c in cards) == sorted([LONG[:30].strip(), "Bankjes in het park"])

        # Vote: 2 dots, at most 1 per idea (the hint and the dots follow the rules file).
        desk.control("next")
        expect(page.locator(".dots-left-dots .dot")).to_have_count(2)
        expect(page.locator(".vote-hint")).to_have_text(
            "Tik op een idee om er een stip op te zetten. Tik nog eens om de stip terug te nemen."
        )
        expect(page.locator(".vote-card").first.locator(".vote-dots .dot")).to_have_count(1)
        page.locator(".vote-card").first.click()

        # Plan: field lengths and partners from the rules file; the form says what is too much.
        desk.control("next")
        page.locator(".btn-add-step").first.click()
        form = page.locator(".step-form")
        expect(form.locator("textarea[id$=-what]")).to_have_attribute("maxlength", "40")
        expect(form.locator("input[id$=-owner]")).to_have_attribute("maxlength", "20")
        expect(form.locator("textarea[id$=-needs]")).to_have_attribute("maxlength", "30")
        expect(form.locator(".hint")).to_contain_text("Hooguit 2 namen van elk 12 tekens.")
        form.locator("textarea[id$=-what]").fill("Een bord bij de ingang")
        form.locator("input[id$=-partners]").fill("Buurthuis, school, kerk")
        form.get_by_role("button", name="Opslaan").click()
        expect(form.locator(".field-error")).to_have_text("Vul hooguit 2 namen in.")
        form.locator("input[id$=-partners]").fill("Buurthuis, basisschool De Wegwijzer")
        form.get_by_role("button", name="Opslaan").click()
        expect(form.locator(".field-error")).to_have_text("Een naam heeft hooguit 12 tekens.")
        assert desk.items("step", "actiepad") == []
        form.locator("input[id$=-partners]").fill("Buurthuis, school")
        form.get_by_role("button", name="Opslaan").click()
        expect(page.locator("li.step:not(.is-pending)")).to_have_count(1)
        [step] = desk.items("step", "actiepad")
        assert step["partners"] == ["Buurthuis", "school"]

        # Rate: a word of at most 10 characters.
        desk.control("next")
        word = page.locator("#rate-word")
        expect(word).to_have_attribute("maxlength", "10")
        word.press_sequentially("hartverwarmend")
        expect(word).to_have_value("hartverwar")
        expect(page.locator("#rate-word-hint")).to_have_text("Meer kan niet: hooguit 10 tekens.")
        assert not missing_strings.found, missing_strings.found
    finally:
        desk.close()
        page.context.close()


def test_the_console_extends_by_the_servers_one_default(browser, tight_server):
    """ "+5 min" is the engine's EXTEND_MINUTES: the button's label and what it adds."""
    server = tight_server
    code, key = new_session(server, game="krap", title="Langer", question="Nog even?")
    desk = Desk(server, code, key)
    console = open_console(browser, server, code, key)
    try:
        desk.control("start")
        button = console.locator("#btn-extend")
        expect(button).to_have_text(f"+{EXTEND_MINUTES} min")
        expect(button).to_be_enabled()
        before = desk.client.call("sync")["snapshot"]["flow"]["deadline"]
        button.click()
        deadline = lambda: desk.client.call("sync")["snapshot"]["flow"]["deadline"]  # noqa: E731
        for _ in range(50):
            if deadline() != before:
                break
            console.wait_for_timeout(100)
        assert deadline() - before == EXTEND_MINUTES * 60_000
    finally:
        desk.close()
        console.context.close()
