"""Behind Debian's nginx, configured as docs/deploy/nginx.conf says: the app sees the client's
address only when told to trust the proxy (SAMENSPEL_TRUSTED_PROXIES), so one guesser's
lockout does not lock out the hall, and a forged X-Forwarded-For buys nothing."""

import pytest
import websocket

from tests.conftest import require
from tests.support.game import open_game
from tests.support.nginx import Nginx, nginx_binary, request_from
from tests.support.raw import Closed, RawSocket

pytestmark = pytest.mark.server


@pytest.fixture
def behind_nginx(start_server, tmp_path):
    require(nginx_binary() is not None, "nginx is missing: apt-get install -y nginx")
    proxies = []

    def start(trusted: int, **env):
        server = start_server(SAMENSPEL_TRUSTED_PROXIES=str(trusted), SAMENSPEL_JOIN_ATTEMPTS="3", **env)
        proxy = Nginx(tmp_path / f"nginx-{server.port}", [server.port]).start()
        proxies.append(proxy)
        return server, proxy

    yield start
    for proxy in proxies:
        proxy.stop()


def guesses(url: str, source: str, count: int) -> list[int]:
    """Wrong room codes from one address, each with a different forged X-Forwarded-For."""
    return [
        request_from(source, url, "GET", f"/j/ZZZZ{n:02d}", headers={"X-Forwarded-For": f"10.9.8.{n}"})[0]
        for n in range(count)
    ]


def test_trusting_the_proxy_a_guesser_is_locked_out_alone(behind_nginx):
    server, proxy = behind_nginx(1)
    code, _key = open_game(server)
    assert guesses(proxy.url, "127.0.0.2", 5) == [404, 404, 404, 429, 429], "forged headers do not help"
    assert request_from("127.0.0.3", proxy.url, "GET", f"/j/{code}")[0] == 200, "someone else joins"
    status, _body = request_from(
        "127.0.0.3", proxy.url, "POST", f"/api/sessions/{code}/participants", {"name": "Fatima", "role": "inwoner"}
    )
    assert status == 201
    assert request_from("127.0.0.2", proxy.url, "GET", f"/j/{code}")[0] == 429


def test_without_trust_everyone_behind_the_proxy_is_one_address(behind_nginx):
    server, proxy = behind_nginx(0)
    code, _key = open_game(server)
    assert guesses(proxy.url, "127.0.0.2", 4) == [404, 404, 404, 429]
    assert request_from("127.0.0.3", proxy.url, "GET", f"/j/{code}")[0] == 429, (
        "the app sees only the proxy's address, and X-Forwarded-For is not believed"
    )


def test_sockets_through_the_proxy_count_per_client_address(behind_nginx):
    server, proxy = behind_nginx(1, SAMENSPEL_SOCKETS_PER_ADDRESS="2")
    code, _key = open_game(server)
    opened = [RawSocket(proxy.url, source="127.0.0.2") for _ in range(2)]
    try:
        for raw in opened:
            accepted, _ = raw.connect({"code": code})
            assert accepted, "WebSockets pass the proxy (upgrade headers)"
            assert raw.call("sync")["ok"]
        with pytest.raises((websocket.WebSocketBadStatusException, Closed)):
            opened.append(RawSocket(proxy.url, source="127.0.0.2"))
        other = RawSocket(proxy.url, source="127.0.0.3")
        opened.append(other)
        assert other.connect({"code": code})[0], "another client behind the same proxy is not capped"
    finally:
        for raw in opened:
            raw.close()
    assert "Traceback" not in server.log()
