"""The facilitator's moderation of cards: hide, show, fix a typo, move to another category,
merge duplicates. Everyone sees the result at once; nothing is deleted, so it can be undone."""

from __future__ import annotations

from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics.cards import category
from samenspel.engine.state import Item, SessionState, Update
from samenspel.engine.text import clean_text

ACTIONS = ("hide", "show", "edit", "move", "merge")


def moderate(session: SessionState, payload: dict) -> list[Update]:
    action = payload.get("action")
    if action not in ACTIONS:
        raise Rejected("bad_request", f"action must be one of {', '.join(ACTIONS)}")
    card = _card(session, payload.get("id"))
    rnd = session.game.round(card.round_id)
    if action == "hide":
        return [Update(card.id, card.data, hidden=True)]
    if action == "show":
        data = {k: v for k, v in card.data.items() if k != "merged_into"}
        return [Update(card.id, data, hidden=False)]
    if action == "edit":
        text = clean_text(payload.get("text"), max_length=rnd.settings["max_length"])
        return [Update(card.id, {**card.data, "text": text})]
    if action == "move":
        return [Update(card.id, {**card.data, "category": category(rnd.settings, payload.get("category"))})]
    target = _card(session, payload.get("into"))
    if target.id == card.id or target.round_id != card.round_id or target.hidden:
        raise Rejected("bad_request", "merge into another visible card of the same round")
    merged_from = sorted({*target.data.get("merged_from", ()), card.id})
    return [
        Update(card.id, {**card.data, "merged_into": target.id}, hidden=True),
        Update(target.id, {**target.data, "merged_from": merged_from}),
    ]


def _card(session: SessionState, item_id) -> Item:
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise Rejected("bad_request", "id must be an integer")
    item = next((i for i in session.items if i.id == item_id and i.kind == "card"), None)
    if item is None:
        raise Rejected("not_found", f"no card {item_id}")
    return item
