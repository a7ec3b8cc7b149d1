"""The phone's outbox (static/js/outbox.js) in a real Chromium against a real server: every
input a phone sends — introduction, cards, dots, a plan step, a rating — typed while the
phone is offline waits in the outbox, survives a reload, goes out once the connection is
back, and the server stores it exactly once. Played on the small game in
tests/browser/rules/krap.yaml (all five input mechanics in five rounds).

"Offline" is Chromium's own (context.set_offline); for a reload the page must load while
the socket still cannot connect, so Socket.IO's requests are refused (context.route) until
the test lets them through."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import RULES
from tests.support.browser import shoot
from tests.support.crowd import join_phone, new_session
from tests.support.phone import Desk, Phone
from tests.support.server import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.server]

NOT_SENT = "Nog niet verzonden"


def test_inputs_typed_offline_reach_the_server_once(browser, tight_server, missing_strings):
    server = tight_server
    code, key = new_session(server, game="krap", title="Wifi weg", question="Wat als de wifi wegvalt?")
    desk = Desk(server, code, key)
    page = join_phone(browser, server, code, "Henk", "inwoner", missing_strings)
    phone = Phone(page, code)
    status = page.locator(".save-status")
    try:
        # Introduce: typed twice while offline, the newest sentence replaces the queued one.
        desk.control("start")
        expect(page.locator(".round h1")).to_have_text("Welkom")
        expect(page.locator("#intro-text")).to_be_visible()  # the round's code is in
        phone.offline()
        page.fill("#intro-text", "Ik neem koffie mee")
        page.get_by_role("button", name="Zin opslaan").click()
        expect(status).to_contain_text(NOT_SENT)
        page.fill("#intro-text", "Ik neem soep mee")
        page.get_by_role("button", name="Zin opslaan").click()
        expect(page.locator(".own-intro.is-pending")).to_contain_text("Ik neem soep mee")
        assert [e["payload"]["text"] for e in phone.queued()] == ["Ik neem soep mee"]
        assert desk.items("intro", "welkom") == []
        phone.online()
        expect(status).to_have_text("Opgeslagen")
        expect(page.locator(".own-intro:not(.is-pending)")).to_contain_text("Ik neem soep mee")
        assert [i["text"] for i in desk.items("intro", "welkom")] == ["Ik neem soep mee"]
        assert phone.queued() == []

        # Cards: two written offline, the phone reloads before the connection is back.
        desk.control("next")
        expect(page.locator(".round h1")).to_have_text("Ideeën")
        expect(page.locator("#card-text")).to_be_visible()  # the round's code is in
        phone.offline()
        for text in ("Een kas bij de school", "Bankjes in het park"):
            page.fill("#card-text", text)
            page.get_by_role("button", name="Kaartje plaatsen").click()
        pending = page.locator(".own-card.is-pending")
        expect(pending).to_have_count(2)
        expect(pending.first).to_contain_text(NOT_SENT)
        expect(status).to_contain_text(NOT_SENT)
        expect(page.locator(".limit-note")).to_be_visible()  # 2 per player: the queued ones count
        shoot(page, "phone-offline-queued.png")

        def nothing_sent_yet():
            assert [e["payload"]["text"] for e in phone.queued()] == ["Een kas bij de school", "Bankjes in het park"]
            assert desk.items("card", "ideeen") == []

        phone.online(reload=True, while_blocked=nothing_sent_yet)
        expect(page.locator(".own-card:not(.is-pending)")).to_have_count(2)
        expect(page.locator(".own-card.is-pending")).to_have_count(0)
        shoot(page, "phone-back-online.png")
        cards = desk.items("card", "ideeen")
        assert sorted(c["text"] for c in cards) == ["Bankjes in het park", "Een kas bij de school"]
        assert phone.queued() == []
        other = desk.client.call("participant:add", {"name": "Truus", "role": "ondernemer"})["participant"]
        ack = desk.client.call(
            "card:add",
            {"round_id": "ideeen", "text": "Een moestuin", "client_id": "truus-0001", "on_behalf_of": other["id"]},
        )
        assert ack["ok"], ack

        # Vote: dots placed and taken back offline; after a reload only the end result counts.
        desk.control("next")
        expect(page.locator(".round h1")).to_have_text("Kiezen")
        idea = {c["text"]: c["id"] for c in desk.items("card", "ideeen")}
        expect(page.locator(".vote-card")).to_have_count(3)
        phone.offline()
        page.locator(".vote-card", has_text="Een kas").click()
        page.locator(".vote-card", has_text="Bankjes").click()
        page.locator(".vote-card", has_text="Een kas").click()  # at the cap (1): takes it back
        page.locator(".vote-card", has_text="Een moestuin").click()
        expect(page.locator(".dots-left-text")).to_have_text("Al je stippen staan")
        expect(status).to_contain_text(NOT_SENT)

        def ballot_not_sent():
            assert len(phone.queued()) == 3  # one entry per idea: the take-back replaced the dot
            assert desk.items("ballot", "kiezen") == []

        phone.online(reload=True, while_blocked=ballot_not_sent)
        expect(page.locator(".vote-item.has-dots")).to_have_count(2)
        expect(page.locator(".save-status")).to_have_text("Opgeslagen")
        [ballot] = desk.items("ballot", "kiezen")
        votes = {int(k): v for k, v in ballot["votes"].items() if v}
        assert votes == {idea["Bankjes in het park"]: 1, idea["Een moestuin"]: 1}
        assert phone.queued() == []

        # Plan: a step added offline goes out when the connection is back, once.
        desk.control("next")
        expect(page.locator(".round h1")).to_have_text("Actiepad")
        expect(page.locator(".btn-add-step").first).to_be_visible()  # the round's code is in
        phone.offline()
        page.locator(".btn-add-step").first.click()
        page.locator(".step-form textarea").first.fill("Een bord bij de ingang maken")
        page.locator(".step-form input[id$=-partners]").fill("Buurthuis, school")
        page.locator(".step-form").get_by_role("button", name="Opslaan").click()
        expect(page.locator(".step.is-pending")).to_contain_text("Een bord bij de ingang")
        expect(status).to_contain_text(NOT_SENT)
        assert desk.items("step", "actiepad") == []
        phone.online()
        expect(page.locator("li.step:not(.is-pending)")).to_contain_text("Een bord bij de ingang")
        expect(status).to_have_text("Opgeslagen")
        [step] = desk.items("step", "actiepad")
        assert step["what"] == "Een bord bij de ingang maken" and step["partners"] == ["Buurthuis", "school"]
        assert phone.queued() == []

        # Rate: a score and a word offline, then a reload before the connection is back.
        desk.control("next")
        expect(page.locator(".round h1")).to_have_text("Terugblik")
        expect(page.locator("#rate-word")).to_be_visible()  # the round's code is in
        phone.offline()
        page.locator(".rate-option", has_text="4").click()
        page.fill("#rate-word", "gezellig")
        page.locator(".rate-word").get_by_role("button", name="Opslaan").click()
        expect(status).to_contain_text(NOT_SENT)

        def rating_not_sent():
            assert len(phone.queued()) == 2
            assert desk.items("rating", "terugblik") == []

        phone.online(reload=True, while_blocked=rating_not_sent)
        expect(page.locator(".rate-option input[value='4']")).to_be_checked()
        expect(page.locator("#rate-word")).to_have_value("gezellig")
        expect(status).to_have_text("Opgeslagen")
        [rating] = desk.items("rating", "terugblik")
        assert rating["scores"] == {"luisteren": 4} and rating["word"] == "gezellig"
        assert phone.queued() == []
        assert not missing_strings.found, missing_strings.found
    finally:
        desk.close()
        page.context.close()


def test_a_refused_card_comes_back_into_the_field(browser, tight_server, missing_strings):
    """A card queued offline in a round that closes meanwhile is refused on reconnect: the
    phone says why, and the text is not lost."""
    server = tight_server
    code, key = new_session(server, game="krap", title="Te laat", question="Wat als de ronde al dicht is?")
    desk = Desk(server, code, key)
    page = join_phone(browser, server, code, "Ans", "professional", missing_strings)
    phone = Phone(page, code)
    try:
        desk.control("start")
        desk.control("next")
        expect(page.locator(".round h1")).to_have_text("Ideeën")
        desk.control("pause")  # paused rounds stay open: the card would still be taken
        expect(page.locator("#card-text")).to_be_visible()  # the round's code is in
        phone.offline()
        page.fill("#card-text", "Te laat verstuurd")
        page.get_by_role("button", name="Kaartje plaatsen").click()
        expect(page.locator(".own-card.is-pending")).to_have_count(1)
        desk.control("back")  # the cards round closes while the phone is offline
        phone.online()
        expect(page.locator(".round h1")).to_have_text("Welkom")
        # Refused (round_closed): not sent again, kept until its round shows again.
        page.wait_for_function(
            """code => Object.keys(localStorage).filter(k => k.startsWith(`samenspel:outbox:${code}:`))
            .flatMap(k => JSON.parse(localStorage.getItem(k)))
            .some(e => e.refused && e.refused.code === "round_closed")""",
            arg=code,
        )
        assert desk.items("card", "ideeen") == []
        page.reload()  # the refusal survives a reload too
        expect(page.locator(".round h1")).to_have_text("Welkom")
        desk.control("next")
        expect(page.locator(".round h1")).to_have_text("Ideeën")
        # Not stored, not lost: the text is back in the field, and the phone says why.
        expect(page.locator("#card-text")).to_have_value("Te laat verstuurd")
        expect(page.locator(".save-status")).to_contain_text("Je kaartje is niet opgeslagen")
        expect(page.locator(".save-status")).to_contain_text("Je tekst staat weer in het vak")
        assert phone.queued() == []
        assert desk.items("card", "ideeen") == []
        assert not missing_strings.found, missing_strings.found
    finally:
        desk.close()
        page.context.close()


def test_a_lost_ack_is_resent_and_the_server_keeps_one_card(browser, tight_server, missing_strings):
    """The server stored the card but its answer never reached the phone (the frame is
    dropped on the way): the outbox sends it again with the same client_id, the server
    answers `duplicate: true`, and there is still one card."""
    server = tight_server
    code, key = new_session(server, game="krap", title="Kwijt", question="Wat als het antwoord zoekraakt?")
    desk = Desk(server, code, key)
    page = join_phone(browser, server, code, "Bram", "ondernemer", missing_strings)
    phone = Phone(page, code)
    dropped, duplicates, upgraded = [], [], []

    def through(ws):
        """Pass every WebSocket frame on, except the first answer to the card (an ack: "43…")."""
        upstream = ws.connect_to_server()

        def down(message):
            if isinstance(message, str) and message.startswith("43") and "Dubbel verstuurd" in message:
                if '"duplicate":true' in message.replace(" ", ""):
                    duplicates.append(message)
                elif not dropped:
                    dropped.append(message)
                    return
            ws.send(message)

        def up(message):
            # Socket.IO's connect on a WebSocket from the start (static/js/socket.js), or
            # Engine.IO's upgrade from polling: from now on everything goes over this socket
            if message == "5" or message.startswith("40"):
                upgraded.append(message)
            upstream.send(message)

        upstream.on_message(down)
        ws.on_message(up)

    try:
        desk.control("start")
        desk.control("next")
        expect(page.locator(".round h1")).to_have_text("Ideeën")
        page.route_web_socket(re.compile(r"/socket\.io/"), through)
        page.reload()  # the route takes the page's WebSockets from its next load on
        expect(page.locator("#connection")).to_have_attribute("data-state", "online")
        for _ in range(100):  # Socket.IO is on the WebSocket
            if upgraded:
                break
            page.wait_for_timeout(50)
        assert upgraded, "the connection never moved to the WebSocket"
        page.fill("#card-text", "Dubbel verstuurd")
        page.get_by_role("button", name="Kaartje plaatsen").click()
        expect(page.locator(".own-card.is-pending")).to_have_count(0, timeout=30000)
        expect(page.locator(".own-card")).to_have_count(1)
        assert len(dropped) == 1 and len(duplicates) == 1, (dropped, duplicates)
        assert [c["text"] for c in desk.items("card", "ideeen")] == ["Dubbel verstuurd"]
        assert phone.queued() == []
    finally:
        desk.close()
        page.context.close()


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    """The krap game on a server that lets one socket send 2 events at once, then one every 2 s."""
    process = ServerProcess(
        tmp_path_factory.mktemp("strict-instance"),
        env={
            "SAMENSPEL_GAME_RULES": str(RULES),
            "SAMENSPEL_SOCKET_EVENT_BURST": "2",
            "SAMENSPEL_SOCKET_EVENTS_PER_SECOND": "0.5",
        },
    ).start()
    yield process
    process.stop()


def test_a_busy_server_gets_the_queue_again_after_a_pause(browser, strict_server, missing_strings):
    """rate_limited is "not now", not a refusal: the outbox keeps the input and tries again."""
    server = strict_server
    code, key = new_session(server, game="krap", title="Druk", question="Wat als de server het druk heeft?")
    desk = Desk(server, code, key)
    page = join_phone(browser, server, code, "Mila", "anders", missing_strings)
    phone = Phone(page, code)
    answers: list[str] = []  # what the server sent the phone, over the WebSocket or long-polling
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: answers.append(str(frame))))
    page.on(
        "requestfinished",
        lambda request: answers.append(request.response().text())
        if "/socket.io/" in request.url and request.method == "GET"
        else None,
    )
    try:
        desk.control("start")
        desk.control("next")
        expect(page.locator(".round h1")).to_have_text("Ideeën")
        expect(page.locator("#card-text")).to_be_visible()  # the round's code is in
        page.wait_for_timeout(4500)  # a full bucket
        phone.offline()
        for text in ("Een", "Twee"):
            page.fill("#card-text", f"Kaartje {text}")
            page.get_by_role("button", name="Kaartje plaatsen").click()
        phone.online()  # the reconnect's sync and the first card use the burst; the second is refused for now
        expect(page.locator(".own-card:not(.is-pending)")).to_have_count(2, timeout=20000)
        assert sorted(c["text"] for c in desk.items("card", "ideeen")) == ["Kaartje Een", "Kaartje Twee"]
        assert phone.queued() == []
        assert any("rate_limited" in answer for answer in answers), "the server was not busy: no test"
    finally:
        desk.close()
        page.context.close()


def to_vote_on(desk) -> dict[str, int]:
    """Start, three ideas written by three people without a phone (2 cards per player: one
    writer each), then the vote: returns the ideas' ids by text."""
    desk.control("start")
    desk.control("next")
    ideas = {}
    for n, text in enumerate(("Idee A", "Idee B", "Idee C")):
        writer = desk.client.call("participant:add", {"name": f"Wim {n}", "role": "inwoner"})["participant"]
        ack = desk.client.call(
            "card:add", {"round_id": "ideeen", "text": text, "client_id": f"idee-{n:04d}", "on_behalf_of": writer["id"]}
        )
        ideas[text] = ack["item"]["id"]
    desk.control("next")
    return ideas


