"""What do I bring in? ("Wat breng ik in?"): after the vote, each player offers something
toward one of the chosen ideas: time (hours), materials, network (contacts), expertise or
money (an amount is optional), each with a short text. Players add, change and delete their
own offers while the round is open; everyone sees every offer, by idea, with who made it.
In the plan document each chosen idea gets its list: "Wie brengt wat in".

Limits (what may be brought in, offers per player, text length, hours, amount) are the round's
settings (samenspel/rules/mechanics/pledge.py)."""

from __future__ import annotations

import math
from typing import Any

from samenspel.engine.document_context import DocumentContext, clean
from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics.base import Mechanic, base_view, is_own, own_item, register
from samenspel.engine.mechanics.vote import chosen_ideas
from samenspel.engine.state import Create, Delete, Item, SessionState, Turn, Update
from samenspel.engine.text import clean_text
from samenspel.rules.mechanics.pledge import RESOURCES
from samenspel.rules.model import Round

_PLEDGE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "resource", "text", "hours", "amount", "author"],
    "properties": {
        "id": {"$ref": "#/$defs/id"},
        "resource": {"enum": list(RESOURCES)},
        "text": {"type": "string"},
        "hours": {"type": ["number", "null"], "exclusiveMinimum": 0, "description": "Hours offered (resource time)."},
        "amount": {
            "type": ["integer", "null"],
            "minimum": 1,
            "description": "Euros offered (resource money; optional).",
        },
        "author": {"$ref": "#/$defs/author"},
    },
}


@register
class Pledge(Mechanic):
    key = "pledge"
    item_kind = "pledge"
    phone_shows_others = False  # a phone shows the player's own (docs/protocol.md)
    verbs = ("add", "edit", "delete")
    figures = {
        "pledges": "Offers of what participants bring in.",
        "pledged_hours": {"type": "number", "minimum": 0, "description": "Hours offered in all (in halves)."},
    }
    block_schema = {
        "required": ["ideas", "pledges", "hours", "amount"],
        "properties": {
            "ideas": {
                "type": "array",
                "description": "The chosen ideas, best first, each with what participants bring in for it; then "
                "any idea no longer chosen that still has offers.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "text", "chosen", "pledges", "hours", "amount"],
                    "properties": {
                        "id": {"$ref": "#/$defs/id"},
                        "text": {"type": "string"},
                        "chosen": {"type": "boolean"},
                        "pledges": {"type": "array", "items": {"$ref": "#/$defs/pledge"}},
                        "hours": {"type": "number", "minimum": 0},
                        "amount": {"type": "integer", "minimum": 0},
                    },
                },
            },
            "pledges": {"type": "integer", "minimum": 0},
            "hours": {"type": "number", "minimum": 0},
            "amount": {"type": "integer", "minimum": 0},
        },
        "defs": {"pledge": _PLEDGE},
    }

    def add(self, turn: Turn, payload: dict) -> Create:
        limit = turn.round.settings["max_per_player"]
        if len(turn.own("pledge")) >= limit:
            raise Rejected("limit_reached", f"at most {limit} offers", max=limit)
        return Create("pledge", self._data(turn, payload, None))

    def edit(self, turn: Turn, payload: dict) -> Update:
        item = own_item(turn, "pledge", payload.get("id"))
        return Update(item.id, self._data(turn, payload, dict(item.data)))

    def delete(self, turn: Turn, payload: dict) -> Delete:
        return Delete(own_item(turn, "pledge", payload.get("id")).id)

    def view(self, item: Item, viewer, session: SessionState) -> dict | None:
        view = base_view(item)
        if is_own(item, viewer):
            view["mine"] = True
        return view

    def summary(self, rnd: Round, session: SessionState, viewer) -> dict | None:
        """The chosen ideas, and per idea how many offers, hours and euros the hall brings."""
        pledges = [p for p in session.items_of(rnd.id, "pledge") if not p.hidden]
        totals = {}
        for idea, group in _by_idea(pledges).items():
            totals[str(idea)] = {
                "pledges": len(group),
                "hours": _sum(p.data.get("hours") for p in group),
                "amount": _sum(p.data.get("amount") for p in group),
            }
        return {
            "ideas": _ideas(session, rnd),
            "totals": totals,
            "pledgers": len({p.author_id for p in pledges if p.author_id is not None}),
        }

    # --- checking an offer -------------------------------------------------------------------

    def _data(self, turn: Turn, payload: dict, current: dict | None) -> dict[str, Any]:
        settings = turn.round.settings
        data = current or {}
        if current is None or "idea" in payload:
            data["idea"] = self._idea(turn, payload.get("idea"))
        if current is None or "resource" in payload:
            resource = payload.get("resource")
            if resource not in settings["resources"]:
                raise Rejected(
                    "bad_request", f"resource must be one of {', '.join(settings['resources'])}", field="resource"
                )
            data["resource"] = resource
        if current is None or "text" in payload:
            data["text"] = clean_text(payload.get("text"), max_length=settings["max_length"])
        time, money = data["resource"] == "time", data["resource"] == "money"
        for name, applies, resource in (("hours", time, "time"), ("amount", money, "money")):
            if not applies and payload.get(name) is not None:
                raise Rejected("bad_request", f"{name} goes with an offer of {resource}", field=name)
        if time and (current is None or "hours" in payload or data.get("hours") is None):
            data["hours"] = hours(payload.get("hours"), settings["max_hours"])
        elif not time:
            data["hours"] = None
        if money and (current is None or "amount" in payload):
            data["amount"] = amount(payload.get("amount"), settings["max_amount"])
        elif not money:
            data["amount"] = None
        return data

    @staticmethod
    def _idea(turn: Turn, value) -> int:
        ideas = {i["id"] for i in _ideas(turn.session, turn.round)}
        if not isinstance(value, int) or isinstance(value, bool):
            raise Rejected("bad_request", "idea must be the id of a chosen idea", field="idea")
        if value not in ideas:
            raise Rejected("not_found", "that idea is not one of the chosen ideas", field="idea")
        return value

    # --- the plan document ----------------------------------------------------------------

    def block(self, rnd: Round, doc: DocumentContext) -> dict[str, Any]:
        pledges = sorted(doc.visible(rnd, "pledge"), key=lambda p: (doc.role_rank(p), p.id))
        grouped = _by_idea(pledges)
        chosen = _ideas(doc.session, rnd)
        ideas = [(i["id"], i["text"], True) for i in chosen]
        known = {i["id"] for i in chosen}
        for idea_id in sorted(set(grouped) - known):  # chosen once, no longer after a vote changed
            card = doc.item(idea_id)
            ideas.append((idea_id, card.data.get("text", "") if card else "", False))
        entries = []
        for idea_id, text, is_chosen in ideas:
            offers = [_pledge(doc, p, rnd) for p in grouped.get(idea_id, ())]
            entries.append(
                {
                    "id": idea_id,
                    "text": clean(text),
                    "chosen": is_chosen,
                    "pledges": offers,
                    "hours": _sum(o["hours"] for o in offers),
                    "amount": _sum(o["amount"] for o in offers),
                }
            )
        return {
            "ideas": entries,
            "pledges": len(pledges),
            "hours": _sum(e["hours"] for e in entries),
            "amount": _sum(e["amount"] for e in entries),
        }

    def count(self, block: dict[str, Any]) -> dict[str, int | float]:
        return {"pledges": block["pledges"], "pledged_hours": block["hours"]}


