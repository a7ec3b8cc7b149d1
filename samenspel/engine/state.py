"""Plain, immutable views of a session's stored state, as the engine sees them.

The store builds these from its rows; the engine never touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping

from samenspel.engine.flow import Flow, Status
from samenspel.engine.tables.setup import Tables
from samenspel.engine.wall import Wall
from samenspel.rules.model import Game, Round


def _frozen() -> Mapping:
    return MappingProxyType({})


@dataclass(frozen=True)
class Player:
    id: int
    name: str
    role: str
    proxy: bool = False
    #: the table they sit at (engine/tables), None when the session plays without tables
    table: int | None = None


#: the facilitator, where a mechanic lets them write like a player (the shared action plan);
#: their items have no author
FACILITATOR_PLAYER = Player(0, "", "")


def author_id(player: Player) -> int | None:
    """The author to store for an item this player made."""
    return None if player is FACILITATOR_PLAYER else player.id


@dataclass(frozen=True)
class Item:
    """Anything a player contributed in a round: a card, an introduction, a ballot, a step…"""

    id: int
    round_id: str
    kind: str
    author_id: int | None
    data: Mapping[str, Any] = field(default_factory=_frozen)
    hidden: bool = False
    created_ms: int = 0
    updated_ms: int = 0
    #: the table it was made at, in a table round of a session at tables; else None
    table: int | None = None


@dataclass(frozen=True)
class RoundState:
    """What a round remembers besides its items: whether its cards were revealed, which
    role each player writes as in a perspective swap (player id -> role id), the time it
    had left when the game last moved away from it (given back when it is opened again), and
    how the facilitator steers its wall on the projector (engine/wall.py; None until they do)."""

    revealed: bool = False
    perspectives: Mapping[int, str] = field(default_factory=_frozen)
    left_ms: int | None = None
    wall: Wall | None = None

    def as_data(self) -> dict:
        data = {"revealed": self.revealed, "perspectives": {str(k): v for k, v in self.perspectives.items()}}
        if self.left_ms is not None:
            data["left_ms"] = self.left_ms
        if self.wall is not None:
            data["wall"] = self.wall.as_dict()
        return data

    @classmethod
    def from_data(cls, data: Mapping | None) -> "RoundState":
        data = data or {}
        left = data.get("left_ms")
        return cls(
            bool(data.get("revealed")),
            MappingProxyType({int(k): v for k, v in (data.get("perspectives") or {}).items()}),
            left if isinstance(left, int) and not isinstance(left, bool) else None,
            Wall.from_data(data.get("wall")),
        )


@dataclass(frozen=True)
class SessionState:
    """Everything the engine knows of one session at one moment."""

    game: Game
    flow: Flow
    players: tuple[Player, ...] = ()
    items: tuple[Item, ...] = ()
    rounds: Mapping[str, RoundState] = field(default_factory=_frozen)
    #: how the session plays at tables (engine/tables/setup.py); None: one hall, no tables
    tables: Tables | None = None

    def round_state(self, round_id: str) -> RoundState:
        return self.rounds.get(round_id) or RoundState()

    def items_of(self, round_id: str, kind: str | None = None) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.round_id == round_id and (kind is None or i.kind == kind))

    def player(self, player_id: int | None) -> Player | None:
        return next((p for p in self.players if p.id == player_id), None)

    def is_open(self, round_id: str) -> bool:
        return self.flow.is_open(self.game.round_index(round_id))

    def is_closed(self, round_id: str) -> bool:
        """The round has been played and the game moved past it (or ended)."""
        index = self.game.round_index(round_id)
        if self.flow.status is Status.ENDED:
            return self.flow.round_index is not None and index <= self.flow.round_index
        return self.flow.round_index is not None and index < self.flow.round_index

    def with_round_state(self, round_id: str, state: RoundState) -> "SessionState":
        return replace(self, rounds=MappingProxyType({**self.rounds, round_id: state}))


@dataclass(frozen=True)
class Turn:
    """Everything a mechanic needs to decide on one player's action in one round."""

    session: SessionState
    round: Round
    actor: Player

    @property
    def open(self) -> bool:
        return self.session.is_open(self.round.id)

    @property
    def items(self) -> tuple[Item, ...]:
        return self.session.items_of(self.round.id)

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
    hidden: bool | None = None


@dataclass(frozen=True)
class Delete:
    item_id: int


Change = Create | Update | Delete
