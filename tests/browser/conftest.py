"""Fixtures for the browser tests: one real server (subprocess) and one Chromium per module.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright for Python. Without it the
tests skip with a reason on a developer's machine and fail in CI (CI=true).
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import require
from tests.support.browser import ROOT
from tests.support.server import ServerProcess

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "static" / "vendor" / "axe.min.js"
SOCKET_IO = ROOT / "static" / "vendor" / "socket.io.esm.min.js"
RULES = ROOT / "tests" / "browser" / "rules"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require(SOCKET_IO.exists() and AXE.exists(), "static/vendor/ is empty: run `sh scripts/vendor.sh` (npm ci + copy)")
    process = ServerProcess(tmp_path_factory.mktemp("browser-instance")).start()
    yield process
    process.stop()


@pytest.fixture(scope="module")
def tight_server(tmp_path_factory):
    """A server offering only the games in tests/browser/rules (unusual limits), loaded
    through the SAMENSPEL_GAME_RULES folder setting."""
    require(SOCKET_IO.exists() and AXE.exists(), "static/vendor/ is empty: run `sh scripts/vendor.sh` (npm ci + copy)")
    process = ServerProcess(tmp_path_factory.mktemp("tight-instance"), env={"SAMENSPEL_GAME_RULES": str(RULES)}).start()
    yield process
    process.stop()


@pytest.fixture(scope="module")
def browser():
    require(os.path.exists(CHROMIUM), f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield instance
        instance.close()


@pytest.fixture
def missing_strings():
    """Collects the warnings of static/js/i18n.js about text keys a page lacks (the page
    would show the bare key); a test that watched a page fails on any of them."""
    found: list[str] = []

    def watch(page):
        page.on("console", lambda msg: found.append(msg.text) if "missing string" in msg.text else None)
        return page

    watch.found = found
    yield watch
    assert not found, f"text keys missing on a page (templates/_strings.html): {found}"


@pytest.fixture
def csp_violations(missing_strings):
    """Collects Content-Security-Policy complaints from every page passed to watch() (and
    watches it for missing text keys too, see missing_strings)."""
    found: list[str] = []

    def watch(page):
        missing_strings(page)
        page.on("console", lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None)
        return page

    watch.found = found
    return watch
