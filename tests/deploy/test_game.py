"""A short game through the deployed set-up: Debian's nginx with deploy/nginx/samenspel.conf
in front of two app processes on PostgreSQL and Redis. Screens land on both processes (by
their route cookie), over WebSocket or long-polling then upgrading; every screen is told
every change exactly once; static files come from nginx, compressed and immutable."""

import re
import time

import pytest
import requests

from deploy.render import brotli_installed
from samenspel.web import assets
from tests.support.clients import LiveClient, close_all
from tests.support.cluster import Screen, join, open_game

pytestmark = [pytest.mark.scaled, pytest.mark.server]

PLAYERS = [("Fatima", "inwoner"), ("Henk", "ambtenaar"), ("Ayşe", "ondernemer"), ("Bram", "inwoner")]
TRANSPORTS = {"websocket": ("websocket",), "polling-then-upgrade": ("polling", "websocket")}


def wait_all_told(screens, timeout: float = 20) -> int:
    """Wait until every screen was told every change (broadcast or ack) since its snapshot,
    up to the last change any screen knows of; that last seq. Phones are not sent another
    player's items in a round phones do not show: the ``prev`` of their next copy accounts
    for those, so a phone is held to the last change a phone was sent (a change every
    audience is sent, such as the end, then closes every gap: the test's last check)."""
    deadline = time.monotonic() + timeout
    while True:
        last = max(max(s.told(), default=0) for s in screens)
        phones_last = max((s.heard() for s in screens if s.audience == "phone"), default=0)
        missing = {
            s.route: sorted(
                set(range(s.first_seq() + 1, (phones_last if s.audience == "phone" else last) + 1)) - s.told()
            )
            for s in screens
        }
        if not any(missing.values()):
            return last
        if time.monotonic() > deadline:
            raise AssertionError(f"not told (route: seqs): {missing}")
        time.sleep(0.02)


def goto(console, screens, round_id: str) -> None:
    """The console presses "next" until the round is open; every screen has been told."""
    snapshot = console.send("sync")["snapshot"]
    at, index = snapshot["round"]["id"], snapshot["flow"]["round_index"]
    while at != round_id:
        told = console.send("control", {"action": "next", "from_round": index})["events"][0]["data"]
        at, index = told["round"]["id"], told["flow"]["round_index"]
    wait_all_told(screens)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_game_through_nginx_on_two_processes_reaches_every_screen_once(cluster, transport):
    code, key = open_game(cluster)
    tokens = [join(cluster, code, name, role) for name, role in PLAYERS]
    routes = cluster.routes_for(2 + len(tokens))  # route i reaches app i % 2
    kinds = [{"key": key}, {}] + [{"token": token} for token in tokens]
    screens = [Screen(cluster, r, transports=TRANSPORTS[transport], code=code, **k) for r, k in zip(routes, kinds)]
    console, projector, *phones = screens
    try:
        for screen in screens:
            screen.connect()
            assert screen.sio.transport() == "websocket", "upgraded through nginx"
        console.send("control", {"action": "start"})
        goto(console, screens, "droom")
        for n, phone in enumerate(phones):
            phone.send("card:add", {"round_id": "droom", "text": f"Droom {n}", "client_id": f"deploy-droom-{n}"})
        wait_all_told(screens)
        assert sorted(d["item"]["text"] for d in projector.received("item:added")) == [f"Droom {n}" for n in range(4)]

        goto(console, screens, "ideeen")
        ideas = [
            phone.send("card:add", {"round_id": "ideeen", "text": f"Idee {n}", "client_id": f"deploy-idee-{n}"})
            for n, phone in enumerate(phones)
        ]
        goto(console, screens, "kiezen")
        chosen = ideas[0]["item"]["id"]
        for phone in phones:
            phone.send("ballot:set", {"round_id": "kiezen", "card_id": chosen, "count": 1})
        wait_all_told(screens)
        told = [d["summary"] for d in projector.received("summary") if d["round_id"] == "kiezen"]
        assert told[-1]["voters"] == 4, "four voters, on both processes (this game shows no tally live)"

        goto(console, screens, "actiepad")
        phones[0].send("step:add", {"round_id": "actiepad", "what": "Bakken bouwen", "client_id": "deploy-step-1"})
        console.send("control", {"action": "end"})
        last = wait_all_told(screens)
        for screen in screens:  # the end is told to everyone: every screen knows every change
            assert max(screen.told()) == last, f"{screen.route} does not know of {last}"
            assert screen.told_twice() == [], f"{screen.route} was told a change twice"
            assert screen.send("sync")["snapshot"]["seq"] == last
        assert phones[1].wait_for("item:added", lambda d: d["item"].get("what") == "Bakken bouwen")
        assert [d["flow"]["status"] for d in projector.received("flow")][-1] == "ended"
    finally:
        close_all(screens)

    # nginx's log: each screen's requests all reached the app its route picks, both apps served
    answered = {screen.route: set() for screen in screens}
    deadline = time.monotonic() + 10  # a WebSocket is logged when it closes
    while not all(answered.values()) and time.monotonic() < deadline:
        for route in cluster.routes():
            if route.cookie in answered and route.path.startswith("/socket.io/"):
                answered[route.cookie].add(route.port)
        time.sleep(0.05)
    ports = [app.port for app in cluster.apps]
    assert [answered[r] for r in routes] == [{ports[i % 2]} for i in range(len(routes))]


def test_long_polling_without_a_cookie_stays_with_one_process(cluster):
    """A client that never loaded a page: nginx routes its first request by that request's
    id and hands the id back as the cookie, so every later request of the connection meets
    the same process (without stickiness about half of them would be refused)."""
    code, _key = open_game(cluster)
    viewers = [LiveClient(cluster.url, transports=["polling"], code=code) for _ in range(8)]
    try:
        for viewer in viewers:
            viewer.connect()
            for _ in range(3):
                assert viewer.call("sync")["ok"]
        cookies = {viewer.sio.eio.http.cookies.get("samenspel_route") for viewer in viewers}
    finally:
        close_all(viewers)
    assert None not in cookies and len(cookies) == len(viewers), "each got a route of its own"
    ports = {}
    for route in cluster.routes():
        if route.key in cookies and route.path.startswith("/socket.io/"):
            ports.setdefault(route.key, set()).add(route.port)
    assert set(ports) == cookies and all(len(p) == 1 for p in ports.values()), ports


def test_static_files_come_from_nginx_compressed_and_immutable(cluster):
    code, _key = open_game(cluster)
    page = requests.get(f"{cluster.url}/j/{code}", timeout=10)
    assert page.status_code == 200 and page.headers["Content-Encoding"] == "gzip", "pages are compressed"
    assert "samenspel_route=" in page.headers["Set-Cookie"]
    hashed = re.findall(r"/static/[\w/.-]+\.[0-9a-f]{12}\.(?:js|css)", page.text)
    assert hashed
    encoding = "br" if brotli_installed() else "gzip"
    for url in hashed:
        response = requests.get(cluster.url + url, headers={"Accept-Encoding": encoding}, timeout=10)
        assert response.status_code == 200, url
        assert response.headers["X-Served-By"] == "nginx", url
        assert response.headers["Content-Encoding"] == encoding, url
        assert response.headers["Cache-Control"] == f"max-age={assets.FOREVER}, public, immutable"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    plain = requests.get(cluster.url + "/static/js/phone.js", timeout=10)
    assert plain.status_code == 200 and "X-Served-By" not in plain.headers, "a plain name is the app's"
    assert plain.headers["Cache-Control"] == "no-cache"