def test_dots_moved_offline_never_exceed_the_budget_on_the_way(browser, tight_server, missing_strings):
    """Dots taken back go out before dots given: moving dots around offline (2 dots, at
    most 1 per idea) reaches the server as the same end result, never as "too many dots"."""
    server = tight_server
    code, key = new_session(server, game="krap", title="Schuiven", question="Waar zet je je stippen?")
    desk = Desk(server, code, key)
    page = join_phone(browser, server, code, "Joost", "ambtenaar", missing_strings)
    phone = Phone(page, code)
    try:
        ideas = to_vote_on(desk)
        card = {text: page.locator(".vote-card", has_text=text) for text in ideas}
        card["Idee A"].click()
        card["Idee B"].click()
        expect(page.locator(".save-status")).to_have_text("Opgeslagen")
        phone.offline()
        card["Idee A"].click()  # take back (at most 1 per idea)
        card["Idee C"].click()
        card["Idee B"].click()  # take back
        card["Idee A"].click()  # and give again: queued after C
        expect(page.locator(".dots-left-text")).to_have_text("Al je stippen staan")
        phone.online(reload=True)
        expect(page.locator(".save-status")).to_have_text("Opgeslagen")
        expect(page.locator(".vote-item.has-dots")).to_have_count(2)
        [ballot] = desk.items("ballot", "kiezen")
        assert {int(k): v for k, v in ballot["votes"].items() if v} == {ideas["Idee A"]: 1, ideas["Idee C"]: 1}
        assert phone.queued() == []
    finally:
        desk.close()
        page.context.close()


