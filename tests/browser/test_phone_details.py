"""Small things a real evening hits on the phone (issue 10, point 6), at 360×640 and at
200 % text size: the top bar stays one row with a long name (the whole name a tap away),
the introduction is a text area that grows and counts down the round's limit, the category
does not stick to the next card, "Weghalen" only where the server takes it, round 1 does
not ask for the role chosen at the join, and long words hyphenate in the page's language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import shoot
from tests.support.crowd import Crowd, join_phone, new_session
from tests.support.phone import Desk

pytestmark = [pytest.mark.browser, pytest.mark.server]

LONG_NAME = "Maria-Magdalena van den Hoogenband"
HEADER = """() => {
  const bar = document.querySelector('.phone-top');
  const parts = [...bar.children].filter((n) => n.offsetParent !== null && !n.matches('.me-full'))
    .map((n) => n.getBoundingClientRect());
  return {height: bar.getBoundingClientRect().height, tallest: Math.max(...parts.map((r) => r.height)),
          lowestTop: Math.max(...parts.map((r) => r.top)), highestBottom: Math.min(...parts.map((r) => r.bottom)),
          cut: (() => { const n = document.querySelector('#me .me-text'); return n.scrollWidth > n.clientWidth; })()};
}"""


def text_size(page, percent: int) -> None:
    """The phone's text size setting, as a root font size (every size on the page is in rem)."""
    page.evaluate(f"document.documentElement.style.fontSize = '{percent}%'")


def step_to(desk: Desk, index: int) -> None:
    desk.control("start")
    for _ in range(index):
        desk.control("next")


@pytest.fixture
def game(server, browser, csp_violations):
    code, key = new_session(server)
    desk = Desk(server, code, key)
    desk.key = key
    opened = []

    def phone(name: str = "Fatima", role: str = "inwoner"):
        page = join_phone(browser, server, code, name, role, csp_violations)
        opened.append(page)
        return page

    yield code, desk, phone
    desk.close()
    for page in opened:
        page.context.close()


@pytest.mark.parametrize("percent", [100, 200])
def test_the_top_bar_is_one_row_with_a_long_name_and_a_tap_shows_it_whole(game, percent):
    _code, _desk, phone = game
    page = phone(LONG_NAME, "professional")
    text_size(page, percent)
    bar = page.evaluate(HEADER)
    assert bar["lowestTop"] < bar["highestBottom"], f"the top bar's parts sit on more than one row: {bar}"
    assert bar["height"] < 1.6 * bar["tallest"], bar
    badge = page.get_by_role("button", name=re.compile(LONG_NAME))
    expect(badge).to_be_visible()
    if percent == 200:
        assert bar["cut"], "at 200 % the name is cut off with an ellipsis"
    shoot(page, f"phone-header-long-name-{percent}.png")
    badge.click()
    expect(badge).to_have_attribute("aria-expanded", "true")
    full = page.locator("#me-full")
    expect(full).to_have_text(f"{LONG_NAME} · Professional")
    assert page.evaluate(
        "() => { const n = document.getElementById('me-full'); return n.scrollWidth <= n.clientWidth; }"
    )
    shoot(page, f"phone-header-full-name-{percent}.png")
    badge.click()
    expect(full).to_be_hidden()


@pytest.mark.parametrize("percent", [100, 200])
def test_the_introduction_is_a_growing_text_area_with_the_rounds_limit(game, percent):
    _code, desk, phone = game
    page = phone()
    step_to(desk, 0)
    limit = desk.client.call("sync")["snapshot"]["round"]["settings"]["max_length"]
    field = page.locator("#intro-text")
    expect(field).to_be_visible()
    text_size(page, percent)
    assert field.evaluate("n => n.tagName") == "TEXTAREA"
    expect(field).to_have_attribute("maxlength", str(limit))
    expect(page.locator("#intro-count")).to_have_text(f"Nog {limit} tekens")
    expect(page.locator(".prompt")).not_to_contain_text("Kies je rol")
    assert not re.search(r"kies je rol", page.locator("#view-game").inner_text(), re.I), (
        "the role was chosen at the join"
    )
    empty_height = field.evaluate("n => n.getBoundingClientRect().height")
    sentence = (
        "Ik woon al twintig jaar aan de Schelpenstraat en ken de buren, de tuinen en de verhalen van vroeger " * 2
    )[:limit]
    field.fill(sentence)
    expect(page.locator("#intro-count")).to_have_text(f"Meer kan niet: hooguit {limit} tekens.")
    grown = field.evaluate("n => ({h: n.getBoundingClientRect().height, fits: n.scrollHeight <= n.clientHeight + 1})")
    assert grown["h"] > empty_height and grown["fits"], (empty_height, grown)
    shoot(page, f"phone-intro-long-{percent}.png")
    page.get_by_role("button", name="Zin opslaan").click()
    expect(page.locator(".save-status")).to_have_text("Opgeslagen")
    assert [i["text"] for i in desk.items("intro", "welkom")] == [sentence]


