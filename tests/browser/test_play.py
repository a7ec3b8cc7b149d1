"""A whole session in real browsers: the facilitator creates it on the start page, two
phones join, the projector shows them by role, the console moves to a cards round, a card
typed on a phone appears on the projector, and a reloaded phone keeps its identity.
Along the way: accessibility (axe-core), no CSP violations, screenshots for docs/."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
import requests
import socketio
from playwright.sync_api import expect

from tests.support.browser import axe_problems, shoot
from tests.support.crowd import end_game

pytestmark = [pytest.mark.browser, pytest.mark.server]

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "moestuin-noordpolder.json"
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}


def join_crowd(server, code: str) -> dict[str, dict]:
    """Players from the sample play-through join over the API (as phones would)."""
    players = json.loads(SAMPLE.read_text())["players"] if SAMPLE.exists() else []
    joined = {}
    for player in [p for p in players if p["name"] not in ("Fatima", "Marloes")][:10]:
        response = requests.post(f"{server.url}/api/sessions/{code}/participants", json=player, timeout=10)
        assert response.status_code == 201, response.text
        joined[player["name"]] = response.json()
    return joined


def write_cards(server, code: str, crowd: dict[str, dict], round_id: str) -> None:
    """Some of the crowd write their card of the sample round over Socket.IO."""
    cards = json.loads(SAMPLE.read_text())["rounds"].get(round_id, []) if SAMPLE.exists() else []
    for card in cards:
        if card["by"] not in crowd:
            continue
        client = socketio.Client()
        client.connect(
            server.url,
            auth={"code": code, "token": crowd[card["by"]]["token"]},
            transports=["websocket"],
            wait_timeout=10,
        )
        ack = client.call(
            "card:add", {"round_id": round_id, "text": card["text"], "client_id": uuid.uuid4().hex}, timeout=10
        )
        client.disconnect()
        assert ack["ok"], ack


def test_a_session_from_start_page_to_cards_on_the_wall(browser, server, csp_violations):
    # The facilitator creates a session on the start page and lands in the console.
    desk = browser.new_context(viewport={"width": 1440, "height": 900}, locale="nl-NL")
    console = csp_violations(desk.new_page())
    console.goto(server.url + "/")
    expect(console.locator("html")).to_have_attribute("lang", "nl")
    assert not axe_problems(console, server)
    console.fill("#title", "Moestuin met kas in de Noordpolder")
    console.fill("#question", "Hoe maken we samen een moestuin met kas en speelplek aan de Schelpenstraat?")
    console.fill("#place", "Buurthuis De Schakel, Terneuzen")
    console.locator("form button[type=submit]").click()
    console.wait_for_url(re.compile(r"/s/[A-Z0-9]+/console\?key="))
    code = re.search(r"/s/([A-Z0-9]+)/console", console.url).group(1)
    expect(console.locator("#connection")).to_have_attribute("data-state", "online")

    # The projector opens from the console's link.
    wall_context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    projector = csp_violations(wall_context.new_page())
    projector.goto(console.locator("#projector-link").get_attribute("href"))
    expect(projector.locator(".room-code")).to_have_text(code)
    expect(projector.locator(".qr-large")).to_be_visible()

    # Two phones join: code prefilled from the URL, first name, role.
    phones = []
    for name, role in (("Fatima", "inwoner"), ("Marloes", "ambtenaar")):
        context = browser.new_context(**PHONE)
        phone = csp_violations(context.new_page())
        phone.goto(f"{server.url}/j/{code}")
        expect(phone.locator(".code-pill")).to_have_text(code)
        if not phones:
            assert not axe_problems(phone, server), "join page"
        phone.fill("#name", name)
        phone.get_by_role("button", name="Verder").click()
        phone.locator(f".role-btn[value={role}]").click()
        expect(phone.locator(".lobby-card h1")).to_have_text("Je bent binnen")
        expect(phone.locator("#me")).to_contain_text(name)
        phones.append(phone)
    fatima, marloes = phones
    assert not axe_problems(fatima, server), "phone lobby"

    # The projector lists them, grouped by role (colour and role name).
    crowd = join_crowd(server, code)
    groups = projector.locator("#people .role-group")
    expect(groups.filter(has_text="Inwoner").locator(".name-list")).to_contain_text("Fatima")
    expect(groups.filter(has_text="Ambtenaar").locator(".name-list")).to_contain_text("Marloes")
    expect(projector.locator("#people-count")).to_contain_text(str(2 + len(crowd)))
    assert not axe_problems(projector, server), "projector lobby"
    shoot(projector, "projector-lobby.png")
    shoot(fatima, "phone-lobby.png")

    # The console starts the game (round 1: introduce) and moves on to the cards round.
    console.locator("#btn-start").click()
    expect(fatima.locator(".round h1")).to_have_text("Welkom en rollen")
    expect(console.locator("#now-title")).to_have_text("Welkom en rollen")
    expect(console.locator("#btn-next")).to_be_enabled()
    console.keyboard.press("ArrowRight")
    expect(console.locator("#now-title")).to_have_text("De droom")
    expect(fatima.locator(".round h1")).to_have_text("De droom")
    expect(projector.locator("#round-progress")).to_have_text(re.compile("ronde 2 van 10", re.I))

    # A card typed on a phone is saved (only then "Opgeslagen") and appears on the projector.
    text = "Iedere zaterdag samen oogsten en koken in het buurthuis."
    fatima.fill("#card-text", text)
    fatima.get_by_role("button", name="Kaartje plaatsen").click()
    expect(fatima.locator(".save-status")).to_have_text("Opgeslagen")
    expect(fatima.locator(".own-card")).to_contain_text(text)
    expect(projector.locator(".wall .card-text", has_text=text)).to_be_visible()
    expect(console.locator("#missing")).to_contain_text("Marloes")

    write_cards(server, code, crowd, "droom")
    marloes.fill("#card-text", "Een plek waar de gemeente durft los te laten.")
    marloes.get_by_role("button", name="Kaartje plaatsen").click()
    expect(marloes.locator(".save-status")).to_have_text("Opgeslagen")
    expect(projector.locator(".wall .card")).to_have_count(
        2 + sum(1 for c in json.loads(SAMPLE.read_text())["rounds"]["droom"] if c["by"] in crowd)
        if SAMPLE.exists()
        else 2
    )
    fatima.fill("#card-text", "Een kas waar")  # a draft being typed, for the screenshot
    shoot(fatima, "phone-cards.png")
    shoot(projector, "projector-cards.png")
    shoot(console, "console.png")
    assert not axe_problems(fatima, server), "phone in a cards round"
    assert not axe_problems(projector, server), "projector in a cards round"
    assert not axe_problems(console, server), "console"

    # A reload keeps the identity: same name, still in the game, own card still listed,
    # and the unsent draft is still there.
    fatima.reload()
    expect(fatima.locator("#me")).to_contain_text("Fatima")
    expect(fatima.locator("#view-join")).to_be_hidden()
    expect(fatima.locator(".round h1")).to_have_text("De droom")
    expect(fatima.locator(".own-card")).to_contain_text(text)
    expect(fatima.locator("#card-text")).to_have_value("Een kas waar")

    # Pause (space on the console) shows calmly everywhere; resume; end the game.
    console.locator("body").press("Space")
    expect(projector.locator("#overlay")).to_be_visible()
    expect(projector.locator("#overlay-text")).to_have_text("Pauze")
    expect(fatima.locator(".paused-banner")).to_be_visible()
    expect(console.locator("#btn-resume")).to_be_visible()
    console.locator("#btn-resume").click()
    expect(projector.locator("#overlay")).to_be_hidden()
    end_game(console)
    expect(fatima.locator("#view-game h1")).to_have_text("Het spel is klaar")
    expect(fatima.get_by_role("link", name="Bekijk het plan")).to_have_attribute("href", f"/s/{code}/plan")
    expect(projector.locator("#round-title")).to_have_text("Het spel is afgelopen")
    expect(console.locator("#btn-end")).to_be_hidden()

    assert not csp_violations.found, csp_violations.found


def test_phone_join_page_is_small(browser, server):
    """Everything the join page loads (HTML, CSS, JS, fonts …) weighs under 100 KB."""
    created = requests.post(
        f"{server.url}/api/sessions",
        timeout=10,
        json={"game": "het-nieuwe-samenspel", "title": "Licht", "question": "Hoe licht is de pagina?"},
    ).json()
    context = browser.new_context(**PHONE)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(created["join_url"].replace(created["join_url"].split("/j/")[0], server.url))
    page.wait_for_load_state("networkidle")
    sizes = {r.url: len(r.body()) for r in responses if r.status < 300}
    total = sum(sizes.values())
    assert total < 100_000, f"{total} bytes: {sizes}"
    # The live part (Socket.IO client, rounds) loads while the name is typed: the whole
    # phone app stays small too.
    page.focus("#name")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    sizes = {r.url: len(r.body()) for r in responses if r.status < 300 and "/socket.io/" not in r.url}
    assert any("/vendor/socket.io.esm.min." in url for url in sizes)  # a hashed name (web/assets.py)
    everything = sum(sizes.values())
    assert everything < 150_000, f"{everything} bytes: {sizes}"
    # what only some sessions need comes when they need it: tables, consent, own steps
    for lazy in ("/js/phone-tables.", "/js/tables.", "/js/phone-consent.", "/js/phone-steps."):
        assert not any(lazy in url for url in sizes), f"{lazy} loaded by a plenary phone at the start"
    context.close()


def test_unknown_code_and_wrong_key_get_friendly_pages(browser, server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    response = page.goto(f"{server.url}/j/ZZZZZZ")
    assert response.status == 404
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Deze code kennen we niet. Kijk nog eens op het scherm.")
    created = requests.post(
        f"{server.url}/api/sessions",
        timeout=10,
        json={"game": "het-nieuwe-samenspel", "title": "Sleutel", "question": "Wie mag erin?"},
    ).json()
    response = page.goto(f"{server.url}/s/{created['code']}/console?key=fout")
    assert response.status == 403
    context.close()


def test_a_forgotten_participant_gets_the_join_form_again(browser, server):
    """A token the server does not know (session data deleted, another device …) is dropped
    and the phone shows the join form instead of hanging."""
    created = requests.post(
        f"{server.url}/api/sessions",
        timeout=10,
        json={"game": "het-nieuwe-samenspel", "title": "Opnieuw", "question": "Wie ben jij?"},
    ).json()
    code = created["code"]
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{server.url}/j/{code}")
    page.evaluate(
        """code => localStorage.setItem(`samenspel:participant:${code}`,
        JSON.stringify({token: "x".repeat(43), participant: {id: 1, name: "Spook", role: "inwoner"}}))""",
        code,
    )
    page.reload()
    expect(page.locator("#step-name")).to_be_visible()
    expect(page.locator("#phone-alert")).to_have_text("We konden je niet vinden in dit spel. Doe opnieuw mee.")
    expect(page.locator("#phone-alert")).to_be_focused()
    assert page.evaluate("code => localStorage.getItem(`samenspel:participant:${code}`)", code) is None
    context.close()


def test_switching_language_keeps_the_participant(browser, server):
    created = requests.post(
        f"{server.url}/api/sessions",
        timeout=10,
        json={"game": "het-nieuwe-samenspel", "title": "Taal", "question": "Welke taal?"},
    ).json()
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{server.url}/j/{created['code']}")
    page.fill("#name", "Yusuf")
    page.get_by_role("button", name="Verder").click()
    page.locator(".role-btn[value=ondernemer]").click()
    expect(page.locator(".lobby-card h1")).to_have_text("Je bent binnen")
    page.locator(".lang-switch a[lang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".lobby-card h1")).to_have_text("You are in")
    expect(page.locator("#me")).to_contain_text("Yusuf")
    expect(page.locator("#me")).to_contain_text("Entrepreneur")
    context.close()


def test_a_card_written_offline_is_sent_when_the_connection_is_back(browser, server):
    created = requests.post(
        f"{server.url}/api/sessions",
        timeout=10,
        json={"game": "het-nieuwe-samenspel", "title": "Wifi", "question": "Wat als de wifi wegvalt?"},
    ).json()
    code, key = created["code"], created["facilitator_url"].split("key=")[1]
    context = browser.new_context(**PHONE)
    phone = context.new_page()
    phone.goto(f"{server.url}/j/{code}")
    phone.fill("#name", "Henk")
    phone.get_by_role("button", name="Verder").click()
    phone.locator(".role-btn[value=inwoner]").click()
    expect(phone.locator(".lobby-card")).to_be_visible()
    for action in ("start", "next"):
        ack = control(server, code, key, action)
        assert ack["ok"], ack
    expect(phone.locator("#card-text")).to_be_visible()

    context.set_offline(True)
    expect(phone.locator("#connection")).to_have_attribute("data-state", "offline")
    phone.fill("#card-text", "Een kas waar ook in de winter iets groeit.")
    phone.get_by_role("button", name="Kaartje plaatsen").click()
    expect(phone.locator(".own-card.is-pending")).to_contain_text("Een kas waar")
    expect(phone.locator(".save-status")).to_contain_text("Nog niet verzonden")

    context.set_offline(False)
    expect(phone.locator("#connection")).to_have_attribute("data-state", "online", timeout=15000)
    expect(phone.locator(".save-status")).to_have_text("Opgeslagen")
    expect(phone.locator(".own-card:not(.is-pending)")).to_contain_text("Een kas waar")
    context.close()


def control(server, code: str, key: str, action: str) -> dict:
    client = socketio.Client()
    client.connect(server.url, auth={"code": code, "key": key}, transports=["websocket"], wait_timeout=10)
    try:
        return client.call("control", {"action": action}, timeout=10)
    finally:
        client.disconnect()
