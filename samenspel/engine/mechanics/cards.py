"""Cards: players write short texts, optionally in categories; edit or delete their own
while the round is open."""
from __future__ import annotations

from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics.base import Mechanic, own_item, register
from samenspel.engine.state import Create, Delete, Turn, Update
from samenspel.engine.text import clean_text


@register
class Cards(Mechanic):
    key = "cards"
    item_kind = "card"
    verbs = ("add", "edit", "delete")

    def add(self, turn: Turn, payload: dict) -> Create:
        settings = turn.round.settings
        allowed_roles = settings.get("roles") or ()
        if allowed_roles and turn.actor.role not in allowed_roles:
            raise Rejected("not_allowed", "your role does not write in this round")
        limit = settings.get("max_per_player", 5)
        if len(turn.own("card")) >= limit:
            raise Rejected("limit_reached", f"at most {limit} cards", max=limit)
        return Create("card", {
            "text": clean_text(payload.get("text"), max_length=settings.get("max_length", 200)),
            "category": self._category(settings, payload.get("category")),
        })

    def edit(self, turn: Turn, payload: dict) -> Update:
        item = own_item(turn, "card", payload.get("id"))
        settings = turn.round.settings
        data = dict(item.data)
        if "text" in payload:
            data["text"] = clean_text(payload["text"], max_length=settings.get("max_length", 200))
        if "category" in payload:
            data["category"] = self._category(settings, payload["category"])
        return Update(item.id, data)

    def delete(self, turn: Turn, payload: dict) -> Delete:
        return Delete(own_item(turn, "card", payload.get("id")).id)

    @staticmethod
    def _category(settings, value) -> str | None:
        categories = [c["id"] if isinstance(c, dict) else c.id for c in settings.get("categories") or ()]
        if not categories:
            return None
        if value not in categories:
            raise Rejected("unknown_category", f"choose one of {', '.join(categories)}")
        return value
