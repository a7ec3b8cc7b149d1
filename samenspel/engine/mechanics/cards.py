"""Cards: players write short texts, optionally in categories, as themselves or (perspective
swap) as another role; named or anonymous; visible live or only once revealed. Players edit
or delete their own cards while the round is open."""
from __future__ import annotations

from samenspel.engine import perspectives
from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics.base import FACILITATOR, Mechanic, base_view, is_own, own_item, register
from samenspel.engine.state import Create, Delete, Item, RoundState, SessionState, Turn, Update
from samenspel.engine.text import clean_text
from samenspel.rules.model import Round


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
        data = {"text": clean_text(payload.get("text"), max_length=settings.get("max_length", 200)),
                "category": category(settings, payload.get("category"))}
        if settings.get("perspective_swap"):
            data["as"] = turn.session.round_state(turn.round.id).perspectives.get(turn.actor.id)
        return Create("card", data)

    def edit(self, turn: Turn, payload: dict) -> Update:
        item = own_item(turn, "card", payload.get("id"))
        settings = turn.round.settings
        data = dict(item.data)
        if "text" in payload:
            data["text"] = clean_text(payload["text"], max_length=settings.get("max_length", 200))
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
        concealed = (rnd.settings.get("visibility") == "reveal"
                     and not session.round_state(rnd.id).revealed and not session.is_closed(rnd.id))
        if concealed and not mine and viewer.kind != FACILITATOR:
            return {"id": item.id, "round_id": item.round_id, "kind": item.kind, "concealed": True,
                    "created_at": item.created_ms, "updated_at": item.updated_ms}
        return view

    def summary(self, rnd: Round, session: SessionState, viewer) -> dict | None:
        state = session.round_state(rnd.id)
        summary = {}
        if rnd.settings.get("visibility") == "reveal":
            summary["revealed"] = state.revealed
        if rnd.settings.get("perspective_swap"):
            summary["perspectives"] = {str(k): v for k, v in state.perspectives.items()}
        return summary or None

    def on_open(self, rnd: Round, session: SessionState) -> RoundState | None:
        if not rnd.settings.get("perspective_swap"):
            return None
        state = session.round_state(rnd.id)
        roles = [r.id for r in session.game.roles if r.perspective.nl]
        assigned = perspectives.assign(session.players, roles, state.perspectives)
        if assigned == dict(state.perspectives):
            return None
        return RoundState(state.revealed, assigned)


def category(settings, value) -> str | None:
    """The card's category: required and checked when the round has categories."""
    categories = [c["id"] for c in settings.get("categories") or ()]
    if not categories:
        return None
    if value not in categories:
        raise Rejected("unknown_category", f"choose one of {', '.join(categories)}")
    return value
