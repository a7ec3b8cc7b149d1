"""Plain, immutable views of a session's stored state, as the engine sees them.

The store builds these from its rows; the engine never touches the database.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from samenspel.rules.model import Round


@dataclass(frozen=True)
class Player:
    id: int
    name: str
    role: str


@dataclass(frozen=True)
class Item:
    """Anything a player contributed in a round: a card, an introduction, a vote, a step…"""

    id: int
    round_id: str
    kind: str
    author_id: int | None
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    hidden: bool = False
    created_ms: int = 0
    updated_ms: int = 0


@dataclass(frozen=True)
class Turn:
    """Everything a mechanic needs to decide on one player's action."""

    round: Round
    open: bool
    actor: Player
    items: tuple[Item, ...]

    def own(self, kind: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.kind == kind and i.author_id == self.actor.id)


@dataclass(frozen=True)
class Create:
    kind: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class Update:
    item_id: int
    data: Mapping[str, Any]


@dataclass(frozen=True)
class Delete:
    item_id: int


Change = Create | Update | Delete
