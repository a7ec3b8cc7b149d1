"""Plain, immutable views of a session's stored state, as the engine sees them.

The store builds these from its rows; the engine never touches the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from types import MappingProxyType
from typing import Any, Iterable, Mapping

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


class Items(Sequence):
    """A session's items, kept per round. It reads like a tuple in id order (iterates,
    indexes, compares equal to the same items in a tuple), and an event that touches one
    round finds its item (``get``) and its round's items (``of_round``) without a scan, and
    makes the next collection (``changed``) by copying only that round, not the session.
    The whole list in id order is made only when something reads it whole (a snapshot, an
    export), once per collection.

    Immutable like the rest of the state: a change makes a new collection and never alters
    this one, which another state (or the process's kept state, services/states.py) holds."""

    __slots__ = ("_rounds", "_whole", "_of_round")
    __hash__ = None  # like a tuple of items: their data are mappings

    def __init__(self, items: Iterable["Item"] = ()):
        rounds: dict[str, dict[int, Item]] = {}
        for item in sorted({i.id: i for i in items}.values(), key=_by_id):  # one item per id
            rounds.setdefault(item.round_id, {})[item.id] = item
        self._rounds, self._whole, self._of_round = rounds, None, {}

    @classmethod
    def _made(cls, rounds: dict) -> "Items":
        made = cls.__new__(cls)
        made._rounds, made._whole, made._of_round = rounds, None, {}
        return made

    def get(self, item_id) -> "Item | None":
        if isinstance(item_id, int):
            for items in self._rounds.values():
                found = items.get(item_id)
                if found is not None:
                    return found
        return None

    def of_round(self, round_id: str) -> tuple["Item", ...]:
        """The round's items in id order."""
        found = self._of_round.get(round_id)
        if found is None:
            found = self._of_round[round_id] = tuple(self._rounds.get(round_id, {}).values())
        return found

    def changed(self, put: Iterable["Item"] = (), removed: Iterable[int] = ()) -> "Items":
        """A new collection with ``put`` added or replaced (by id) and ``removed`` taken out;
        only the rounds they are in are copied."""
        rounds, copied, moved = dict(self._rounds), set(), {}

        def round_of(round_id: str) -> dict:
            if round_id not in copied:
                copied.add(round_id)
                rounds[round_id] = dict(rounds.get(round_id, {}))
            return rounds[round_id]

        def where(item_id: int) -> str | None:  # the round an id is in now, within this change
            if item_id in moved:
                return moved[item_id]
            old = self.get(item_id)
            return old.round_id if old is not None else None

        for item_id in removed:
            if (round_id := where(item_id)) is not None:
                round_of(round_id).pop(item_id, None)
                moved[item_id] = None
        for item in put:
            round_id = where(item.id)
            if round_id is not None and round_id != item.round_id:
                round_of(round_id).pop(item.id, None)
            _placed(round_of(item.round_id), item)
            moved[item.id] = item.round_id
        return Items._made({k: v for k, v in rounds.items() if v})

    def _tuple(self) -> tuple["Item", ...]:
        if self._whole is None:
            self._whole = tuple(sorted(chain.from_iterable(r.values() for r in self._rounds.values()), key=_by_id))
        return self._whole

    def __getitem__(self, index):
        return self._tuple()[index]

    def __len__(self) -> int:
        return sum(map(len, self._rounds.values()))

    def __iter__(self):
        return iter(self._tuple())

    def __eq__(self, other) -> bool:
        if isinstance(other, (Items, tuple)):
            return self._tuple() == tuple(other)
        return NotImplemented

    def __add__(self, other) -> tuple:
        return self._tuple() + tuple(other)

    def __radd__(self, other) -> tuple:
        return tuple(other) + self._tuple()

    def __repr__(self) -> str:
        return f"Items({self._tuple()!r})"


def _by_id(item: "Item") -> int:
    return item.id


def _placed(items: dict, item: "Item") -> None:
    """Put ``item`` into an id-ordered dict, keeping the order: replaced in place, appended
    after the largest id (new stored ids), put before the smallest (provisional negative
    ids), else sorted again (only for ids out of the usual order)."""
    if item.id in items or not items or item.id > next(reversed(items)):
        items[item.id] = item
    elif item.id < next(iter(items)):
        rest = dict(items)
        items.clear()
        items[item.id] = item
        items.update(rest)
    else:
        items[item.id] = item
        ordered = sorted(items.items())
        items.clear()
        items.update(ordered)


@dataclass(frozen=True)
class RoundState:
    """What a round remembers besides its items: whether its cards were revealed, which
    role each player writes as in a perspective swap (player id -> role id), the time it
    had left when the game last moved away from it (given back when it is opened again), how
    the facilitator steers its wall on the projector (engine/wall.py; None until they do),
    the item a walk-through shows now (a review's current step, ``focus``; None: the first),
    and whether the facilitator closed its input while it stays the current round (a vote's
    "close the vote and show the result", ``closed``: the room sees the outcome on the
    projector before the game moves on)."""

    revealed: bool = False
    perspectives: Mapping[int, str] = field(default_factory=_frozen)
    left_ms: int | None = None
    wall: Wall | None = None
    focus: int | None = None
    closed: bool = False

    def as_data(self) -> dict:
        data = {"revealed": self.revealed, "perspectives": {str(k): v for k, v in self.perspectives.items()}}
        if self.left_ms is not None:
            data["left_ms"] = self.left_ms
        if self.wall is not None:
            data["wall"] = self.wall.as_dict()
        if self.focus is not None:
            data["focus"] = self.focus
        if self.closed:
            data["closed"] = True
        return data

    @classmethod
    def from_data(cls, data: Mapping | None) -> "RoundState":
        data = data or {}
        left, focus = data.get("left_ms"), data.get("focus")
        return cls(
            bool(data.get("revealed")),
            MappingProxyType({int(k): v for k, v in (data.get("perspectives") or {}).items()}),
            left if isinstance(left, int) and not isinstance(left, bool) else None,
            Wall.from_data(data.get("wall")),
            focus if isinstance(focus, int) and not isinstance(focus, bool) else None,
            data.get("closed") is True,
        )


@dataclass(frozen=True)
class SessionState:
    """Everything the engine knows of one session at one moment."""

    game: Game
    flow: Flow
    players: tuple[Player, ...] = ()
    items: Items = field(default_factory=Items)
    rounds: Mapping[str, RoundState] = field(default_factory=_frozen)
    #: how the session plays at tables (engine/tables/setup.py); None: one hall, no tables
    tables: Tables | None = None

    def __post_init__(self):
        if not isinstance(self.items, Items):  # a plain tuple or list of items
            object.__setattr__(self, "items", Items(self.items))

    def round_state(self, round_id: str) -> RoundState:
        return self.rounds.get(round_id) or RoundState()

    def items_of(self, round_id: str, kind: str | None = None) -> tuple[Item, ...]:
        found = self.items.of_round(round_id)
        return found if kind is None else tuple(i for i in found if i.kind == kind)

    def item(self, item_id) -> Item | None:
        return self.items.get(item_id)

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
    """Everything a mechanic needs to decide on one player's action in one round, and when
    it happens (``at_ms``, from the logged action: a step's status history is dated)."""

    session: SessionState
    round: Round
    actor: Player
    at_ms: int = 0

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
