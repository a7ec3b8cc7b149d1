"""Long Dutch compounds ("Buurtbewonersvertegenwoordiging") in the chosen ideas stay on the
screen: on a 360 px phone choosing an idea to bring something in for, on the projector's
columns of "Wat breng ik in?" (a title ran over the next column) and the action path's idea
chips (a word was cut off at the chip's edge).

Headless Chromium has no Dutch hyphenation dictionary, so these words break mid-word here;
on phones and laptops with one they hyphenate (``hyphens: auto``, static/css/base.css)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.crowd import Crowd, advance, join_phone, new_session, open_console, open_projector, play_to_offers

pytestmark = [pytest.mark.browser, pytest.mark.server]

IDEAS = (
    "Buurtbewonersvertegenwoordiging moet vanaf het begin meedoen.",
    "Bestemmingsplanwijzigingsprocedure samen met de gemeente voorbereiden.",
    "Samen oogsten en koken op zaterdag.",
)

SPILLS = """selector => [...document.querySelectorAll(selector)]
  .filter((n) => n.scrollWidth > n.clientWidth + 1 || n.getBoundingClientRect().right > innerWidth + 1)
  .map((n) => n.textContent)"""


def overlaps(projector, selector: str) -> list[str]:
    """Elements whose text reaches past the right edge of their own column."""
    return projector.evaluate(
        """selector => [...document.querySelectorAll(selector)].filter((n) => {
             const box = n.getBoundingClientRect();
             return [...n.querySelectorAll('*')].some((c) => c.getBoundingClientRect().right > box.right + 1);
           }).map((n) => n.textContent)""",
        selector,
    )


def test_long_words_in_chosen_ideas_stay_on_the_phone_and_in_their_column(browser, server):
    code, key = new_session(server)
    console = open_console(browser, server, code, key)
    projector = open_projector(browser, server, code)
    phone = join_phone(browser, server, code, "Fatima", "inwoner")
    crowd = Crowd(server, code, [{"name": "Henk", "role": "inwoner"}, {"name": "Marloes", "role": "ambtenaar"}])
    try:
        play_to_offers(console, crowd, "Henk", IDEAS, (("Marloes", 0, 2), ("Marloes", 1, 1), ("Henk", 2, 1)))

        options = phone.locator(".pledge-ideas .category-option")
        expect(options).to_have_count(3)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, "the phone scrolls sideways"
        assert phone.evaluate(SPILLS, ".pledge-ideas .category-option span") == []

        expect(projector.locator(".pledge-group")).to_have_count(3)
        assert overlaps(projector, ".pledge-group .wall-group-title") == []

        advance(console, "Actiepad")
        expect(projector.locator(".idea-chip-text")).to_have_count(3)
        assert projector.evaluate(SPILLS, ".idea-chip-text") == [], "an idea cut off on the action path"
    finally:
        crowd.close()
        for page in (console, projector, phone):
            page.context.close()
