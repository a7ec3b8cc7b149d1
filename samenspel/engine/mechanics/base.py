"""What every mechanic is: a small pure class keyed by a string, registered once (the shape
of CTFd's flag plugins).

A mechanic decides on a player's action from the round's settings, the session's state and
the payload, and returns the change(s) it allows or raises ``Rejected``. It also says what
each viewer may see of its items (``view``), what the round adds up to (``summary``), which
controls the facilitator has in its rounds besides the flow's (``controls``, e.g. cards'
reveal) and what its round contributes to the plan document (``block``). It never stores or
sends anything itself. Its settings, with every default and limit, come validated from the
rules file (``samenspel/rules/mechanics/<key>.py``): a mechanic reads ``round.settings`` and
keeps no limits of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Mapping

from samenspel.engine.errors import Rejected
from samenspel.engine.state import Change, Item, RoundState, SessionState, Turn
from samenspel.rules.model import Round

if TYPE_CHECKING:
    from samenspel.engine.document_context import DocumentContext

MECHANICS: dict[str, "Mechanic"] = {}

FACILITATOR = "facilitator"


class Mechanic:
    key: ClassVar[str]
    #: the kind of item this mechanic's players create (``card``, ``ballot`` …), or None
    item_kind: ClassVar[str | None] = None
    #: what players may do; events on the wire are ``<item_kind>:<verb>``
    verbs: ClassVar[tuple[str, ...]] = ()
    #: verbs that create a new item and so need a client_id for idempotent resends
    creating_verbs: ClassVar[tuple[str, ...]] = ("add",)
    #: verbs the facilitator may use in their own name (not on behalf of a participant)
    facilitator_verbs: ClassVar[tuple[str, ...]] = ()
    #: the facilitator's controls of this mechanic's open round, besides the flow's own
    #: (start, next, back …): sent as ``control`` events, decided by ``control``
    controls: ClassVar[tuple[str, ...]] = ()
    #: those of its ``controls`` that show what some clients could not see before (cards'
    #: reveal): every client then fetches a fresh snapshot; other controls tell the summary
    revealing_controls: ClassVar[tuple[str, ...]] = ()
    #: the JSON Schema of what ``block`` adds to a plan-document block: ``properties``,
    #: ``required`` and named ``defs`` (docs/plan.schema.json is assembled from these)
    block_schema: ClassVar[dict[str, Any]] = {}
    #: the figures this mechanic adds to the plan's summary: name -> description of a whole
    #: number (≥ 0), or name -> its JSON Schema when it is another kind of number
    figures: ClassVar[dict[str, Any]] = {}
    #: the plan leads with this mechanic's section, right after the summary (the action
    #: path: what people take home and act on comes before how they got there)
    leads_plan: ClassVar[bool] = False
    #: whether a phone's view of this mechanic's round shows other players' items (the
    #: shared plan does) or only the player's own (cards, introductions, offers, ratings)
    phone_shows_others: ClassVar[bool] = True

    def handle(self, turn: Turn, verb: str, payload: dict[str, Any]) -> Change | list[Change]:
        if verb not in self.verbs:
            raise Rejected("not_allowed", f"{self.key} rounds do not take {verb!r}")
        if not turn.open:
            raise Rejected("round_closed", f"round {turn.round.id!r} is not open")
        return getattr(self, verb)(turn, payload)

    def view(self, item: Item, viewer, session: SessionState) -> dict | None:
        """The item as ``viewer`` may see it; None hides it from them entirely."""
        return base_view(item)

    def summary(self, rnd: Round, session: SessionState, viewer) -> dict | None:
        """Derived figures of a round (tallies, averages, assignments), or None."""
        return None

    def summary_reads(self, rnd: Round, game) -> tuple[str, ...]:
        """The rounds whose items this round's summary is computed from (besides the round's
        own state). A change to items of other rounds leaves the summary as it was, so the
        room is not told it again: a plan's step would otherwise resend every phone the
        chosen ideas, and tally the vote again, on every keystroke."""
        return (rnd.id,)

    def ended_items(self, session: SessionState, player_id: int) -> dict[str, list[Item]]:
        """Items a phone's snapshot carries once the game has ended, by field name (the plan's
        ``own_steps``: its end screen shows them without asking for any round)."""
        return {}

    def phone_rounds(self, rnd: Round) -> tuple[str, ...]:
        """The rounds whose items — everyone's, as a phone may see them — a phone's view of
        this round shows, besides the player's own items (a phone always has those). They
        are in a phone's snapshot while this round is the current one; a phone asks for them
        (``items:round``) when the game moves here (docs/protocol.md)."""
        return (rnd.id,) if self.phone_shows_others else ()

    def on_open(self, rnd: Round, session: SessionState) -> RoundState | None:
        """The round state to store when the round opens (or a player joins while it is
        open); None when nothing changes."""
        return None

    def control(self, rnd: Round, session: SessionState, action: str) -> RoundState:
        """The round state after one of this mechanic's ``controls`` in its open round."""
        raise Rejected("invalid_transition", f"{self.key} rounds have no {action!r} control")

    def moderate(self, session: SessionState, item: Item, payload: Mapping[str, Any]) -> list[Change]:
        """The facilitator's moderation of one of this mechanic's items (cards: hide, show,
        edit, move, merge); mechanics whose items are not moderated refuse."""
        raise Rejected("not_allowed", f"{self.key} items are not moderated")

    def hides_until_closed(self, rnd: Round, session: SessionState) -> bool:
        """Whether some viewers see less of this round's items until the round closes (so
        that closing it changes many items at once: clients then fetch a fresh snapshot)."""
        return False

    def block(self, rnd: Round, doc: "DocumentContext") -> dict[str, Any]:
        """What this round adds to its block in the plan document (besides type and round)."""
        return {}

    def count(self, block: dict[str, Any]) -> dict[str, int]:
        """This block's share of the summary ``figures``."""
        return {}

    def steps(self, block: dict[str, Any]) -> list[dict[str, Any]]:
        """The action steps in this block, for the plan's follow-up (what comes next, what
        still needs an owner or a date)."""
        return []


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


