"""Reflection: each player rates items on a scale (1–5) and may add one word. Ratings are
personal; the room sees averages and the words.

The facilitator may hide a word (moderation: ``hide``/``show`` on the rating): the word then
leaves the room's words, the author's screen and the plan, while the scores still count in
the averages — one unkind word does not take away someone's rating. A hidden word stays
hidden when its author changes it, until the facilitator shows it again."""

from __future__ import annotations

from typing import Any, Mapping

from samenspel.engine.document_context import DocumentContext, clean
from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics.base import FACILITATOR, Mechanic, hide_or_show, private_view, register, single_own
from samenspel.engine.state import Create, Item, SessionState, Turn, Update
from samenspel.engine.text import clean_text
from samenspel.rules.model import Round


@register
class Rate(Mechanic):
    key = "rate"
    item_kind = "rating"
    phone_shows_others = False  # a phone shows the player's own (docs/protocol.md)
    verbs = ("set",)
    figures = {"respondents": "Participants who filled in a reflection."}
    block_schema = {
        "required": ["scale", "items", "respondents", "words"],
        "properties": {
            "scale": {
                "type": "object",
                "additionalProperties": False,
                "required": ["min", "max"],
                "properties": {"min": {"type": "integer"}, "max": {"type": "integer"}},
            },
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "label", "average", "count"],
                    "properties": {
                        "id": {"type": "string"},
                        "label": {"type": "string"},
                        "average": {"type": ["number", "null"]},
                        "count": {"type": "integer", "minimum": 0},
                    },
                },
            },
            "respondents": {"type": "integer", "minimum": 0},
            "words": {"type": "array", "items": {"type": "string"}},
        },
    }

    def set(self, turn: Turn, payload: dict):
        settings = turn.round.settings
        own = single_own(turn, "rating")
        data = {
            "scores": dict(own.data.get("scores", {})) if own else {},
            "word": own.data.get("word", "") if own else "",
        }
        if own and own.data.get("word_hidden"):
            data["word_hidden"] = True
        scores = payload.get("scores", {})
        if not isinstance(scores, dict):
            raise Rejected("bad_request", "scores must be an object")
        items = {i["id"] for i in settings["items"]}
        low, high = settings["scale"]["min"], settings["scale"]["max"]
        for item_id, score in scores.items():
            if item_id not in items:
                raise Rejected("not_found", f"no rating item {item_id!r}")
            if score is None:
                data["scores"].pop(item_id, None)
            elif isinstance(score, int) and not isinstance(score, bool) and low <= score <= high:
                data["scores"][item_id] = score
            else:
                raise Rejected("bad_request", f"a score is a whole number from {low} to {high}")
        if "word" in payload:
            if not settings.get("word"):
                raise Rejected("not_allowed", "this round takes no word")
            word = payload["word"]
            data["word"] = (
                "" if word in (None, "") else clean_text(word, max_length=settings["word_length"], field="word")
            )
        return Update(own.id, data) if own else Create("rating", data)

    def view(self, item: Item, viewer, session: SessionState) -> dict | None:
        view = private_view(item, viewer)
        if view is not None and viewer.kind != FACILITATOR and view.pop("word_hidden", False):
            view["word"] = ""
        return view

    def moderate(self, session: SessionState, item: Item, payload: Mapping[str, Any]) -> list[Update]:
        """``hide`` or ``show`` the rating's word; its scores count either way."""
        data = {k: v for k, v in item.data.items() if k != "word_hidden"}
        if hide_or_show(payload):
            data["word_hidden"] = True
        return [Update(item.id, data)]

    def summary(self, rnd: Round, session: SessionState, viewer) -> dict | None:
        ratings = [r for r in session.items_of(rnd.id, "rating") if not r.hidden]
        averages = {}
        for entry in rnd.settings["items"]:
            scores = [r.data["scores"][entry["id"]] for r in ratings if entry["id"] in r.data.get("scores", {})]
            averages[entry["id"]] = {
                "average": round(sum(scores) / len(scores), 2) if scores else None,
                "count": len(scores),
            }
        words = sorted(r.data["word"] for r in ratings if shown_word(r))
        return {"averages": averages, "words": words, "respondents": len(ratings)}

    def block(self, rnd: Round, doc: DocumentContext) -> dict[str, Any]:
        ratings = doc.visible(rnd, "rating")
        items = []
        for entry in rnd.settings.get("items") or ():
            scores = [
                r.data["scores"][entry["id"]]
                for r in ratings
                if isinstance(r.data.get("scores", {}).get(entry["id"]), int)
            ]
            items.append(
                {
                    "id": entry["id"],
                    "label": doc.text(entry.get("label")) or entry["id"],
                    "average": round(sum(scores) / len(scores), 2) if scores else None,
                    "count": len(scores),
                }
            )
        scale = rnd.settings["scale"]
        words = sorted((clean(r.data.get("word")) for r in ratings if clean(shown_word(r))), key=str.casefold)
        return {
            "scale": {"min": scale["min"], "max": scale["max"]},
            "items": items,
            "respondents": len(ratings),
            "words": words,
        }

    def count(self, block: dict[str, Any]) -> dict[str, int]:
        return {"respondents": block["respondents"]}


def shown_word(rating: Item) -> str:
    """The rating's word as the room sees it: empty while the facilitator hides it."""
    return "" if rating.data.get("word_hidden") else rating.data.get("word") or ""
