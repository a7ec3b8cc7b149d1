"""Cards: players write short texts, optionally in categories, as themselves or (perspective
swap) as another role; named or anonymous; visible live or only once revealed (the
facilitator's ``reveal`` control). Players edit or delete their own cards while the round is
open. In the plan document the cards are grouped by role, by category or by the role they
were written as."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Any

from samenspel.engine import perspectives
from samenspel.engine.document_context import DocumentContext, clean
from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics.base import FACILITATOR, Mechanic, base_view, is_own, own_item, register
from samenspel.engine.state import Create, Delete, Item, RoundState, SessionState, Turn, Update
from samenspel.engine.tables import seating
from samenspel.engine.text import clean_text
from samenspel.rules.model import Round

#: what the facilitator's moderation of cards can do
MODERATION = ("hide", "show", "edit", "move", "merge")

_CARD = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "text", "author"],
    "properties": {
        "id": {"$ref": "#/$defs/id"},
        "text": {"type": "string"},
        "author": {"$ref": "#/$defs/author"},
        "as": {"type": "string", "description": "Perspective swap: the role the author wrote as."},
        "as_name": {"type": "string"},
        "category": {"type": "string"},
        "merged": {
            "type": "integer",
            "minimum": 1,
            "description": "How many duplicate cards were merged into this one.",
        },
    },
}


@register
class Cards(Mechanic):
    key = "cards"
    item_kind = "card"
    phone_shows_others = False  # a phone shows the player's own (docs/protocol.md)
    verbs = ("add", "edit", "delete")
    controls = ("reveal",)
    revealing_controls = ("reveal",)
    figures = {"cards": "Visible cards in all card rounds (ideas included)."}
    block_schema = {
        "required": ["group_by", "groups"],
        "properties": {
            "group_by": {
                "enum": ["role", "category", "as", None],
                "description": "role: the author's role; as: the role written as (perspective swap); "
                "category: the round's categories; null: one group.",
            },
            "groups": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "label", "colour", "cards"],
                    "properties": {
                        "id": {"type": ["string", "null"]},
                        "label": {
                            "type": ["string", "null"],
                            "description": "Role or category name; null for the ungrouped cards.",
                        },
                        "colour": {"$ref": "#/$defs/colour"},
                        "cards": {"type": "array", "items": {"$ref": "#/$defs/card"}},
                    },
                },
            },
        },
        "defs": {"card": _CARD},
    }

    def add(self, turn: Turn, payload: dict) -> Create:
        settings = turn.round.settings
        allowed_roles = settings.get("roles") or ()
        if allowed_roles and turn.actor.role not in allowed_roles:
            raise Rejected("not_allowed", "your role does not write in this round")
        limit = settings["max_per_player"]
        if len(turn.own("card")) >= limit:
            raise Rejected("limit_reached", f"at most {limit} cards", max=limit)
        data = {
            "text": clean_text(payload.get("text"), max_length=settings["max_length"]),
            "category": category(settings, payload.get("category")),
        }
        if settings.get("perspective_swap"):
            data["as"] = turn.session.round_state(turn.round.id).perspectives.get(turn.actor.id)
        return Create("card", data)

    def edit(self, turn: Turn, payload: dict) -> Update:
        item = own_item(turn, "card", payload.get("id"))
        settings = turn.round.settings
        data = dict(item.data)
        if "text" in payload:
            data["text"] = clean_text(payload["text"], max_length=settings["max_length"])
        if "category" in payload:
            data["category"] = category(settings, payload["category"])
        return Update(item.id, data)

    def delete(self, turn: Turn, payload: dict) -> Delete:
        return Delete(own_item(turn, "card", payload.get("id")).id)

    def view(self, item: Item, viewer, session: SessionState) -> dict | None:
        rnd = session.game.round(item.round_id)
        view = base_view(item)
        mine = is_own(item, viewer)
        if mine:
            view["mine"] = True
        if rnd.settings.get("anonymous"):
            view["author_id"] = None
        if self.hides_until_closed(rnd, session) and not mine and viewer.kind != FACILITATOR:
            return {
                "id": item.id,
                "round_id": item.round_id,
                "kind": item.kind,
                "concealed": True,
                "table": item.table,
                "created_at": item.created_ms,
                "updated_at": item.updated_ms,
            }
        return view

    def summary(self, rnd: Round, session: SessionState, viewer) -> dict | None:
        state = session.round_state(rnd.id)
        summary = {}
        if rnd.settings.get("visibility") == "reveal":
            summary["revealed"] = state.revealed
        if rnd.settings.get("perspective_swap"):
            summary["perspectives"] = {str(k): v for k, v in state.perspectives.items()}
        return summary or None

    def summary_reads(self, rnd: Round, game) -> tuple[str, ...]:
        """Revealed or not, and the perspectives: the round's state only, never its cards."""
        return ()

    def control(self, rnd: Round, session: SessionState, action: str) -> RoundState:
        """``reveal``: show the cards of a round played on reveal to everyone."""
        if action != "reveal" or rnd.settings["visibility"] != "reveal":
            raise Rejected("invalid_transition", "this round shows its cards live")
        return replace(session.round_state(rnd.id), revealed=True)

    def moderate(self, session: SessionState, item: Item, payload) -> list[Update]:
        """The facilitator's moderation: hide, show, fix a typo, move to another category,
        merge duplicates. Everyone sees the result at once; nothing is deleted, so it can be
        undone."""
        action = payload.get("action")
        if action not in MODERATION:
            raise Rejected("bad_request", f"action must be one of {', '.join(MODERATION)}")
        rnd = session.game.round(item.round_id)
        if action == "hide":
            return [Update(item.id, item.data, hidden=True)]
        if action == "show":
            return [Update(item.id, {k: v for k, v in item.data.items() if k != "merged_into"}, hidden=False)]
        if action == "edit":
            text = clean_text(payload.get("text"), max_length=rnd.settings["max_length"])
            return [Update(item.id, {**item.data, "text": text})]
        if action == "move":
            return [Update(item.id, {**item.data, "category": category(rnd.settings, payload.get("category"))})]
        target = _card_by_id(session, payload.get("into"))
        if target.id == item.id or target.round_id != item.round_id or target.hidden:
            raise Rejected("bad_request", "merge into another visible card of the same round")
        merged_from = sorted({*target.data.get("merged_from", ()), item.id})
        return [
            Update(item.id, {**item.data, "merged_into": target.id}, hidden=True),
            Update(target.id, {**target.data, "merged_from": merged_from}),
        ]

    def hides_until_closed(self, rnd: Round, session: SessionState) -> bool:
        return (
            rnd.settings.get("visibility") == "reveal"
            and not session.round_state(rnd.id).revealed
            and not session.is_closed(rnd.id)
        )

    def on_open(self, rnd: Round, session: SessionState) -> RoundState | None:
        if not rnd.settings.get("perspective_swap"):
            return None
        state = session.round_state(rnd.id)
        if seating.at_tables(session, rnd):  # spread the roles within each table
            assigned = {}
            for group in seating.by_table(session.players):
                existing = {p.id: state.perspectives[p.id] for p in group if p.id in state.perspectives}
                assigned.update(perspectives.assign(group, session.game.roles, existing))
            assigned = {**state.perspectives, **assigned}  # people who left keep theirs
        else:
            assigned = perspectives.assign(session.players, session.game.roles, state.perspectives)
        if assigned == dict(state.perspectives):
            return None
        return replace(state, perspectives=MappingProxyType(assigned))

    # --- the plan document ---------------------------------------------------------------

    def block(self, rnd: Round, doc: DocumentContext) -> dict[str, Any]:
        settings = rnd.settings
        cards = doc.visible(rnd, "card")
        if settings.get("perspective_swap"):
            group_by = "as"
        else:
            group_by = settings.get("group_by") if settings.get("group_by") in ("role", "category") else None
        return {"group_by": group_by, "groups": _groups(doc, rnd, cards, group_by)}

    def count(self, block: dict[str, Any]) -> dict[str, int]:
        return {"cards": sum(len(g["cards"]) for g in block["groups"])}


