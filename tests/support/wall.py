"""Reading a projector wall that goes in pages (static/js/wall-pager.js) in a browser test:
hold it from the console, turn it page by page and collect what each page shows, so a test
can see every item of a full hall although one page holds only some of them."""

from __future__ import annotations

import re

from playwright.sync_api import expect

RANGE = re.compile(r"^(\d+)–(\d+) (?:van|of) (\d+)$")


def page_range(projector) -> tuple[int, int, int] | None:
    pager = projector.locator(".wall-pager")
    if not pager.is_visible():
        return None
    found = RANGE.match(pager.locator(".wall-range").inner_text().strip())
    assert found, pager.inner_text()
    return tuple(int(n) for n in found.groups())


def shown(projector, selector: str) -> list[str]:
    """The texts of the items on the current page, each checked to be on the screen whole."""
    return projector.evaluate(
        """selector => {
          const view = document.querySelector('.paged-view').getBoundingClientRect();
          return [...document.querySelectorAll('.paged-view ' + selector)].map((node) => {
            const box = node.getBoundingClientRect();
            if (box.bottom > view.bottom + 1 || box.top < view.top - 1) return 'CUT OFF: ' + node.textContent;
            return node.textContent;
          });
        }""",
        selector,
    )


def read_every_page(projector, console, selector: str) -> list[list[str]]:
    """Hold the wall, then turn it page by page from the console; the items of each page."""
    hold = console.locator("#btn-wall-hold")
    if hold.get_attribute("aria-pressed") != "true":
        hold.click()
    expect(hold).to_have_attribute("aria-pressed", "true")
    expect(projector.locator(".wall-held")).to_be_visible()
    first = page_range(projector)
    assert first is not None, "a full hall goes in pages"
    # back to the first page
    while page_range(projector)[0] != 1:
        before = page_range(projector)
        console.locator("#btn-wall-prev").click()
        expect(projector.locator(".wall-range")).not_to_have_text(re.compile(rf"^{before[0]}–{before[1]} "))
    pages, expected_from = [], 1
    while True:
        low, high, total = page_range(projector)
        assert low == expected_from, f"pages follow each other: {low} after {expected_from - 1}"
        items = shown(projector, selector)
        assert len(items) == high - low + 1, f"{low}–{high} van {total} shows {len(items)} items"
        pages.append(items)
        if high == total:
            return pages
        expected_from = high + 1
        console.locator("#btn-wall-next").click()
        expect(projector.locator(".wall-range")).to_have_text(re.compile(rf"^{expected_from}–"))


def wall_texts(projector, console, selector: str) -> list[str]:
    """The texts of every item on the wall: page by page when it is in pages."""
    if page_range(projector) is None:
        return projector.eval_on_selector_all(".paged-view " + selector, "els => els.map(e => e.textContent)")
    return [text for page in read_every_page(projector, console, selector) for text in page]


def wait_for_wall_total(projector, selector: str, n: int, timeout: float = 30_000) -> None:
    """Until the wall holds `n` items: "… van n" when in pages, else n items on it."""
    projector.wait_for_function(
        """([selector, n]) => {
          const pager = document.querySelector('.wall-pager');
          const range = pager && !pager.hidden && pager.querySelector('.wall-range').textContent;
          if (range) return / (van|of) (\\d+)$/.exec(range)?.[2] == n;
          return document.querySelectorAll('.paged-view ' + selector).length === n;
        }""",
        arg=[selector, n],
        timeout=timeout,
    )


def columns_shown(projector) -> list[dict]:
    """A wall in columns (categories side by side): per column its name, the count in its
    heading, where it stands and the texts of its cards on the current page (a card not
    wholly on the screen reads "CUT OFF: …")."""
    return projector.evaluate(
        """() => {
          const view = document.querySelector('.paged-view').getBoundingClientRect();
          return [...document.querySelectorAll('.paged-view .wall-group')].map((group) => {
            const box = group.getBoundingClientRect();
            return {
              name: group.querySelector('.wall-group-title > span').textContent,
              count: group.querySelector('.wall-group-count').textContent,
              left: box.left, top: box.top, right: box.right,
              cards: [...group.querySelectorAll('.card-text')].map((node) => {
                const r = node.getBoundingClientRect();
                const out = r.bottom > view.bottom + 1 || r.top < view.top - 1 || r.right > view.right + 1;
                return (out ? 'CUT OFF: ' : '') + node.textContent;
              }),
            };
          });
        }"""
    )


def read_every_column_page(projector, console) -> list[tuple[tuple[int, int, int], list[dict]]]:
    """Hold the wall, go to its first page and turn it forward from the console until it
    comes round again: per page its "x–y van N" and its columns (``columns_shown``)."""
    hold = console.locator("#btn-wall-hold")
    if hold.get_attribute("aria-pressed") != "true":
        hold.click()
    expect(projector.locator(".wall-held")).to_be_visible()
    while page_range(projector)[0] != 1:
        before = page_range(projector)
        console.locator("#btn-wall-prev").click()
        expect(projector.locator(".wall-range")).not_to_have_text(re.compile(rf"^{before[0]}–{before[1]} "))
    pages = []
    while True:
        at = page_range(projector)
        pages.append((at, columns_shown(projector)))
        console.locator("#btn-wall-next").click()
        expect(projector.locator(".wall-range")).not_to_have_text(re.compile(rf"^{at[0]}–{at[1]} "))
        if page_range(projector)[0] == 1:
            return pages
