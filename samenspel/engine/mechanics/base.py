"""What every mechanic is: a small pure class keyed by a string, registered once.

A mechanic receives the round's settings (via ``turn.round.settings``), the items already in
the round, the acting player and the action's payload, and returns the one change it
allows, or raises ``Rejected`` with a reason. It never stores anything itself.
"""
from __future__ import annotations

from typing import Any, Callable, ClassVar

from samenspel.engine.errors import Rejected
from samenspel.engine.state import Change, Turn

MECHANICS: dict[str, "Mechanic"] = {}


class Mechanic:
    key: ClassVar[str]
    #: the kind of item this mechanic's players create (``card``, ``vote`` …), or None
    item_kind: ClassVar[str | None] = None
    #: verb -> method name, e.g. {"add": "add"}; events on the wire are ``<item_kind>:<verb>``
    verbs: ClassVar[tuple[str, ...]] = ()

    def handle(self, turn: Turn, verb: str, payload: dict[str, Any]) -> Change:
        if verb not in self.verbs:
            raise Rejected("not_allowed", f"{self.key} rounds do not take {verb!r}")
        if not turn.open:
            raise Rejected("round_closed", f"round {turn.round.id!r} is not open")
        return getattr(self, verb)(turn, payload)


def register(cls: type[Mechanic]) -> type[Mechanic]:
    """Class decorator: make a mechanic available to rules files under ``cls.key``."""
    MECHANICS[cls.key] = cls()
    return cls


def mechanic_for(key: str) -> Mechanic:
    try:
        return MECHANICS[key]
    except KeyError:
        raise Rejected("not_allowed", f"no mechanic {key!r}") from None


def mechanic_for_kind(kind: str) -> Mechanic | None:
    return next((m for m in MECHANICS.values() if m.item_kind == kind), None)


def own_item(turn: Turn, kind: str, item_id) -> Any:
    """The actor's own item of this round, or a rejection that says why not."""
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise Rejected("bad_request", "id must be an integer")
    item = next((i for i in turn.items if i.id == item_id and i.kind == kind), None)
    if item is None:
        raise Rejected("not_found", f"no {kind} {item_id}")
    if item.author_id != turn.actor.id:
        raise Rejected("not_allowed", f"{kind} {item_id} is not yours")
    return item


Handler = Callable[[Turn, dict[str, Any]], Change]