def test_a_tap_refused_on_the_phone_stays_said_when_an_earlier_answer_arrives(browser, tight_server, missing_strings):
    """ "No dots left" said on the phone is not wiped by the answer to the dot before it,
    arriving a moment later ("Saved" read as if the refused tap had counted); the next tap
    that does go out replaces it. The server's answers are slowed down in the page, so the
    refused tap always falls while the earlier dot is on its way."""
    server = tight_server
    code, key = new_session(server, game="krap", title="Traag", question="Wat als het antwoord laat komt?")
    desk = Desk(server, code, key)
    page = join_phone(browser, server, code, "Els", "inwoner", missing_strings)
    phone = Phone(page, code)
    status = page.locator(".save-status")
    try:
        ideas = to_vote_on(desk)
        phone.slow_replies(0)
        page.reload()
        expect(page.locator("#connection")).to_have_attribute("data-state", "online")
        card = {text: page.locator(".vote-card", has_text=text) for text in ("Idee A", "Idee B", "Idee C")}
        card["Idee A"].click()
        expect(status).to_have_text("Opgeslagen")
        phone.slow_replies(1500)
        card["Idee B"].click()  # the last dot: its answer takes 1.5 s
        expect(page.locator(".dots-left-text")).to_have_text("Al je stippen staan")
        card["Idee C"].click()  # refused on the phone while B's answer is on its way
        expect(status).to_contain_text("Je hebt geen stippen meer")
        expect(page.locator(".vote-item.has-dots")).to_have_count(2)
        page.wait_for_function(
            "key => !Object.keys(localStorage).some(k => k.startsWith(key))", arg=f"samenspel:outbox:{code}:"
        )
        page.wait_for_timeout(500)  # B's "sent" has been handled
        expect(status).to_contain_text("Je hebt geen stippen meer")
        phone.slow_replies(0)
        page.get_by_role("button", name="Stip terugnemen: Idee A").click()
        expect(status).to_have_text("Opgeslagen")
        [ballot] = desk.items("ballot", "kiezen")
        assert {int(k) for k, v in ballot["votes"].items() if v} == {ideas["Idee B"]}
    finally:
        desk.close()
        page.context.close()


