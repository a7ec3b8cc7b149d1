"""How a session plays at tables: a number of tables or a table size, and how people are
seated (the assignment mode). Every limit and default here is the one source: the create
API, the console and the docs read them from this module.

Tables are off by default. From ``SUGGEST_FROM`` players on the console suggests them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from samenspel.engine.errors import Rejected

#: balanced by role (the default), random, self-chosen (a phone picks), by hand (the console)
MODES: tuple[str, ...] = ("balanced", "random", "self", "manual")
DEFAULT_MODE = MODES[0]
MAX_TABLES = 40
MIN_SIZE, MAX_SIZE = 2, 50
#: tables are off up to 12 players and suggested from 13 on
SUGGEST_FROM = 13


@dataclass(frozen=True)
class Setup:
    """Either ``count`` tables, or tables of about ``size`` people (the count follows the
    players in the lobby), seated by ``assign``."""

    count: int | None = None
    size: int | None = None
    assign: str = DEFAULT_MODE

    def table_count(self, players: int) -> int:
        if self.count is not None:
            return self.count
        return max(1, min(MAX_TABLES, math.ceil(players / self.size)))

    def as_dict(self) -> dict:
        shape = {"count": self.count} if self.count is not None else {"size": self.size}
        return {"tables": shape, "assign": self.assign}


def limits() -> dict:
    """What a client needs to offer the choice (the console reads these, never its own)."""
    return {
        "modes": list(MODES),
        "default_mode": DEFAULT_MODE,
        "max_tables": MAX_TABLES,
        "min_size": MIN_SIZE,
        "max_size": MAX_SIZE,
        "suggest_from": SUGGEST_FROM,
    }


def _whole(value, low: int, high: int, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise Rejected("bad_request", f"tables.{name} must be a whole number from {low} to {high}", field="tables")
    return value


def parse(tables: Any, assign: Any = None) -> Setup | None:
    """A request's ``tables`` (``{"count": N}``, ``{"size": N}`` or null/absent: off) and
    ``assign`` (one of MODES; absent: balanced) as a Setup, or None when tables are off."""
    if assign is not None and assign not in MODES:
        raise Rejected("bad_request", f"assign must be one of {', '.join(MODES)}", field="assign")
    if tables is None or tables is False:
        return None
    if not isinstance(tables, Mapping) or len(tables) != 1 or not {"count", "size"} & set(tables):
        raise Rejected("bad_request", 'tables must be {"count": N} or {"size": N}', field="tables")
    mode = assign or DEFAULT_MODE
    if "count" in tables:
        return Setup(count=_whole(tables["count"], 1, MAX_TABLES, "count"), assign=mode)
    return Setup(size=_whole(tables["size"], MIN_SIZE, MAX_SIZE, "size"), assign=mode)


def from_data(data: Mapping | None) -> Setup | None:
    """A stored setup (``as_dict``) back, or None."""
    if not data:
        return None
    return parse(data.get("tables"), data.get("assign"))


#: the longest message to all tables ("Nog twee minuten")
MESSAGE_MAX = 200


@dataclass(frozen=True)
class Tables:
    """A session's tables now: the set-up, how many tables there are, who asked for help
    (player ids, in order) and the last message to all tables."""

    setup: Setup
    count: int
    help: tuple[int, ...] = ()
    message: str = ""
    message_ms: int | None = None

    def as_data(self) -> dict:
        return {
            **self.setup.as_dict(),
            "count": self.count,
            "help": list(self.help),
            "message": self.message,
            "message_ms": self.message_ms,
        }

    @classmethod
    def from_data(cls, data: Mapping | None) -> "Tables | None":
        setup = from_data(data)
        if setup is None:
            return None
        return cls(
            setup, int(data["count"]), tuple(data.get("help") or ()), data.get("message") or "", data.get("message_ms")
        )
