"""A hall at tables in the browser (issue 12): the console sets up 2 tables for 6 players
(two phones in Chromium, four over real Socket.IO clients), new tables and moving a person;
a table's screen and the projector's grid of tables in a round played at tables, the message
to all tables and a call for help; the vote at each table (the harvest) and its result once
closed; a vote of the whole
hall on the harvest; and one action path on the harvested ideas. axe on the new
screens; screenshots into docs/screenshots.

The game is tests/browser/tables_rules/zaal.yaml: ideas at tables, a vote at tables, a vote
of the hall on the tables' chosen ideas, the action path."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samenspel.engine.tables import names
from tests.conftest import require
from tests.support.browser import ROOT, SHOTS, axe_problems, shoot
from tests.support.clients import LiveClient
from tests.support.crowd import PHONE, Crowd, advance, join_phone, new_session, open_console, open_projector
from tests.support.server import ServerProcess

pytestmark = [pytest.mark.browser, pytest.mark.server]

RULES = ROOT / "tests" / "browser" / "tables_rules"
TABLET = {"viewport": {"width": 1280, "height": 800}, "locale": "nl-NL"}
ON_PHONES = {"Fatima": "inwoner", "Joost": "ambtenaar"}
ON_SOCKETS = {"Anouk": "bestuurder", "Bram": "professional", "Chris": "ondernemer", "Dewi": "inwoner"}
WAIT = 15_000


def table_name(table_id: int) -> str:
    return names.table(table_id).name.nl


@pytest.fixture(scope="module")
def hall_server(tmp_path_factory):
    require((ROOT / "static" / "vendor" / "axe.min.js").exists(), "static/vendor/ is empty: run `sh scripts/vendor.sh`")
    process = ServerProcess(tmp_path_factory.mktemp("tables-instance"), env={"SAMENSPEL_GAME_RULES": str(RULES)})
    yield process.start()
    process.stop()


@pytest.fixture(scope="module")
def hall(browser, hall_server):
    server = hall_server
    code, key = new_session(server, "zaal", "Buurtavond", "Wat doen we?")
    phones = {name: join_phone(browser, server, code, name, role) for name, role in ON_PHONES.items()}
    crowd = Crowd(server, code, [{"name": n, "role": r} for n, r in ON_SOCKETS.items()])
    console = open_console(browser, server, code, key)
    projector = open_projector(browser, server, code)
    state = {
        "server": server,
        "code": code,
        "key": key,
        "phones": phones,
        "crowd": crowd,
        "console": console,
        "projector": projector,
        "cards": {},
    }
    yield state
    crowd.close()
    for page in [console, projector, *phones.values(), *([state["screen"]] if "screen" in state else [])]:
        page.context.close()


def seats(hall) -> dict[str, int]:
    """Everyone's table, as a screen's snapshot says (a phone's has no participant list)."""
    screen = LiveClient(hall["server"].url, code=hall["code"]).connect()
    snapshot = screen.call("sync", {})["snapshot"]
    screen.close()
    return {p["name"]: p["table"] for p in snapshot["participants"]}


def shoot_part(locator, name: str) -> None:
    """A screenshot of one part of a page (the console's tables panel), for docs/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    locator.page.wait_for_timeout(800)  # let the arrival animations settle
    locator.screenshot(path=str(SHOTS / name))


def open_details(details) -> None:
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()


def texts(where, selector: str) -> list[str]:
    return where.locator(selector).all_text_contents()


def glance(console) -> dict[str, list[str]]:
    """The console's tables at a glance: table name → the names listed at it."""
    boxes = console.locator("#tables-glance .table-box")
    return {
        boxes.nth(i).get_attribute("aria-label"): texts(boxes.nth(i), ".table-members li .role-chip")
        for i in range(boxes.count())
    }


def test_the_console_sets_up_two_tables_balanced_by_role(hall):
    console = hall["console"]
    open_details(console.locator("#tables-setup-box"))
    console.get_by_label("Ja, een aantal tafels").check()
    console.locator("#tables-number").fill("2")
    console.get_by_label("Hoe krijgen mensen een tafel?").select_option("balanced")
    console.get_by_role("button", name="Tafels opslaan").click()
    expect(console.locator("#tables-status")).to_have_text("De tafels staan klaar. Iedereen heeft een tafel.")
    expect(console.locator("#tables-glance .table-box")).to_have_count(2)
    at = seats(hall)
    assert sorted(at.values()) == [1, 1, 1, 2, 2, 2]
    # the two residents (the only role with two players) sit apart
    assert at["Fatima"] != at["Dewi"]
    shown = glance(console)
    assert sorted(n for members in shown.values() for n in members) == sorted([*ON_PHONES, *ON_SOCKETS])
    for name, phone in hall["phones"].items():
        expect(phone.locator(".table-seat .table-chip")).to_have_text(table_name(at[name]))


def test_new_tables_keep_the_balance_and_a_person_can_be_moved(hall):
    console = hall["console"]
    console.get_by_role("button", name="Nieuwe tafels").click()
    expect(console.locator("#tables-status")).to_have_text("Nieuwe tafels: iedereen zit nu bij andere mensen.")
    at = seats(hall)
    assert sorted(at.values()) == [1, 1, 1, 2, 2, 2] and at["Fatima"] != at["Dewi"]
    other = 3 - at["Bram"]
    open_details(console.locator(".tables-live details"))
    console.get_by_label("Wie?").select_option(label="Bram")
    console.get_by_label("Naar welke tafel?").select_option(label=table_name(other))
    console.get_by_role("button", name="Verplaatsen", exact=True).click()
    expect(console.locator("#tables-status")).to_have_text(f"Bram zit nu aan {table_name(other)}.")
    assert seats(hall)["Bram"] == other
    expect(console.locator(f'#tables-glance .table-box[aria-label="{table_name(other)}"]')).to_contain_text("Bram")
    # and back, so both tables have three people for the rounds
    console.get_by_label("Wie?").select_option(label="Bram")
    console.get_by_label("Naar welke tafel?").select_option(label=table_name(3 - other))
    console.get_by_role("button", name="Verplaatsen", exact=True).click()
    expect(console.locator("#tables-status")).to_have_text(f"Bram zit nu aan {table_name(3 - other)}.")
    shoot_part(console.locator("#tables-panel"), "console-tables.png")
    assert axe_problems(console, hall["server"]) == []


def test_a_phone_and_a_table_screen_show_the_table_in_the_lobby(hall, browser):
    at = seats(hall)
    fatima = hall["phones"]["Fatima"]
    expect(fatima.locator(".table-seat")).to_contain_text(f"Jouw tafel: {table_name(at['Fatima'])}")
    shoot(fatima, "phone-table-lobby.png")
    assert axe_problems(fatima, hall["server"]) == []
    screen = browser.new_context(**TABLET).new_page()
    hall["screen"] = screen
    screen.goto(f"{hall['server'].url}/s/{hall['code']}/t/{at['Fatima']}")
    expect(screen.locator("#connection")).to_have_attribute("data-state", "online")
    expect(screen.locator("#lobby-title")).to_have_text(table_name(at["Fatima"]))
    here = sorted(name for name, table in at.items() if table == at["Fatima"])
    expect(screen.locator("#people")).to_contain_text(here[0])
    assert sorted(texts(screen, "#people .name-list li")) == here
    assert f"/j/{hall['code']}?table={at['Fatima']}" in screen.locator(".qr-large").get_attribute("alt")
    shoot(screen, "table-screen-lobby.png")
    assert axe_problems(screen, hall["server"]) == []
    # the projector's lobby: who sits where, table by table
    projector = hall["projector"]
    groups = projector.locator("#people .table-group")
    expect(groups).to_have_count(2)
    for table in (1, 2):
        group = groups.filter(has_text=table_name(table))
        assert sorted(texts(group, ".name-list li")) == sorted(n for n, t in at.items() if t == table)
    shoot(projector, "projector-tables-lobby.png")
    assert axe_problems(projector, hall["server"]) == []


def test_a_round_at_tables_on_phones_table_screen_and_projector(hall):
    console, projector, screen, crowd = hall["console"], hall["projector"], hall["screen"], hall["crowd"]
    at = seats(hall)
    advance(console, "Ideeën aan tafel", "#btn-start")
    fatima = hall["phones"]["Fatima"]
    expect(fatima.locator("#view-game h1")).to_have_text("Ideeën aan tafel")
    fatima.get_by_label("Jouw kaartje").fill("Moestuin achter het buurthuis")
    fatima.get_by_role("button", name="Kaartje plaatsen").click()
    expect(fatima.locator(".own-card-text")).to_have_text(["Moestuin achter het buurthuis"])
    cards = {"Moestuin achter het buurthuis": at["Fatima"]}
    for name in ON_SOCKETS:
        text = f"Idee van {name}"
        ack = crowd.call(name, "card:add", {"round_id": "ideeen", "text": text})
        assert ack["item"]["table"] == at[name]
        cards[text] = at[name]
        hall["cards"][text] = ack["item"]["id"]
    hall["cards_at"] = cards
    mine = sorted(text for text, table in cards.items() if table == at["Fatima"])
    # the table's screen: this table's cards only
    expect(screen.locator(".card-text")).to_have_count(len(mine), timeout=WAIT)
    assert sorted(texts(screen, ".card-text")) == mine
    expect(screen.locator("#round-scope")).to_have_text("Aan jullie tafel")
    # the console's moderation: the cards by table
    groups = console.locator(".moderation .mod-group")
    expect(groups).to_have_count(2, timeout=WAIT)
    for table in (1, 2):
        group = groups.filter(has=console.locator(".mod-group-title", has_text=table_name(table)))
        written = sorted(text for text, t in cards.items() if t == table)
        expect(group.locator(".mod-text")).to_have_count(len(written))
        assert sorted(texts(group, ".mod-text")) == written
    # the projector: a grid of both tables, with what each wrote and its latest card
    tiles = projector.locator(".tables-grid .table-tile")
    expect(tiles).to_have_count(2)
    for table in (1, 2):
        tile = tiles.filter(has_text=table_name(table))
        written = [text for text, t in cards.items() if t == table]
        expect(tile.locator(".table-tile-counts")).to_contain_text(f"{len(written)} geschreven", timeout=WAIT)
        expect(tile.locator(".role-dot")).to_have_count(3)
    # the message to all tables reaches phones and table screens
    console.get_by_label("Bericht aan alle tafels").fill("Nog twee minuten")
    console.get_by_role("button", name="Sturen").click()
    expect(fatima.locator(".table-message")).to_contain_text("Nog twee minuten")
    expect(screen.locator("#table-message")).to_have_text("Voor alle tafels: Nog twee minuten")
    # a call for help shows on the console, by table, until it is answered
    joost = hall["phones"]["Joost"]
    joost.get_by_role("button", name="Hulp vragen").click()
    expect(joost.locator(".table-help .table-status")).to_have_text("De begeleider weet dat je hulp vraagt.")
    asked = console.locator("#tables-help")
    expect(asked).to_contain_text("Hulp gevraagd")
    expect(asked).to_contain_text(f"{table_name(at['Joost'])} Joost")
    expect(console.locator(f'.table-box[aria-label="{table_name(at["Joost"])}"]')).to_have_class(
        re.compile(r"\bis-asking\b")
    )
    shoot_part(console.locator("#tables-panel"), "console-tables-round.png")
    console.get_by_role("button", name="Joost is geholpen").click()
    expect(asked).to_be_empty()
    # and the phone that asked sees its call answered
    expect(joost.locator(".table-help .table-status")).to_have_text(
        "Je hulpvraag is gezien. De begeleider komt naar je toe."
    )
    shoot(projector, "projector-tables.png")
    shoot(screen, "table-screen-cards.png")
    for width, height in ((1280, 720), (1920, 1080)):  # the message never runs under the QR code
        screen.set_viewport_size({"width": width, "height": height})
        apart = screen.evaluate(
            """() => { const a = document.querySelector('#table-message').getBoundingClientRect();
                       const b = document.querySelector('.corner-join').getBoundingClientRect();
                       return a.right <= b.left || b.bottom <= a.top || a.bottom <= b.top; }"""
        )
        assert apart, f"the message overlaps the QR code at {width}×{height}"
        shoot(screen, f"table-screen-message-{width}.png")
    screen.set_viewport_size(TABLET["viewport"])
    shoot(fatima, "phone-table-round.png")
    assert axe_problems(projector, hall["server"]) == []
    assert axe_problems(screen, hall["server"]) == []
    assert axe_problems(fatima, hall["server"]) == []
    console.get_by_role("button", name="Bericht weghalen").click()
    expect(fatima.locator(".table-message")).to_be_hidden()


def test_the_vote_at_each_table_is_the_harvest(hall):
    console, crowd = hall["console"], hall["crowd"]
    at, cards = seats(hall), hall["cards_at"]
    advance(console, "Kiezen aan tafel")
    fatima = hall["phones"]["Fatima"]
    mine = sorted(text for text, table in cards.items() if table == at["Fatima"])
    expect(fatima.locator(".vote-card")).to_have_count(len(mine))
    assert sorted(texts(fatima, ".vote-card .vote-text")) == mine
    # each table puts its dots on its own idea of one socket player: that is its top one
    top = {}
    for table in (1, 2):
        top[table] = next(text for text, t in cards.items() if t == table and text.startswith("Idee van"))
    fatima.locator(".vote-card", has_text=top[at["Fatima"]]).click()
    expect(fatima.locator(".dots-left-text")).to_have_text("Al je stippen staan")
    for name in ON_SOCKETS:
        crowd.call(name, "ballot:set", {"round_id": "kiezen", "card_id": hall["cards"][top[at[name]]], "count": 1})
    hall["top"] = top
    # the projector's grid: the ballots are secret, each table shows how many ideas it votes on
    projector = hall["projector"]
    for table in (1, 2):
        ideas = len([text for text, t in cards.items() if t == table])
        tile = projector.locator(".table-tile").filter(has_text=table_name(table))
        expect(tile.locator(".table-tile-counts")).to_have_text(f"{ideas} ideeën")
    shoot(projector, "projector-tables-vote.png")


def test_closing_the_vote_shows_each_tables_choice(hall):
    """ "Stemmen sluiten en uitslag tonen" at tables: each table's tile on the projector ranks
    its ideas and marks the one it chose; a phone shows its own table's result."""
    console, projector, top = hall["console"], hall["projector"], hall["top"]
    button = console.locator("#btn-reveal")
    expect(button).to_have_text("Stemmen sluiten en uitslag tonen")
    button.click()
    for table in (1, 2):
        tile = projector.locator(".table-tile").filter(has_text=table_name(table))
        expect(tile.locator(".bar-row.is-chosen .bar-text")).to_have_text([top[table]])
        expect(tile.locator(".bar-row").first.locator(".bar-rank")).to_have_text("1.")
        expect(tile.locator(".table-tile-latest")).to_have_count(0)
    fatima, own = hall["phones"]["Fatima"], seats(hall)["Fatima"]
    expect(fatima.locator(".vote-result .bar-row.is-chosen .bar-text")).to_have_text([top[own]])
    assert top[3 - own] not in fatima.locator(".vote-result").inner_text(), "another table's ideas stay there"
    assert not axe_problems(projector, hall["server"]), "projector: the tables' result"
    shoot(projector, "projector-tables-vote-result.png")


def test_the_whole_hall_votes_on_the_harvest(hall):
    console, projector = hall["console"], hall["projector"]
    advance(console, "De hele zaal kiest")
    fatima = hall["phones"]["Fatima"]
    harvested = sorted(hall["top"].values())  # each table's top idea, and only those
    expect(fatima.locator(".vote-card")).to_have_count(len(harvested), timeout=WAIT)
    assert sorted(texts(fatima, ".vote-card .vote-text")) == harvested
    expect(projector.locator(".tables-grid")).to_have_count(0)  # the hall's wall again
    other = hall["top"][3 - seats(hall)["Fatima"]]
    fatima.locator(".vote-card", has_text=other).click()
    expect(fatima.locator(".dots-left-text")).to_have_text("Al je stippen staan")
    expect(fatima.locator(".table-seat")).to_be_hidden()  # the hall plays together now
    shoot(fatima, "phone-tables-hall-vote.png")


def test_one_action_path_on_the_harvested_ideas(hall):
    console, projector, crowd = hall["console"], hall["projector"], hall["crowd"]
    advance(console, "Actiepad")
    harvested = sorted(hall["top"].values())
    expect(projector.locator(".idea-chip-text")).to_have_count(2, timeout=WAIT)
    assert sorted(texts(projector, ".idea-chip-text")) == harvested
    idea = hall["cards"][hall["top"][1]]
    crowd.call("Anouk", "step:add", {"round_id": "actiepad", "what": "Grond vragen bij de gemeente", "idea": idea})
    expect(projector.locator(".round-body")).to_contain_text("Grond vragen bij de gemeente", timeout=WAIT)
    shoot(projector, "projector-tables-plan.png")


def test_a_phone_that_scans_a_table_card_sits_at_that_table_when_people_choose(hall, browser):
    console = hall["console"]
    open_details(console.locator("#tables-setup-box"))
    console.get_by_label("Hoe krijgen mensen een tafel?").select_option("self")
    console.get_by_role("button", name="Tafels opslaan").click()
    expect(console.locator("#tables-status")).to_have_text("De tafels staan klaar. Iedereen heeft een tafel.")
    page = browser.new_context(**PHONE).new_page()
    page.goto(f"{hall['server'].url}/j/{hall['code']}?table=2")
    page.fill("#name", "Esra")
    page.get_by_role("button", name="Verder").click()
    page.locator(".role-btn[value=professional]").click()
    expect(page.locator("#view-game")).to_be_visible()
    for _ in range(75):  # the phone asks for its table once it has its snapshot
        if seats(hall).get("Esra") == 2:
            break
        page.wait_for_timeout(200)
    assert seats(hall)["Esra"] == 2
    page.context.close()


@pytest.mark.parametrize("count, size", [(16, 3), (20, 4)])
def test_the_projector_grid_holds_many_tables_readably(browser, hall_server, count, size):
    """A big evening: 16 tables of three, 20 tables of four (80 people). Every table's tile
    is on the screen, none is cut off, its counts stand inside it, and its name stays
    readable from the back of a hall (at least 1/46 of the height)."""
    server = hall_server
    code, key = new_session(server, "zaal", "Grote zaal", "Wat doen we?", tables={"count": count})
    roles = list(ON_PHONES.values()) + list(ON_SOCKETS.values())
    crowd = Crowd(
        server, code, [{"name": f"Speler {i:02d}", "role": roles[i % len(roles)]} for i in range(count * size)]
    )
    console = open_console(browser, server, code, key)
    projector = open_projector(browser, server, code)
    try:
        advance(console, "Ideeën aan tafel", "#btn-start")
        for i, name in enumerate(crowd.names):
            crowd.call(name, "card:add", {"round_id": "ideeen", "text": f"Een idee van tafelgenoot {i} over de buurt"})
        tiles = projector.locator(".tables-grid .table-tile")
        expect(tiles).to_have_count(count)
        expect(projector.locator(".table-tile-latest")).to_have_count(count, timeout=WAIT)
        inside = projector.evaluate(
            """() => [...document.querySelectorAll('.table-tile')].every((tile) => {
                 const box = tile.getBoundingClientRect();
                 return box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth;
               })"""
        )
        assert inside, "a table's tile is cut off"
        counted = projector.evaluate(
            """() => [...document.querySelectorAll('.table-tile')].every((tile) => {
                 const box = tile.getBoundingClientRect();
                 return tile.querySelector('.table-tile-counts').getBoundingClientRect().bottom <= box.bottom;
               })"""
        )
        assert counted, "a table's counts are cut off"
        smallest = projector.evaluate(
            """() => Math.min(...[...document.querySelectorAll('.table-tile-name, .table-tile-counts')]
                 .map((n) => parseFloat(getComputedStyle(n).fontSize))) / innerHeight"""
        )
        assert smallest >= 1 / 46
        shoot(projector, f"projector-tables-{count}.png")
    finally:
        crowd.close()
        console.context.close()
        projector.context.close()
