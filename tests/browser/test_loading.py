"""What a phone downloads, measured in a real Chromium through the DevTools protocol: the
join page's first load stays under 50 KB on the wire (static files compressed), and a
reload after joining asks the network for two things only — the page and its socket —
because every static file has a content-hashed name cached as immutable
(samenspel/web/assets.py, docs/static-files.md)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.crowd import PHONE, new_session

pytestmark = [pytest.mark.browser, pytest.mark.server]

FIRST_LOAD_LIMIT = 50 * 1024
RELOAD_LIMIT = 2


class Traffic:
    """Requests that reached the network (not the browser's cache) and their bytes on the
    wire (headers and compressed bodies: CDP's encodedDataLength), plus WebSockets opened."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.urls: dict[str, str] = {}
        self.cached: set[str] = set()
        self.sizes: dict[str, int] = {}
        self.encodings: dict[str, str] = {}
        self.sockets: list[str] = []
        self.cdp.on("Network.requestWillBeSent", lambda e: self.urls.__setitem__(e["requestId"], e["request"]["url"]))
        self.cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.loadingFinished", lambda e: self.sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
        self.cdp.on("Network.webSocketCreated", lambda e: self.sockets.append(e["url"]))
        self.cdp.on("Network.loadingFailed", lambda e: self.sizes.__setitem__(e["requestId"], 0))

    def _response(self, event):
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache") or response.get("fromServiceWorker"):
            self.cached.add(event["requestId"])
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        self.encodings[event["requestId"]] = headers.get("content-encoding", "")

    def settle(self, page, quiet_ms: int = 500) -> None:
        """Wait until every request sent has finished and none came for ``quiet_ms``: the
        phone fetches the next round's code ahead after it joined (``networkidle`` of the
        page's load has passed by then, so it cannot tell)."""
        seen, quiet = -1, 0
        for _ in range(200):
            pending = [rid for rid in self.urls if rid not in self.sizes and rid not in self.cached]
            quiet = quiet + 100 if not pending and len(self.urls) == seen else 0
            if quiet >= quiet_ms:
                return
            seen = len(self.urls)
            page.wait_for_timeout(100)
        raise AssertionError(f"the network never went quiet:\n{self.report()}")

    def reset(self) -> None:
        for log in (self.urls, self.sizes, self.encodings):
            log.clear()
        self.cached.clear()
        self.sockets.clear()

    def network(self) -> list[str]:
        """URLs fetched over the network (HTTP requests, then WebSockets)."""
        return [url for rid, url in self.urls.items() if rid not in self.cached] + self.sockets

    def transferred(self) -> int:
        return sum(size for rid, size in self.sizes.items() if rid not in self.cached)

    def report(self) -> str:
        return "\n".join(
            f"{self.sizes.get(rid, '?'):>7} {self.encodings.get(rid, '') or '-':<5} {url}"
            for rid, url in self.urls.items()
            if rid not in self.cached
        )


def test_a_phone_loads_little_and_reloads_from_its_cache(browser, server):
    code, _key = new_session(server)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    traffic = Traffic(page)
    try:
        page.goto(f"{server.url}/j/{code}", wait_until="networkidle")
        expect(page.locator("#name")).to_be_visible()
        first = traffic.transferred()
        assert first < FIRST_LOAD_LIMIT, f"first load {first} bytes:\n{traffic.report()}"
        scripts_and_styles = [rid for rid, url in traffic.urls.items() if url.endswith((".js", ".css"))]
        assert scripts_and_styles, traffic.report()
        assert all(traffic.encodings.get(rid) in ("br", "gzip") for rid in scripts_and_styles), traffic.report()

        page.fill("#name", "Fatima")
        page.get_by_role("button", name="Verder").click()
        page.locator(".role-btn[value=inwoner]").click()
        expect(page.locator("#connection")).to_have_attribute("data-state", "online")
        traffic.settle(page)

        traffic.reset()
        page.reload(wait_until="networkidle")
        expect(page.locator("#view-game")).to_be_visible()
        expect(page.locator("#connection")).to_have_attribute("data-state", "online")
        requests = traffic.network()
        assert len(requests) <= RELOAD_LIMIT, f"a reload asked the network for {requests}:\n{traffic.report()}"
        assert requests[0].endswith(f"/j/{code}"), requests
    finally:
        context.close()
