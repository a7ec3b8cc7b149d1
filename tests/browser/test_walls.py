"""A full hall on the projector: 40 players, 40 sentences, 120 cards, 120 ideas to vote on,
40 steps of the action path — every one of them reachable on the wall, page by page
(static/js/wall-pager.js).

The players write over real Socket.IO clients; the projector (1920×1080) and the console run
in Chromium. On each wall: every text appears on some page, "1–15 van 90" names exactly the
items on the page and the pages follow each other without a gap; the console holds the wall
(it stops turning), turns it forward and back; released, it turns by itself; a newly written
card comes up on the wall although it lands on another page. axe on the paged wall, light
and dark. The smallest text on a paged wall stays readable: at least 1/46 of the screen
height, at 1920×1080 and at 1280×720."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samenspel.engine.wall import NEW_SECONDS, PAGE_SECONDS
from tests.support.browser import axe_problems, shoot
from tests.support.crowd import Crowd, advance, new_session, open_console, open_projector
from tests.support.wall import page_range, read_every_page

pytestmark = [pytest.mark.browser, pytest.mark.server]

PLAYERS = 40
ROLES = ["inwoner", "ambtenaar", "bestuurder", "professional", "ondernemer"]
HALL_WAIT = 30_000  # ms: a hall of writes reaches a projector on a busy test machine
LATE = "Een nieuw kaartje, als laatste geschreven"
WORDS = "moestuin kas speelplek buurthuis regenton compost bankje schaduw pluktuin kippenhok zaad oogst".split()


def sentence(i: int, what: str) -> str:
    """A realistic length of text, different for every player (and never a prefix of another)."""
    words = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(6))
    return f"{what} #{i:03d}: ik wil graag helpen met {words}, en ik ken mensen in de straat die dat ook willen."


def assert_readable(projector, selector: str) -> float:
    """The smallest font of the wall's main text, as a share of the screen height."""
    smallest = projector.evaluate(
        """selector => Math.min(...[...document.querySelectorAll('.paged-view ' + selector)]
             .map((n) => parseFloat(getComputedStyle(n).fontSize))) / window.innerHeight""",
        selector,
    )
    assert smallest >= 1 / 46, f"text at {smallest * window_height(projector):.1f}px is too small for a hall"
    return smallest


def window_height(projector) -> int:
    return projector.evaluate("window.innerHeight")


@pytest.fixture(scope="module")
def hall(browser, server):
    code, key = new_session(server)
    players = [{"name": f"Speler {i:02d}", "role": ROLES[i % len(ROLES)]} for i in range(PLAYERS)]
    crowd = Crowd(server, code, players)
    console = open_console(browser, server, code, key)
    projector = open_projector(browser, server, code)
    yield {"code": code, "crowd": crowd, "console": console, "projector": projector}
    crowd.close()
    console.context.close()
    projector.context.close()


def test_forty_intros_are_all_on_the_wall(hall):
    crowd, console, projector = hall["crowd"], hall["console"], hall["projector"]
    advance(console, "Welkom en rollen", "#btn-start")
    intros = {name: sentence(i, "Intro") for i, name in enumerate(crowd.names)}
    for name, text in intros.items():
        crowd.call(name, "intro:set", {"round_id": "welkom", "text": text})
    expect(projector.locator(".faces-count")).to_contain_text(f"{PLAYERS} van de {PLAYERS}", timeout=HALL_WAIT)
    pages = read_every_page(projector, console, ".face-line")
    assert len(pages) > 1
    seen = [text for page in pages for text in page]
    assert sorted(seen) == sorted(intros.values())
    assert_readable(projector, ".face-line")
    shoot(projector, "projector-wall-intros-paged.png")


def test_a_hundred_and_twenty_cards_are_all_on_the_wall_and_the_console_steers_it(hall):
    crowd, console, projector = hall["crowd"], hall["console"], hall["projector"]
    advance(console, "De droom")
    cards = [sentence(i * 3 + k, f"Kaart {k + 1}") for i in range(PLAYERS) for k in range(3)]
    ids = {}
    for i, name in enumerate(crowd.names):
        for text in cards[i * 3 : i * 3 + 3]:
            ids[text] = crowd.call(name, "card:add", {"round_id": "droom", "text": text})["item"]["id"]
    expect(projector.locator(".wall-range")).to_have_text(re.compile(rf" van {len(cards)}$"), timeout=HALL_WAIT)
    pages = read_every_page(projector, console, ".card-text")
    seen = [text for page in pages for text in page]
    assert sorted(seen) == sorted(cards), "every card on exactly one page"
    assert len(pages) > 2
    shoot(projector, "projector-wall-cards-paged.png")
    assert_readable(projector, ".card-text")
    expect(projector.locator(".wall-dots li")).to_have_count(len(pages))

    # Held, the wall stays on its page longer than a page stays up.
    held_at = page_range(projector)
    projector.wait_for_timeout((PAGE_SECONDS + 2) * 1000)
    assert page_range(projector) == held_at
    # Forward and back from the console (from the last page, forward wraps to the first).
    console.locator("#btn-wall-next").click()
    expect(projector.locator(".wall-range")).to_have_text(re.compile(r"^1–"))
    console.locator("#btn-wall-prev").click()
    expect(projector.locator(".wall-range")).to_have_text(f"{held_at[0]}–{held_at[1]} van {held_at[2]}")

    # Released, it turns by itself (the page's time comes from the server).
    console.locator("#btn-wall-hold").click()
    expect(console.locator("#btn-wall-hold")).to_have_attribute("aria-pressed", "false")
    expect(projector.locator(".wall-held")).to_be_hidden()
    expect(projector.locator(".wall-range")).to_have_text(re.compile(r"^1–"), timeout=(PAGE_SECONDS + 8) * 1000)

    # A new card on another page gets its moment: that page comes up. (The hall is full and
    # so are the hands: the first player takes a card back and writes a new one.)
    first = crowd.names[0]
    crowd.call(first, "card:delete", {"id": ids[cards[0]]})
    crowd.call(first, "card:add", {"round_id": "droom", "text": LATE})
    expect(projector.locator(".paged-view .card-text", has_text=LATE)).to_be_visible(
        timeout=(NEW_SECONDS + PAGE_SECONDS + 5) * 1000
    )


