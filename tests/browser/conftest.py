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


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require(SOCKET_IO.exists() and AXE.exists(),
            "static/vendor/ is empty: run `sh scripts/vendor.sh` (npm ci + copy)")
    process = ServerProcess(tmp_path_factory.mktemp("browser-instance")).start()
    yield process
    process.stop()


@pytest.fixture(scope="module")
def browser():
    require(os.path.exists(CHROMIUM), f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield instance
        instance.close()


@pytest.fixture
def csp_violations():
    """Collects Content-Security-Policy complaints from every page passed to watch()."""
    found: list[str] = []

    def watch(page):
        page.on("console", lambda msg: found.append(msg.text)
                if "Content Security Policy" in msg.text else None)
        return page
    watch.found = found
    return watch
