"""What the use cases work with, wired once by the app factory (or by the command line):
the database, the games on offer, the settings, and two small ports the adapters fill in —
absolute links (built from the request's host by the web adapter) and the sender that
delivers an outcome's broadcasts (the Socket.IO adapter). Services never import an adapter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol

from samenspel.rules.loader import Catalogue
from samenspel.services.snapshots import SnapshotCache
from samenspel.services.states import StateCache
from samenspel.services.turns import Turns
from samenspel.store.db import Database

KEY = "samenspel.services"


class Links(Protocol):
    def join_url(self, code: str) -> str: ...

    def owner_url(self, token: str) -> str: ...


class NoLinks:
    """Outside a web request (command line): no absolute addresses."""

    def join_url(self, code: str) -> str:
        return ""

    def owner_url(self, token: str) -> str:
        return f"/o/{token}"


#: delivers an outcome's broadcasts; ``skip_sid`` is the socket that acted (it gets the ack)
Sender = Callable[[Any, "str | None"], None]


def _send_nothing(_outcome, _skip_sid=None) -> None:
    return None


@dataclass
class Context:
    database: Database
    catalogue: Catalogue
    config: Mapping[str, Any] = field(default_factory=dict)
    links: Links = field(default_factory=NoLinks)
    send: Sender = _send_nothing
    #: snapshots by (session, audience, seq, join address): derived data, not game state
    snapshots: SnapshotCache = field(default_factory=SnapshotCache)
    #: sessions' states by version, so an event need not load the whole session
    states: StateCache = field(default_factory=StateCache)
    #: writers of one session queue here before taking a database connection
    turns: Turns = field(default_factory=Turns)
    #: room codes found in this process, to their session's id (services/access.py)
    codes: dict[str, int] = field(default_factory=dict)


def current() -> Context:
    """The running app's context (inside a request or socket event)."""
    from flask import current_app

    return current_app.extensions[KEY]


def standalone(settings: Mapping[str, Any]) -> Context:
    """The context for a command outside the web server: the database brought up to date,
    the games loaded, no links and no sockets."""
    from samenspel.services import catalogue

    database = upgraded_database(settings["DATABASE_URL"])
    games = catalogue.load(settings["GAME_RULES_PATH"])
    catalogue.adopt(database, games)
    return Context(database, games, settings)


def upgraded_database(url: str) -> Database:
    """The database at ``url`` with every schema migration applied."""
    from samenspel.store.migrate import upgrade

    database = Database(url)
    upgrade(database.engine)
    return database