#: what the facilitator's moderation of an introduction or a rating's word can do
HIDE_OR_SHOW = ("hide", "show")


def hide_or_show(payload: Mapping[str, Any]) -> bool:
    """The moderation ``hide`` or ``show``: whether the item (or its word) is to be hidden."""
    action = payload.get("action")
    if action not in HIDE_OR_SHOW:
        raise Rejected("bad_request", f"action must be one of {', '.join(HIDE_OR_SHOW)}")
    return action == "hide"


def base_view(item: Item) -> dict:
    return {
        "id": item.id,
        "round_id": item.round_id,
        "kind": item.kind,
        "author_id": item.author_id,
        "created_at": item.created_ms,
        "updated_at": item.updated_ms,
        "table": item.table,
        **plain(item.data),
    }


def plain(value: Any) -> Any:
    """Turn settings and data (read-only mappings, tuples, Text) into JSON-ready values."""
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if hasattr(value, "items"):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def private_view(item: Item, viewer) -> dict | None:
    """For personal items (ballots, ratings): their author and the facilitator see them; the
    room sees only the round's summary."""
    return base_view(item) if is_own(item, viewer) or viewer.kind == FACILITATOR else None


def is_own(item: Item, viewer) -> bool:
    return viewer.player is not None and item.author_id == viewer.player.id


def require_int(payload: dict, name: str, low: int, high: int) -> int:
    value = payload.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise Rejected("bad_request", f"{name} must be a whole number from {low} to {high}")
    return value


def own_item(turn: Turn, kind: str, item_id) -> Item:
    """The actor's own item of this round, or a rejection that says why not."""
    item = round_item(turn, kind, item_id)
    if item.author_id != turn.actor.id:
        raise Rejected("not_allowed", f"{kind} {item_id} is not yours")
    return item


def round_item(turn: Turn, kind: str, item_id) -> Item:
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise Rejected("bad_request", "id must be an integer")
    item = turn.session.item(item_id)
    if item is None or item.round_id != turn.round.id or item.kind != kind:
        raise Rejected("not_found", f"no {kind} {item_id}")
    return item


def single_own(turn: Turn, kind: str) -> Item | None:
    """For mechanics with one item per player (introduction, ballot, rating)."""
    own = turn.own(kind)
    return own[0] if own else None
