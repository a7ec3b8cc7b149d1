"""Static files (samenspel/web/assets.py): pages link content-hashed names, which are served
compressed (brotli or gzip, as the browser accepts) and cached as immutable; the plain names
still work (revalidated); the import map sends every ES module's plain URL to its hashed
file and the CSP allows exactly that map."""

from __future__ import annotations

import gzip
import json
import re

import brotli
import pytest
import requests

from deploy.render import brotli_installed
from samenspel.config import PROJECT_ROOT
from samenspel.web import assets
from samenspel.web.security import csp
from tests.conftest import require
from tests.support.nginx import Nginx, nginx_binary

STATIC = PROJECT_ROOT / "static"
HASHED = re.compile(r'(?:href|src)="(/static/[^"]+\.[0-9a-f]{12}\.[a-z]+)"')
IMPORT_MAP = re.compile(r'<script type="importmap">(.*?)</script>', re.S)


def plain(url: str) -> str:
    """/static/js/phone.0123456789ab.js → js/phone.js"""
    return re.sub(r"\.[0-9a-f]{12}(\.[a-z]+)$", r"\1", url.removeprefix("/static/"))


def fetch(client, url: str, **kwargs):
    """Status, headers and body; the response closed (WhiteNoise hands out open files)."""
    with client.get(url, **kwargs) as response:
        return response.status_code, response.headers, response.get_data()


def test_pages_link_hashed_files_served_compressed_and_immutable(client, make_session):
    code = make_session()["code"]
    html = client.get(f"/j/{code}").get_data(as_text=True)
    urls = HASHED.findall(html)
    assert {"css/base.css", "css/phone.css", "js/phone.js", "img/favicon.svg"} <= {plain(u) for u in urls}
    for url in urls:
        source = assets.minified(STATIC / plain(url))
        for accept, encoding, decode in (("br, gzip", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress)):
            status, headers, body = fetch(client, url, headers={"Accept-Encoding": accept})
            assert status == 200, url
            assert headers["Content-Encoding"] == encoding, url
            assert headers["Cache-Control"] == f"max-age={assets.FOREVER}, public, immutable"
            assert "Accept-Encoding" in headers["Vary"]
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert decode(body) == source, url
        _status, headers, body = fetch(client, url)
        assert "Content-Encoding" not in headers and body == source


def test_plain_names_still_work_and_are_revalidated(client):
    status, headers, body = fetch(client, "/static/js/phone.js")
    assert status == 200 and body == (STATIC / "js" / "phone.js").read_bytes()
    assert headers["Cache-Control"] == "no-cache"
    assert fetch(client, "/static/vendor/axe.min.js")[0] == 200  # the browser tests load it so


def test_the_import_map_covers_every_module_and_the_csp_allows_it(client, make_session):
    code = make_session()["code"]
    response = client.get(f"/j/{code}")
    html = response.get_data(as_text=True)
    text = IMPORT_MAP.search(html).group(1)
    imports = json.loads(text)["imports"]
    modules = {p.relative_to(STATIC).as_posix() for p in (STATIC / "js").rglob("*.js")}
    assert {plain(url) for url in imports} >= modules | {"vendor/socket.io.esm.min.js"}
    for source, target in imports.items():
        assert plain(target) == source.removeprefix("/static/")
        assert fetch(client, target)[0] == 200, target
    assert assets.csp_source(text) in response.headers["Content-Security-Policy"].split("; ")[1].split()
    assert html.index('type="importmap"') < html.index('type="module"')  # a map must come first


def test_pages_without_scripts_get_no_import_map(client):
    assert "script-src 'self';" in csp("http", "localhost", None)
    for url in ("/", "/j/ZZZZZZ"):  # the start page and an error page: no modules
        html = client.get(url).get_data(as_text=True)
        assert "<html" in html and 'type="module"' not in html
        assert IMPORT_MAP.search(html) is None, url


def test_a_changed_file_gets_a_new_name_and_old_builds_stay(tmp_path):
    source, folder = tmp_path / "static", tmp_path / "build"
    (source / "js").mkdir(parents=True)
    (source / "js" / "a.js").write_text("export const a = 1;\n" * 50)
    (source / "js" / "a.js.map").write_text("{}")
    first = assets.build(source, folder)
    assert set(first.names) == {"js/a.js"}
    built = folder / first.names["js/a.js"]
    assert built.read_bytes() == (source / "js" / "a.js").read_bytes()
    assert gzip.decompress(built.with_name(built.name + ".gz").read_bytes()) == built.read_bytes()
    assert brotli.decompress(built.with_name(built.name + ".br").read_bytes()) == built.read_bytes()

    (source / "js" / "a.js").write_text("export const a = 2;\n")
    second = assets.build(source, folder)
    assert second.names["js/a.js"] != first.names["js/a.js"]
    assert built.exists() and (folder / second.names["js/a.js"]).exists()  # a page still open keeps working
    assert not list(folder.rglob("*.tmp"))


@pytest.mark.server
def test_behind_nginx_static_files_stay_compressed_and_immutable(start_server, tmp_path):
    """The deployed site (deploy/nginx/samenspel.conf) sends hashed files from the build
    folder itself, precompressed (brotli where Debian's module is installed, else gzip), with
    the cache header the app would send."""
    require(nginx_binary() is not None, "nginx is missing: apt-get install -y nginx")
    server = start_server(SAMENSPEL_TRUSTED_PROXIES="1")
    proxy = Nginx(tmp_path / "nginx", [server.port]).start()
    encoding = "br" if brotli_installed() else "gzip"
    try:
        code = server.api("POST", "/api/sessions", json={"game": "het-nieuwe-samenspel", "title": "t", "question": "q"})
        page = requests.get(f"{proxy.url}/j/{code.json()['code']}", timeout=10).text
        for url in HASHED.findall(page):
            response = requests.get(proxy.url + url, headers={"Accept-Encoding": encoding}, timeout=10)
            assert response.status_code == 200, url
            assert response.headers["X-Served-By"] == "nginx", url
            assert response.headers["Content-Encoding"] == encoding, url
            assert response.headers["Cache-Control"] == f"max-age={assets.FOREVER}, public, immutable"
            assert response.content == assets.minified(STATIC / plain(url))  # requests decodes brotli
    finally:
        proxy.stop()
