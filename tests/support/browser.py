"""Browser test helpers: paths, the checks every page gets, WCAG checks with axe, screenshots.

Every page the browser tests open goes through ``WatchedBrowser``: a small script
(``page_watch.js``, added to every page before its own scripts) reports visible text that
looks like a text key (``paused_text`` on the projector's pause screen, issue 10), and
static/js/i18n.js reports a key a page's strings lack. The tests fail on either
(``WatchedBrowser.found``; tests/browser/conftest.py asserts after every test).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PAGE_WATCH = Path(__file__).with_name("page_watch.js")
#: WCAG 2.1 A and AA, and axe's best practices (landmarks, headings, regions)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
#: what fails a page: everything but "minor"
AXE_IMPACTS = ("moderate", "serious", "critical")
#: what the page scripts and page_watch.js say when a page shows a key instead of a text
WATCHED = ("missing string", "looks like a key")


class WatchedBrowser:
    """Chromium whose every context watches its pages (see the module docstring); anything
    else is the Playwright browser's own."""

    def __init__(self, browser):
        self._browser = browser
        self.found: list[str] = []

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.add_init_script(path=str(PAGE_WATCH))
        context.on("console", self._heard)
        return context

    def _heard(self, message) -> None:
        if any(word in message.text for word in WATCHED):
            self.found.append(f"{message.text} ({message.page.url if message.page else '?'})")

    def __getattr__(self, name):
        return getattr(self._browser, name)


@contextlib.contextmanager
def chromium(*args: str):
    """Debian's Chromium, headless, watched (the caller skips when CHROMIUM is missing)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu", *args]
        )
        try:
            yield WatchedBrowser(instance)
        finally:
            instance.close()


def chromium_missing() -> str | None:
    return None if os.path.exists(CHROMIUM) else f"{CHROMIUM} is missing: apt-get install -y chromium"


def axe_problems(page, server) -> list[str]:
    """Moderate, serious and critical axe violations (WCAG 2.1 A/AA and best practices) on
    the page, as readable lines; on the projector in its dark and its light theme.

    axe is loaded from the server (static/vendor/) so the page's strict CSP stays on.
    ``server`` is the test server or its address."""
    base = server if isinstance(server, str) else server.url
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(url=base + "/static/vendor/axe.min.js")
    problems = _axe(page)
    if page.evaluate("document.body.classList.contains('page-projector')"):
        # The projector switches themes with the key T (static/js/projector.js): check the other one too.
        shown = "dark" if page.evaluate("document.documentElement.classList.contains('theme-dark')") else "light"
        other = "light" if shown == "dark" else "dark"
        _theme(page, other)
        problems += [f"{other} theme: {line}" for line in _axe(page)]
        _theme(page, shown)
    return problems


def _theme(page, theme: str) -> None:
    page.evaluate(
        """theme => {
            document.documentElement.classList.toggle('theme-dark', theme === 'dark');
            document.documentElement.classList.toggle('theme-light', theme !== 'dark');
        }""",
        theme,
    )
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def _axe(page) -> list[str]:
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
        if v["impact"] in AXE_IMPACTS
    ]


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(800)  # let the arrival animations settle
    page.screenshot(path=str(SHOTS / name))
