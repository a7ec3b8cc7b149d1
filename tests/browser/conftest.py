"""Fixtures for the browser tests: one real server (subprocess) and one Chromium per module.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright for Python. Without it the
tests skip with a reason on a developer's machine and fail in CI (CI=true).

Every page a test opens is watched (tests/support/browser.py, WatchedBrowser): a test fails
when any of its pages asked for a text key its strings lack, or showed text that looks like
a key, in whichever language the page was in.
"""

from __future__ import annotations

import pytest

from tests.conftest import require
from tests.support.browser import ROOT, chromium, chromium_missing
from tests.support.server import ServerProcess

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
    require(not chromium_missing(), chromium_missing())
    with chromium("--disable-background-networking") as instance:
        yield instance


@pytest.fixture(autouse=True)
def pages_show_texts_not_keys(request):
    """After every browser test: none of its pages lacked a text key or showed one."""
    if "browser" not in request.fixturenames:
        yield
        return
    watched = request.getfixturevalue("browser")
    watched.found.clear()
    yield
    found, watched.found[:] = list(watched.found), []
    assert not found, f"a page showed a text key (templates/_strings.html): {found}"


@pytest.fixture
def missing_strings(browser):
    """The browser's watch as a fixture for tests that say so (every page is watched
    anyway): ``watch(page)`` returns the page, ``watch.found`` what was heard so far."""

    def watch(page):
        return page

    watch.found = browser.found
    return watch


@pytest.fixture
def csp_violations(missing_strings):
    """Collects Content-Security-Policy complaints from every page passed to watch()."""
    found: list[str] = []

    def watch(page):
        missing_strings(page)
        page.on("console", lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None)
        return page

    watch.found = found
    return watch
