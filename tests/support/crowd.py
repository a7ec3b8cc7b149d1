"""Helpers for browser tests that play whole games: a crowd of players over Socket.IO (from
the sample play-through in tests/data), a phone joined through the real join page, and the
console driven by its buttons."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

from playwright.sync_api import expect

from tests.support.clients import LiveClient, close_all

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "moestuin-noordpolder.json"
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}
DESK = {"viewport": {"width": 1440, "height": 900}, "locale": "nl-NL"}
WALL = {"viewport": {"width": 1920, "height": 1080}, "locale": "nl-NL"}


def sample() -> dict:
    return json.loads(SAMPLE.read_text())


def new_session(
    server,
    game: str = "het-nieuwe-samenspel",
    title: str = "Moestuin met kas in de Noordpolder",
    question: str = "Hoe maken we samen een moestuin met kas en speelplek aan de Schelpenstraat?",
    tables: dict | None = None,
) -> tuple[str, str]:
    """A session through the API (``tables``: ``{"count": N}`` or ``{"size": N}`` to play at
    tables); returns its code and the facilitator's key."""
    body = {"game": game, "title": title, "question": question, "place": "Buurthuis De Schakel"}
    created = server.api("POST", "/api/sessions", json={**body, **({"tables": tables} if tables else {})}).json()
    return created["code"], created["facilitator_url"].split("key=")[1]


def join_phone(browser, server, code: str, name: str, role: str, watch=None):
    """A phone joins through the join page: first name, then role; returns the page."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    if watch:
        watch(page)
    page.goto(f"{server.url}/j/{code}")
    page.fill("#name", name)
    page.get_by_role("button", name="Verder").click()
    page.locator(f".role-btn[value={role}]").click()
    expect(page.locator("#view-game")).to_be_visible()
    expect(page.locator("#connection")).to_have_attribute("data-state", "online")
    return page


def open_console(browser, server, code: str, key: str, watch=None):
    page = browser.new_context(**DESK).new_page()
    if watch:
        watch(page)
    page.goto(f"{server.url}/s/{code}/console?key={key}")
    expect(page.locator("#connection")).to_have_attribute("data-state", "online")
    return page


def open_projector(browser, server, code: str, watch=None):
    page = browser.new_context(**WALL).new_page()
    if watch:
        watch(page)
    page.goto(f"{server.url}/s/{code}/projector")
    expect(page.locator("#connection")).to_have_attribute("data-state", "online")
    return page


def end_game(console) -> None:
    """End the game as a facilitator does: "Finish the game" in the last round (before it,
    "End game"), then "Yes, finish the game" in the console's dialog."""
    finish = console.locator("#btn-finish")
    (finish if finish.is_visible() else console.locator("#btn-end")).click()
    console.locator("#finish-confirm").click()
    expect(console.locator("#end-panel")).to_be_visible()


def add_without_phone(console, name: str, role: str = "inwoner") -> None:
    """The console adds someone without a smartphone through its form; they are listed as
    typing through the facilitator."""
    console.locator(".manage summary", has_text="Iemand zonder telefoon toevoegen").click()
    console.get_by_label("Voornaam").fill(name)
    console.get_by_label("Rol", exact=True).select_option(role)
    console.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(console.locator("#people")).to_contain_text(f"{name} (typt via begeleider)")


def advance(console, title: str, button: str = "#btn-next") -> None:
    """Press a console control and wait until the console shows the round `title`."""
    console.locator(button).click()
    expect(console.locator("#now-title")).to_have_text(title)


#: the default game's rounds before its ideas, as the console titles them
BEFORE_IDEAS = ("Welkom en rollen", "De droom", "Belangen", "Rolwissel", "Kansen en drempels", "Ideeën")


def play_to_offers(console, crowd: "Crowd", author: str, ideas, ballots) -> list[int]:
    """The default game from the lobby to "Wat breng ik in?": `author` writes the `ideas` in
    the ideas round, `ballots` are (voter, index of the idea, dots); returns the ideas' ids."""
    advance(console, BEFORE_IDEAS[0], "#btn-start")
    for title in BEFORE_IDEAS[1:]:
        advance(console, title)
    ids = [crowd.call(author, "card:add", {"round_id": "ideeen", "text": text})["item"]["id"] for text in ideas]
    advance(console, "Kiezen")
    for voter, idea, count in ballots:
        crowd.call(voter, "ballot:set", {"round_id": "kiezen", "card_id": ids[idea], "count": count})
    advance(console, "Wat breng ik in?")
    return ids


class Crowd:
    """Players of the sample, each on their own socket, acting as phones would."""

    def __init__(self, server, code: str, players: list[dict]):
        self.server, self.code = server, code
        self.players: dict[str, dict] = {}
        self.clients: dict[str, LiveClient] = {}
        for player in players:
            joined = server.api("POST", f"/api/sessions/{code}/participants", json=player)
            assert joined.status_code == 201, joined.text
            self.add(joined.json())

    def add(self, joined: dict) -> None:
        """Connect a player who joined (the API's answer: token and participant)."""
        name = joined["participant"]["name"]
        self.players[name] = joined
        self.clients[name] = LiveClient(self.server.url, code=self.code, token=joined["token"]).connect()

    @property
    def names(self) -> list[str]:
        return list(self.players)

    def close(self) -> None:
        close_all(list(self.clients.values()))

    def call(self, name: str, event: str, payload: dict) -> dict:
        if event.endswith(":add"):
            payload = {**payload, "client_id": uuid.uuid4().hex}
        ack = self.clients[name].call(event, payload)
        assert ack["ok"], (name, event, payload, ack)
        return ack

    def id_of(self, name: str) -> int:
        return self.players[name]["participant"]["id"]


def shoot_full(page, name: str, height: int = 1280) -> None:
    """A screenshot of a phone page that scrolls: its first `height` pixels, for docs/screenshots/."""
    shots = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(800)
    width = page.viewport_size["width"]
    full = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(
        path=str(shots / name), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(height, full)}
    )


def texts(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")


def number(text: str) -> int:
    return int(re.search(r"\d+", text).group(0))
