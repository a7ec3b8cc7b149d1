"""Debian's nginx in front of real servers, with the site file a server gets
(deploy/nginx/samenspel.conf, rendered by deploy/render.py; deploy/cluster.py runs it), and
HTTP requests from a chosen loopback address."""

from __future__ import annotations

import http.client
import json
from pathlib import Path

from deploy import cluster
from deploy.cluster import free_port, nginx_binary
from deploy.render import Site

__all__ = ["Nginx", "nginx_binary", "request_from"]


class Nginx(cluster.Nginx):
    """nginx on a free port in front of the app processes on ``upstreams`` (their ports)."""

    def __init__(self, folder: Path, upstreams: list[int]):
        super().__init__(folder, Site(ports=upstreams, listen=f"127.0.0.1:{free_port()}"))


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
