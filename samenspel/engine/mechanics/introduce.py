"""Introduction: one line per player, "what I bring to this initiative"; shown as a wall of
faces, and in the plan next to the list of who took part. The facilitator may hide a line
(moderation): it then leaves every screen but the console's, and the plan; "show" undoes it.
A hidden line stays hidden when its author sends a new one."""

from __future__ import annotations

from typing import Any, Mapping

from samenspel.engine.document_context import DocumentContext, clean
from samenspel.engine.mechanics.base import Mechanic, hide_or_show, register, single_own
from samenspel.engine.state import Create, Item, SessionState, Turn, Update
from samenspel.engine.text import clean_text
from samenspel.rules.model import Round


@register
class Introduce(Mechanic):
    key = "introduce"
    item_kind = "intro"
    phone_shows_others = False  # a phone shows the player's own (docs/protocol.md)
    verbs = ("set",)
    figures = {"introductions": "Introduction lines."}
    block_schema = {
        "required": ["entries"],
        "properties": {
            "entries": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "text", "author"],
                    "properties": {
                        "id": {"$ref": "#/$defs/id"},
                        "text": {"type": "string"},
                        "author": {"$ref": "#/$defs/author"},
                    },
                },
            },
        },
    }

    def set(self, turn: Turn, payload: dict):
        text = clean_text(payload.get("text"), max_length=turn.round.settings["max_length"])
        own = single_own(turn, "intro")
        return Update(own.id, {"text": text}) if own else Create("intro", {"text": text})

    def moderate(self, session: SessionState, item: Item, payload: Mapping[str, Any]) -> list[Update]:
        """``hide`` or ``show`` the line (on the wall it is large: one rude line is seen by all)."""
        return [Update(item.id, item.data, hidden=hide_or_show(payload))]

    def block(self, rnd: Round, doc: DocumentContext) -> dict[str, Any]:
        entries = sorted(doc.visible(rnd, "intro"), key=lambda i: (doc.role_rank(i), i.id))
        return {
            "entries": [{"id": i.id, "text": clean(i.data.get("text")), "author": doc.author(i, rnd)} for i in entries]
        }

    def count(self, block: dict[str, Any]) -> dict[str, int]:
        return {"introductions": len(block["entries"])}