def _groups(doc: DocumentContext, rnd: Round, cards: list[Item], group_by: str | None) -> list[dict]:
    if group_by is None:
        return (
            [{"id": None, "label": None, "colour": None, "cards": [_card(doc, c, rnd) for c in cards]}] if cards else []
        )
    if group_by == "category":
        order = [(c["id"], doc.text(c.get("name")) or c["id"], None) for c in rnd.settings.get("categories") or ()]

        def key(card: Item):
            return card.data.get("category")
    else:
        order = [(r.id, r.name.get(doc.lang), r.colour) for r in doc.game.roles]

        def key(card: Item):
            if group_by == "as":
                return card.data.get("as")
            player = doc.players.get(card.author_id)
            return player.role if player else None

    buckets: dict[Any, list[Item]] = {}
    for card in cards:
        buckets.setdefault(key(card), []).append(card)
    groups = [
        {"id": gid, "label": label, "colour": colour, "cards": [_card(doc, c, rnd) for c in buckets.pop(gid)]}
        for gid, label, colour in order
        if gid in buckets
    ]
    for gid in sorted(buckets, key=lambda g: (g is None, str(g))):  # unknown or no group
        label = None if gid is None else clean(gid) if group_by == "category" else doc.role_name(gid)
        groups.append({"id": gid, "label": label, "colour": None, "cards": [_card(doc, c, rnd) for c in buckets[gid]]})
    return groups


def _card(doc: DocumentContext, item: Item, rnd: Round) -> dict:
    card = {"id": item.id, "text": clean(item.data.get("text")), "author": doc.author(item, rnd)}
    if item.data.get("as"):
        card["as"] = item.data["as"]
        card["as_name"] = doc.role_name(item.data["as"])
    if item.data.get("category"):
        card["category"] = item.data["category"]
    merged = [m for m in item.data.get("merged_from") or () if _hidden(doc, m)]
    if merged:
        card["merged"] = len(merged)
    return card


def _hidden(doc: DocumentContext, item_id: int) -> bool:
    item = doc.item(item_id)
    return item is not None and item.hidden


def category(settings, value) -> str | None:
    """The card's category: required and checked when the round has categories."""
    categories = [c["id"] for c in settings.get("categories") or ()]
    if not categories:
        return None
    if value not in categories:
        raise Rejected("unknown_category", f"choose one of {', '.join(categories)}")
    return value


def _card_by_id(session: SessionState, item_id) -> Item:
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise Rejected("bad_request", "id must be an integer")
    item = session.item(item_id)
    if item is None or item.kind != "card":
        raise Rejected("not_found", f"no card {item_id}")
    return item