def test_the_category_does_not_stick_to_the_next_card(game):
    _code, desk, phone = game
    page = phone()
    step_to(desk, 4)  # kansen en drempels
    page.locator(".category-option", has_text="Drempel").click()
    page.fill("#card-text", "Vrijwilligers haken na een jaar af.")
    page.get_by_role("button", name="Kaartje plaatsen").click()
    expect(page.locator(".own-card .own-card-category")).to_have_text("Drempel")
    expect(page.locator(".category-option input:checked")).to_have_count(0)
    page.fill("#card-text", "Het buurthuis heeft een keuken.")
    page.get_by_role("button", name="Kaartje plaatsen").click()
    expect(page.locator(".save-status")).to_have_text("Kies eerst een soort.")
    page.locator(".category-option", has_text="Kans").click()
    page.get_by_role("button", name="Kaartje plaatsen").click()
    expect(page.locator(".own-card")).to_have_count(2)
    stored = {c["text"]: c["category"] for c in desk.items("card", "kansen-drempels")}
    assert stored == {"Vrijwilligers haken na een jaar af.": "drempel", "Het buurthuis heeft een keuken.": "kans"}
    shoot(page, "phone-category-reset.png")


def test_weghalen_only_where_the_server_takes_it(server, game):
    code, desk, phone = game
    page = phone()
    crowd = Crowd(server, code, [{"name": "Henk", "role": "ambtenaar"}])
    try:
        step_to(desk, 8)  # actiepad
        henks = crowd.call("Henk", "step:add", {"round_id": "actiepad", "what": "Zaad kopen"})["item"]
        own = page.locator(".step", has_text="Zaad kopen")
        expect(own).to_be_visible()
        expect(own.get_by_role("button", name="Weghalen")).to_have_count(0)
        own.get_by_role("button", name="Ik pak dit op").click()
        expect(own).to_contain_text("Jij")
        expect(own.get_by_role("button", name="Weghalen")).to_have_count(0)

        page.locator(".btn-add-step").first.click()
        page.locator(".step-form textarea").first.fill("Bakken bouwen")
        page.locator(".step-form").get_by_role("button", name="Opslaan").click()
        mine = page.locator(".step", has_text="Bakken bouwen")
        expect(mine.get_by_role("button", name="Weghalen")).to_be_visible()
        fatimas = next(s for s in desk.items("step", "actiepad") if s["what"] == "Bakken bouwen")
        # someone else changes Fatima's step: it is still hers to remove, and the phone says so
        crowd.call("Henk", "step:edit", {"id": fatimas["id"], "what": "Bakken bouwen van pallets", "base": {"what": 0}})
        mine = page.locator(".step", has_text="Bakken bouwen van pallets")
        expect(mine.get_by_role("button", name="Weghalen")).to_be_visible()
        # someone else takes it on: it is no longer hers alone, and the phone stops offering it
        crowd.call("Henk", "step:claim", {"id": fatimas["id"]})
        expect(mine).to_contain_text("Henk")
        expect(mine.get_by_role("button", name="Weghalen")).to_have_count(0)
        # Henk's step that Fatima took on: Henk's phone would not offer it, the server agrees
        refused = crowd.clients["Henk"].call("step:delete", {"id": henks["id"]})
        assert refused["error"]["code"] == "not_allowed", refused
        # and what the phone offers works
        page.locator(".btn-add-step").first.click()
        page.locator(".step-form textarea").first.fill("Flyers maken")
        page.locator(".step-form").get_by_role("button", name="Opslaan").click()
        flyers = page.locator(".step", has_text="Flyers maken")
        page.once("dialog", lambda dialog: dialog.accept())
        flyers.get_by_role("button", name="Weghalen").click()
        expect(flyers).to_have_count(0)
        assert "Flyers maken" not in [s["what"] for s in desk.items("step", "actiepad")]
        shoot(page, "phone-plan-remove.png")
    finally:
        crowd.close()


def test_every_page_names_its_language_and_long_words_hyphenate(game, server, browser, csp_violations):
    code, desk, phone = game
    page = phone()
    step_to(desk, 1)
    page.fill("#card-text", "Buurtbewonersvereniging en gemeenteraadsvergadering")
    page.get_by_role("button", name="Kaartje plaatsen").click()
    expect(page.locator(".own-card")).to_have_count(1)
    other = browser.new_context(locale="nl-NL").new_page()
    csp_violations(other)
    paths = ["/", "/j", f"/j/{code}", f"/s/{code}/projector", f"/s/{code}/console?key={desk.key}", f"/s/{code}/plan"]
    paths += ["/bestaat-niet", "/j/ZZZZZZ", f"/s/{code}/console?key=wrong"]  # the error pages
    try:
        for lang in ("nl", "en"):
            for path in paths:
                other.goto(f"{server.url}{path}{'&' if '?' in path else '?'}lang={lang}")
                assert other.evaluate("document.documentElement.lang") == lang, (path, lang)
        hyphens = "s => [...document.querySelectorAll(s)].map((n) => getComputedStyle(n).hyphens)"
        for selector in (".prompt", ".own-card-text"):
            assert set(page.evaluate(hyphens, selector)) == {"auto"}, selector
        other.goto(f"{server.url}/s/{code}/projector")
        expect(other.locator(".card-text")).to_have_count(1)
        for selector in (".round-prompt", ".card-text"):
            assert set(other.evaluate(hyphens, selector)) == {"auto"}, selector
        other.goto(f"{server.url}/s/{code}/plan")
        assert set(other.evaluate(hyphens, ".plan .text, .plan .prompt")) == {"auto"}
    finally:
        other.context.close()
