"""A full hall in the projector's lobby (1920×1080): 32 and 80 people, every name on screen;
at tables as well (31 people at four tables).

People recognise their own name appearing (docs UX: the lobby); with 32 the names used to
shrink to 19 px and still the last roles fell off the bottom. Now the title and the question
make room first, a large role takes the whole width, and from a few dozen people each role is
one paragraph; the name tags shrink only as far as needed. Checked: every name tag lies
wholly inside the visible list, every role is there, the tags stay as large as the count
allows, and the room code stays inside its column. Between two of the lobby's levels the
tags grow back as far as they fit (projector.js): 31 people at four tables got 24 px names
and a fifth of the list empty below them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_problems, shoot
from tests.support.crowd import new_session, open_projector

pytestmark = [pytest.mark.browser, pytest.mark.server]

FIRST_NAMES = (
    "Fatima Henk Sanne Wilhelmina-Josephina Mohammed Kees Dewi Anne-Marie Ayşe Ricardo Noor Hendrikus "
    "Zeynep Maximiliaan Marloes Anouk Lotte Ellen Chantal Gerrit-Jan Ruud Wouter Bram Ilse Priya Bas "
    "Femke Joost Yusuf Tjeerd Sjoerd Pieternella"
).split()
#: half of a hall are residents, as on a real evening; the rest by turns
ROLES = ["inwoner", "ambtenaar", "inwoner", "professional", "inwoner", "bestuurder", "inwoner", "ondernemer"]


def hall(server, count: int, tables: dict | None = None) -> tuple[str, list[str]]:
    code, _ = new_session(server, tables=tables)
    names = []
    for i in range(count):
        name = FIRST_NAMES[i % len(FIRST_NAMES)] + ("" if i < len(FIRST_NAMES) else f" {i // len(FIRST_NAMES) + 1}")
        role = "anders" if i == 11 else ROLES[i % len(ROLES)]
        joined = server.api("POST", f"/api/sessions/{code}/participants", json={"name": name, "role": role})
        assert joined.status_code == 201, joined.text
        names.append(name)
    return code, names


def hidden_names(projector) -> list[str]:
    """Name tags not wholly inside the visible list (cut off at its bottom or right edge)."""
    return projector.evaluate(
        """() => {
          const box = document.querySelector('.lobby-people').getBoundingClientRect();
          return [...document.querySelectorAll('#people .name-list li')].filter((li) => {
            const r = li.getBoundingClientRect();
            return r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1;
          }).map((li) => li.textContent);
        }"""
    )


def smallest_name(projector) -> float:
    return projector.evaluate(
        "() => Math.min(...[...document.querySelectorAll('#people .name-list li')]"
        ".map((li) => parseFloat(getComputedStyle(li).fontSize)))"
    )


@pytest.mark.parametrize(("count", "smallest_px"), [(12, 28), (32, 24), (80, 17)])
def test_every_name_of_a_full_hall_is_on_the_projector(browser, server, count, smallest_px):
    code, names = hall(server, count)
    projector = open_projector(browser, server, code)
    expect(projector.locator("#people-count")).to_have_text(f"{count} mensen doen mee")
    expect(projector.locator("#people .name-list li")).to_have_count(count)
    projector.wait_for_timeout(700)  # the arrival animation
    for role in ("Inwoner", "Ambtenaar", "Bestuurder", "Professional", "Ondernemer"):
        expect(projector.locator("#people .role-group-title", has_text=role)).to_be_visible()
    assert hidden_names(projector) == [], f"{count} people: names cut off"
    assert smallest_name(projector) >= smallest_px, f"{count} people: names at {smallest_name(projector)}px"
    code_box = projector.locator(".room-code").bounding_box()
    column = projector.locator(".lobby-join").bounding_box()
    assert code_box["x"] >= column["x"] - 1 and code_box["x"] + code_box["width"] <= column["x"] + column["width"] + 1
    assert projector.locator(".room-code").evaluate("(c) => c.scrollWidth <= c.clientWidth + 1"), "the code is cut off"
    if count == 80:
        assert not axe_problems(projector, server), "projector lobby with 80 people"
    projector.context.close()


def room_left_below(projector) -> float:
    """The height of the list below its last name tag, in px."""
    return projector.evaluate(
        """() => {
          const box = document.querySelector('.lobby-people').getBoundingClientRect();
          const tags = [...document.querySelectorAll('#people .name-list li')];
          return box.bottom - Math.max(...tags.map((li) => li.getBoundingClientRect().bottom));
        }"""
    )


def test_a_hall_at_tables_gets_names_as_large_as_fit(browser, server):
    count = 31
    code, names = hall(server, count, tables={"count": 4})
    projector = open_projector(browser, server, code)
    expect(projector.locator("#people-count")).to_have_text(f"{count} mensen doen mee")
    expect(projector.locator("#people .table-group")).to_have_count(4)
    expect(projector.locator("#people .name-list li")).to_have_count(count)
    projector.wait_for_timeout(700)  # the arrival animation
    assert hidden_names(projector) == [], "names cut off"
    size = smallest_name(projector)
    assert size >= 28, f"31 people at four tables: names at {size}px, with room to spare"
    tag = projector.locator("#people .name-list li").first.bounding_box()["height"]
    assert room_left_below(projector) < 2 * tag, "the list leaves rows of room empty below the names"
    heading = projector.evaluate(
        "() => Math.min(...[...document.querySelectorAll('#people .role-group-title')]"
        ".map((h) => parseFloat(getComputedStyle(h).fontSize)))"
    )
    assert heading >= size, "a table's name is never smaller than the names at it"
    shoot(projector, "projector-tables-lobby-full.png")
    assert not axe_problems(projector, server), "projector lobby at tables"
    projector.context.close()
