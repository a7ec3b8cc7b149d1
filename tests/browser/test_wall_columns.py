"""Kansen en drempels side by side on the projector (1920×1080): a cards round grouped by two
categories shows them as two columns, each with its heading and count, paged in step
(static/js/mechanics/cards.js sideBySide, static/js/wall-pager.js).

The tour found the default game's notes saying "Zet ze naast elkaar op het scherm" while the
wall showed all Kans cards first and Drempel pages later. Here 30 cards (16 kansen, 14
drempels, written over real Socket.IO clients) make the wall go in pages: both columns stand
on the first page, side by side; page n shows each column's nth slice and a column that runs
out keeps showing its end; "x–y van 30" walks from 1 to 30 without a gap; the console holds
the wall (a new card waits, the page stays) and turns it; let go, a new card brings its page
up sooner than a page turns by itself. axe, light and dark."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samenspel.engine.wall import NEW_SECONDS, PAGE_SECONDS
from samenspel.rules.mechanics.cards import SIDE_BY_SIDE_MOST
from tests.support.browser import axe_problems, shoot
from tests.support.crowd import Crowd, advance, new_session, open_console, open_projector
from tests.support.wall import columns_shown, page_range, read_every_column_page

pytestmark = [pytest.mark.browser, pytest.mark.server]

ROUND = "kansen-drempels"
ROLES = ["inwoner", "ambtenaar", "professional", "ondernemer", "bestuurder"]
KANS = [
    "Er is nog geld in het buurtbudget voor groen en voor een kas",
    "De basisschool wil graag moestuinlessen geven aan groep zes",
    "Henk heeft een bakfiets die we mogen lenen voor de compost",
    "De gemeente heeft een leeg stuk grond aan de Schelpenstraat",
    "Veel ouders willen op zaterdag meehelpen",
    "Het buurthuis heeft een keuken voor een oogstfeest",
    "Een tuincentrum wil zaad en potgrond geven",
    "Er wonen drie gepensioneerde hoveniers in de wijk",
]
DREMPEL = [
    "Een bestemmingsplanwijzigingsprocedure duurt veel te lang voor een tijdelijke moestuin",
    "Wie houdt de tuin bij in de zomervakantie, als iedereen weg is",
    "De grond is misschien vervuild door de oude garage",
    "Er is geen water op het terrein",
    "Niet iedereen spreekt goed Nederlands",
    "Vandalisme bij het speelveldje in de avond",
    "De verzekering voor vrijwilligers is onduidelijk",
]
HALL_WAIT = 30_000


def cards(texts: list[str], n: int) -> list[str]:
    """`n` different cards (none the start of another), from the texts by turns."""
    return [f"{texts[i % len(texts)]} (nr. {i + 1:02d})." for i in range(n)]


@pytest.fixture(scope="module")
def wall(browser, server):
    code, key = new_session(server)
    crowd = Crowd(server, code, [{"name": f"Speler {i:02d}", "role": ROLES[i % len(ROLES)]} for i in range(10)])
    console = open_console(browser, server, code, key)
    projector = open_projector(browser, server, code)
    advance(console, "Welkom en rollen", "#btn-start")
    for title in ("De droom", "Belangen", "Rolwissel", "Kansen en drempels"):
        advance(console, title)
    kansen, drempels = cards(KANS, 16), cards(DREMPEL, 14)
    written = [("kans", t) for t in kansen] + [("drempel", t) for t in drempels]
    for i, (category, text) in enumerate(written):
        payload = {"round_id": ROUND, "text": text, "category": category}
        crowd.call(crowd.names[i % len(crowd.names)], "card:add", payload)
    expect(projector.locator(".wall-range")).to_have_text(re.compile(r" van 30$"), timeout=HALL_WAIT)
    yield {"crowd": crowd, "console": console, "projector": projector, "kans": kansen, "drempel": drempels}
    crowd.close()
    console.context.close()
    projector.context.close()


def test_the_two_categories_stand_side_by_side_on_the_first_page(wall, server):
    projector, console = wall["projector"], wall["console"]
    assert SIDE_BY_SIDE_MOST >= 2
    pages = read_every_column_page(projector, console)  # held, and back on the first page
    assert len(pages) > 1, "30 cards go in pages at 1080p"
    kans, drempel = columns_shown(projector)
    assert (kans["name"], drempel["name"]) == ("Kans", "Drempel")
    assert kans["cards"] and drempel["cards"], "both columns have cards on the first page"
    assert abs(kans["top"] - drempel["top"]) < 1 and kans["right"] <= drempel["left"], "side by side"
    assert kans["cards"] == wall["kans"][: len(kans["cards"])]
    assert drempel["cards"] == wall["drempel"][: len(drempel["cards"])]
    # Each heading names its column and how far this page goes into it.
    assert re.fullmatch(rf"1–{len(kans['cards'])} van 16", kans["count"]), kans["count"]
    assert re.fullmatch(rf"1–{len(drempel['cards'])} van 14|14", drempel["count"]), drempel["count"]
    shoot(projector, "projector-wall-columns.png")
    assert not axe_problems(projector, server), "columns wall, dark and light"
    projector.keyboard.press("t")
    expect(projector.locator("html")).to_have_class(re.compile("theme-light"))
    shoot(projector, "projector-wall-columns-light.png")
    projector.keyboard.press("t")


def test_the_columns_turn_in_step_and_a_column_that_runs_out_shows_its_end(wall):
    projector, console = wall["projector"], wall["console"]
    pages = read_every_column_page(projector, console)
    expected_from = 1
    slices = {"Kans": [], "Drempel": []}
    for (low, high, total), columns in pages:
        assert total == 30
        assert [c["name"] for c in columns] == ["Kans", "Drempel"], "both columns on every page"
        new = 0
        for column in columns:
            assert not [t for t in column["cards"] if t.startswith("CUT OFF")], column
            earlier = slices[column["name"]]
            if earlier and column["cards"] == earlier[-1]:
                continue  # ran out: its last slice again
            seen = sum(len(s) for s in earlier)
            everything = wall["kans" if column["name"] == "Kans" else "drempel"]
            assert column["cards"] == everything[seen : seen + len(column["cards"])], "the next slice, in order"
            earlier.append(column["cards"])
            new += len(column["cards"])
        assert low == expected_from and high - low + 1 == new, f"{low}–{high} after {expected_from - 1}, {new} new"
        expected_from = high + 1
    assert expected_from == 31, "the pages brought up all 30 cards"
    assert [t for s in slices["Kans"] for t in s] == wall["kans"]
    assert [t for s in slices["Drempel"] for t in s] == wall["drempel"]
    assert len(pages) == max(len(s) for s in slices.values()), "as many pages as the longest column needs"
    short = min(slices, key=lambda name: len(slices[name]))
    if len(slices[short]) < len(pages):
        last = next(c for c in pages[-1][1] if c["name"] == short)
        assert last["cards"] == slices[short][-1], "a column that ran out shows its end"
        assert last["count"].endswith(f"van {len(wall['kans' if short == 'Kans' else 'drempel'])}")
    expect(projector.locator(".wall-dots li")).to_have_count(len(pages))


def test_held_the_wall_stays_and_let_go_a_new_card_brings_its_page_up(wall):
    projector, console, crowd = wall["projector"], wall["console"], wall["crowd"]
    read_every_column_page(projector, console)  # held, on the first page
    first = page_range(projector)
    # Held: a new Kans card lands at the end of the Kans column, on the last page; the wall stays.
    held_card = "Kans die wacht: de woningcorporatie betaalt een regenton (nr. 17)."
    crowd.call(crowd.names[0], "card:add", {"round_id": ROUND, "text": held_card, "category": "kans"})
    expect(projector.locator(".wall-range")).to_have_text(re.compile(r" van 31$"))
    expect(projector.locator(".wall-waiting")).to_have_text("1 nieuw op een andere pagina")
    projector.wait_for_timeout((NEW_SECONDS + 2) * 1000)
    assert page_range(projector)[0] == first[0], "held, the page stays"
    assert held_card not in [t for c in columns_shown(projector) for t in c["cards"]]

    # Turned from the console, forward and back, both columns move on together.
    on_first = columns_shown(projector)
    console.locator("#btn-wall-next").click()
    expect(projector.locator(".wall-range")).not_to_have_text(re.compile(r"^1–"))
    second = columns_shown(projector)
    for before, after, everything in zip(on_first, second, (wall["kans"] + [held_card], wall["drempel"])):
        if len(before["cards"]) < len(everything):
            assert after["cards"][0] == everything[len(before["cards"])], f"{after['name']} goes on where it was"
    console.locator("#btn-wall-prev").click()
    expect(projector.locator(".wall-range")).to_have_text(re.compile(r"^1–"))

    # Let go, just after a turn: the next new card's page comes up after NEW_SECONDS, before
    # the page would turn by itself (and that would be the second page, not the last).
    console.locator("#btn-wall-hold").click()
    expect(projector.locator(".wall-held")).to_be_hidden()
    late = "Kans als laatste: de bakker wil brood bakken van onze tarwe (nr. 18)."
    crowd.call(crowd.names[1], "card:add", {"round_id": ROUND, "text": late, "category": "kans"})
    expect(projector.locator(".paged-view .card-text", has_text=late)).to_be_visible(timeout=(PAGE_SECONDS - 2) * 1000)
    low, high, total = page_range(projector)
    assert (high, total) == (32, 32), f"the last page came up: {low}–{high} van {total}"
    kans = columns_shown(projector)[0]
    assert kans["cards"][-2:] == [held_card, late]