def hours(value, most: int) -> int | float:
    """Hours offered: more than 0, at most ``most``, in half hours."""
    if (
        not isinstance(value, (int, float))
        or isinstance(value, bool)
        or not math.isfinite(value)
        or not 0 < value <= most
        or (value * 2) % 1
    ):
        raise Rejected("bad_request", f"hours: a number of (half) hours from 0.5 to {most}", field="hours", max=most)
    return int(value) if float(value).is_integer() else float(value)


def amount(value, most: int) -> int | None:
    """Euros offered: a whole number from 1 to ``most``, or none."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= most:
        raise Rejected("bad_request", f"amount: whole euros from 1 to {most}", field="amount", max=most)
    return value


def _ideas(session: SessionState, rnd: Round) -> list[dict]:
    return chosen_ideas(session, session.game.round(rnd.settings.get("ideas_from") or ""))


def _by_idea(pledges) -> dict[int, list[Item]]:
    grouped: dict[int, list[Item]] = {}
    for pledge in pledges:
        grouped.setdefault(pledge.data.get("idea"), []).append(pledge)
    return grouped


def _sum(values) -> int | float:
    total = sum(v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool))
    return int(total) if float(total).is_integer() else total


def _pledge(doc: DocumentContext, item: Item, rnd: Round) -> dict:
    data = item.data
    return {
        "id": item.id,
        "resource": data.get("resource"),
        "text": clean(data.get("text")),
        "hours": data.get("hours"),
        "amount": data.get("amount"),
        "author": doc.author(item, rnd),
    }