def test_a_round_whose_code_could_not_load_comes_when_the_network_does(browser, tight_server, missing_strings):
    """A phone that loses the network while it fetches the next round's code (the round's
    mechanic, loaded on demand) does not stay on "loading": it tries again until it gets it."""
    server = tight_server
    code, key = new_session(server, game="krap", title="Wifi hapert", question="Wat als het laden mislukt?")
    desk = Desk(server, code, key)
    page = join_phone(browser, server, code, "Ans", "inwoner", missing_strings)
    blocked = re.compile(r".*/js/mechanics/cards\.[^/]*js$")
    refused = []

    def refuse(route):
        refused.append(route.request.url)
        route.abort()

    def wait_refused(n: int) -> None:
        for _ in range(100):
            if len(refused) >= n:
                return
            page.wait_for_timeout(100)
        raise AssertionError(f"{len(refused)} tries of the round's code, not {n}")

    page.context.route(blocked, refuse)
    try:
        desk.control("start")
        expect(page.locator(".round h1")).to_have_text("Welkom")
        wait_refused(1)  # the next round's code, fetched ahead: cut off
        desk.control("next")
        expect(page.locator(".round .loading")).to_be_visible()
        wait_refused(3)  # tried again while the round is on
        page.context.unroute(blocked)
        expect(page.locator("#card-text")).to_be_visible(timeout=10_000)
    finally:
        page.context.close()
