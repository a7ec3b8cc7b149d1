"""Debian's nginx in front of real servers, configured with the documented set-up
(docs/deploy/nginx.conf: its ``map`` and ``location`` blocks are used as written; only TLS
and the upstream addresses differ), and HTTP requests from a chosen loopback address."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from tests.support.server import ROOT, free_port, wait_healthy

DOCUMENTED = ROOT / "docs" / "deploy" / "nginx.conf"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)


def _block(text: str, opening: str) -> str:
    """The block that starts with ``opening`` (braces balanced)."""
    start = text.index(opening)
    depth, index = 0, text.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return text[start : index + 1]
        index += 1


class Nginx:
    def __init__(self, folder: Path, upstreams: list[int]):
        self.folder = Path(folder)
        self.port = free_port()
        self.upstreams = upstreams
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def config(self) -> str:
        documented = re.sub(r"#.*", "", DOCUMENTED.read_text())
        servers = "\n".join(f"        server 127.0.0.1:{port};" for port in self.upstreams)
        folder = self.folder
        return f"""
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi; uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;
    upstream samenspel {{
        ip_hash;
{servers}
    }}
    {_block(documented, "map $http_upgrade")}
    server {{
        listen 127.0.0.1:{self.port};
        {_block(documented, "location / {")}
    }}
}}
"""

    def start(self, timeout: float = 10) -> "Nginx":
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o777)  # nginx's workers may run as nobody
        path = self.folder / "nginx.conf"
        path.write_text(self.config())
        self.process = subprocess.Popen(
            [nginx_binary(), "-c", str(path), "-p", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        error_log = self.folder / "error.log"

        def exited() -> str:
            return f"nginx exited: {error_log.read_text(errors='replace')}"

        if wait_healthy(self.url, self.process, timeout, exited):
            return self
        raise RuntimeError("nginx did not come up")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def request_from(
    source: str, url: str, method: str, path: str, body: dict | None = None, headers: dict | None = None
) -> tuple[int, str]:
    """An HTTP request whose TCP connection starts at ``source`` (e.g. 127.0.0.2)."""
    host, port = url.split("://", 1)[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10, source_address=(source, 0))
    try:
        payload = json.dumps(body) if body is not None else None
        connection.request(
            method,
            path,
            body=payload,
            headers={**({"Content-Type": "application/json"} if body is not None else {}), **(headers or {})},
        )
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()
