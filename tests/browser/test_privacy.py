"""Privacy in the browser: every page loads only from our own server (no CDN, no fonts or
trackers from elsewhere)."""

from urllib.parse import urlsplit

from tests.support.game import join, open_game


def test_pages_make_no_third_party_requests(browser, server):
    code, key = open_game(server)
    join(server, code, "Fatima", "inwoner")
    own = urlsplit(server.url).netloc
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("/", f"/j/{code}", f"/s/{code}/projector", f"/s/{code}/console?key={key}", f"/s/{code}/plan"):
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
    foreign = [
        url
        for url in requested
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own
    ]
    context.close()
    assert len(requested) > 10
    assert foreign == []
