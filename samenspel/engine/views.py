"""What each kind of client may see of a session, as plain JSON-ready dicts.

All hiding happens here, on the server: a view that leaves this module is what the
recipient is allowed to know.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from samenspel.engine.flow import Flow
from samenspel.engine.state import Item, Player
from samenspel.rules.model import Game, Round

PARTICIPANT, FACILITATOR, VIEWER = "participant", "facilitator", "viewer"


@dataclass(frozen=True)
class Viewer:
    kind: str
    player: Player | None = None

    def as_dict(self) -> dict:
        if self.player is None:
            return {"kind": self.kind}
        return {"kind": self.kind, **player_view(self.player)}


def _plain(value: Any) -> Any:
    """Turn settings (read-only mappings, tuples, Text) into JSON-ready values."""
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, dict) or hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def game_view(game: Game) -> dict:
    return {
        "id": game.id,
        "title": game.title.as_dict(),
        "minutes": game.minutes,
        "roles": [
            {"id": r.id, "name": r.name.as_dict(), "colour": r.colour,
             "description": r.description.as_dict(), "perspective": r.perspective.as_dict()}
            for r in game.roles
        ],
        "rounds": [
            {"id": r.id, "index": i, "title": r.title.as_dict(), "minutes": r.minutes,
             "mechanic": r.mechanic}
            for i, r in enumerate(game.rounds)
        ],
    }


def round_view(game: Game, flow: Flow, viewer: Viewer) -> dict | None:
    if flow.round_index is None:
        return None
    rnd: Round = game.rounds[flow.round_index]
    view = {
        "id": rnd.id, "index": flow.round_index, "title": rnd.title.as_dict(),
        "prompt": rnd.prompt.as_dict(), "minutes": rnd.minutes, "mechanic": rnd.mechanic,
        "settings": _plain(rnd.settings),
    }
    if viewer.kind == FACILITATOR:
        view["notes"] = rnd.notes.as_dict()
    return view


def player_view(player: Player) -> dict:
    return {"id": player.id, "name": player.name, "role": player.role}


def item_view(item: Item, viewer: Viewer) -> dict | None:
    """The item as this viewer may see it, or None when it is hidden from them."""
    if item.hidden and viewer.kind != FACILITATOR:
        return None
    view = {
        "id": item.id, "round_id": item.round_id, "kind": item.kind, "author_id": item.author_id,
        "created_at": item.created_ms, "updated_at": item.updated_ms, **_plain(item.data),
    }
    if viewer.kind == FACILITATOR:
        view["hidden"] = item.hidden
    return view


def snapshot(*, seq: int, now_ms: int, session: dict, game: Game, flow: Flow,
             players: list[Player], items: list[Item], viewer: Viewer) -> dict:
    return {
        "seq": seq,
        "server_now": now_ms,
        "me": viewer.as_dict(),
        "session": session,
        "game": game_view(game),
        "flow": flow.as_dict(),
        "round": round_view(game, flow, viewer),
        "participants": [player_view(p) for p in players],
        "items": [v for v in (item_view(i, viewer) for i in items) if v is not None],
    }
