"""Absolute URLs that people type or scan. Phones must reach them over the LAN, so when the
facilitator browses on localhost the join URL uses this machine's LAN address instead.
``Links`` is what the use cases get (services/context.py) to put the join address in a
snapshot without knowing about requests."""

from __future__ import annotations

import socket
from functools import lru_cache
from urllib.parse import urlsplit

from flask import current_app, request, url_for

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"}


@lru_cache(maxsize=1)
def lan_address() -> str | None:
    """This machine's first non-loopback IPv4 address, found without sending anything."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    addresses = [info[4][0] for info in infos if not info[4][0].startswith("127.")]
    return addresses[0] if addresses else None


def join_base_url() -> str:
    """Scheme, host and port phones use: the configured public URL, else the request's host,
    with localhost swapped for the LAN address."""
    public = current_app.config.get("PUBLIC_URL")
    if public:
        return public.rstrip("/")
    base = request.host_url.rstrip("/")
    parts = urlsplit(base)
    if parts.hostname in LOCAL_HOSTS and lan_address():
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{lan_address()}{port}"
    return base


def for_phones(endpoint: str, **values) -> str:
    """An address of this app as a phone on the LAN reaches it."""
    return join_base_url() + url_for(endpoint, **values)


def join_url(code: str) -> str:
    return for_phones("pages.phone", code=code)


def table_join_url(code: str, table: int) -> str:
    """The join address that seats a newcomer at ``table`` (a table's card and screen)."""
    return for_phones("pages.phone", code=code, table=table)


def plan_url(code: str) -> str:
    return for_phones("plan.page", code=code)


def projector_url(code: str) -> str:
    return url_for("pages.projector", code=code, _external=True)


def facilitator_url(code: str, key: str) -> str:
    return url_for("pages.console", code=code, key=key, _external=True)


def initiative_url(initiative_id: int, key: str) -> str:
    return url_for("initiatives.page", initiative_id=initiative_id, key=key, _external=True)


def owner_url(token: str) -> str:
    """A step owner's own link: on their phone, to keep (so the address phones reach)."""
    return for_phones("owner.page", token=token)


class Links:
    """The services' port for absolute addresses (needs a request or socket event)."""

    def join_url(self, code: str) -> str:
        return join_url(code)