def test_the_paged_wall_is_accessible_light_and_dark_and_fits_a_smaller_projector(hall, server):
    projector = hall["projector"]
    console = hall["console"]
    console.locator("#btn-wall-hold").click()
    expect(projector.locator(".wall-held")).to_be_visible()
    assert not axe_problems(projector, server), "paged wall, dark"
    projector.keyboard.press("t")
    expect(projector.locator("html")).to_have_class(re.compile("theme-light"))
    assert not axe_problems(projector, server), "paged wall, light"
    shoot(projector, "projector-wall-cards-paged-light.png")
    projector.keyboard.press("t")
    # A 1280×720 projector: the pages are cut again, everything still reachable and readable.
    projector.set_viewport_size({"width": 1280, "height": 720})
    expect(projector.locator(".wall-range")).to_have_text(re.compile(r" van 120$"))
    pages = read_every_page(projector, console, ".card-text")
    assert sum(len(p) for p in pages) == 120
    assert_readable(projector, ".card-text")
    shoot(projector, "projector-wall-cards-paged-720.png")
    projector.set_viewport_size({"width": 1920, "height": 1080})


def test_reduced_motion_turns_pages_without_the_fade(hall):
    projector, console = hall["projector"], hall["console"]
    projector.emulate_media(reduced_motion="reduce")
    console.locator("#btn-wall-next").click()
    expect(projector.locator(".paged-view.is-turning")).to_have_count(1)
    assert projector.evaluate("getComputedStyle(document.querySelector('.paged-view')).animationName") == "none"
    projector.emulate_media(reduced_motion="no-preference")


def test_a_hundred_and_twenty_ideas_to_vote_on_and_their_result_are_all_on_the_wall(hall):
    crowd, console, projector = hall["crowd"], hall["console"], hall["projector"]
    for title in ("Belangen", "Rolwissel", "Kansen en drempels", "Ideeën"):
        advance(console, title)
    ideas = [sentence(i * 3 + k, f"Idee {k + 1}") for i in range(PLAYERS) for k in range(3)]
    for i, name in enumerate(crowd.names):
        for text in ideas[i * 3 : i * 3 + 3]:
            crowd.call(name, "card:add", {"round_id": "ideeen", "text": text})
    advance(console, "Kiezen")
    expect(projector.locator(".wall-range")).to_have_text(re.compile(rf" van {len(ideas)}$"), timeout=HALL_WAIT)
    pages = read_every_page(projector, console, ".idea")
    assert sorted(t for page in pages for t in page) == sorted(ideas)
    assert_readable(projector, ".idea")
    shoot(projector, "projector-wall-vote-paged.png")
    # the result of a full hall: every idea ranked, in pages from the most dots down
    for i, name in enumerate(crowd.names):
        snapshot = crowd.clients[name].call("sync")["snapshot"]
        ids = {c["text"]: c["id"] for c in snapshot["items"] if c["round_id"] == "ideeen"}
        crowd.call(name, "ballot:set", {"round_id": "kiezen", "card_id": ids[ideas[i % 10]], "count": 2})
    console.locator("body").press("r")
    expect(projector.locator(".vote-result-title")).to_have_text("Uitslag")
    expect(projector.locator(".wall-range")).to_have_text(re.compile(rf"^1–\d+ van {len(ideas)}$"), timeout=HALL_WAIT)
    first = projector.locator(".bar-row").first
    expect(first.locator(".bar-rank")).to_have_text("1.")
    expect(first.locator(".chosen-badge")).to_have_text("Gekozen")
    pages = read_every_page(projector, console, ".bar-text")
    assert sorted(t for page in pages for t in page) == sorted(ideas)
    ranked = [t for page in pages for t in page]
    assert sorted(ranked[:10]) == sorted(ideas[:10]), "the ideas with dots lead, from the first page"
    assert_readable(projector, ".bar-label")


def test_forty_steps_of_the_action_path_are_all_on_the_wall(hall):
    crowd, console, projector = hall["crowd"], hall["console"], hall["projector"]
    for title in ("Wat breng ik in?", "Actiepad"):
        advance(console, title)
    steps = {}
    for i, name in enumerate(crowd.names[:PLAYERS]):
        what = f"Stap {i:02d}: {' '.join(WORDS[(i + k) % len(WORDS)] for k in range(5))} regelen"
        steps[what] = name
        payload = {"round_id": "actiepad", "what": what, "owner": name, "needs": sentence(i, "Nodig")}
        crowd.call(name, "step:add", payload)
    expect(projector.locator(".wall-range")).to_have_text(re.compile(rf" van {PLAYERS}$"), timeout=HALL_WAIT)
    pages = read_every_page(projector, console, ".path-what")
    assert sorted(t for page in pages for t in page) == sorted(steps)
    assert_readable(projector, ".path-what")
    shoot(projector, "projector-wall-plan-paged.png")
