"""What each kind of client may see of a session, as plain JSON-ready dicts.

All hiding happens here and in the mechanics' ``view``, on the server: what leaves this
module is what the recipient is allowed to know.
"""

from __future__ import annotations

from dataclasses import dataclass

from samenspel.engine.flow import Flow, Status
from samenspel.engine.mechanics import mechanic_for
from samenspel.engine.mechanics.base import FACILITATOR, plain
from samenspel.engine.state import Item, Player, SessionState
from samenspel.engine.tables import names, seating
from samenspel.engine.tables.overview import overview as glance
from samenspel.rules.model import Game

PARTICIPANT, VIEWER = "participant", "viewer"
__all__ = ["AUDIENCES", "FACILITATOR", "PARTICIPANT", "PHONES", "SCREENS", "VIEWER", "Viewer", "audience_of"]


@dataclass(frozen=True)
class Viewer:
    kind: str
    player: Player | None = None

    def as_dict(self) -> dict:
        if self.player is None:
            return {"kind": self.kind}
        return {"kind": self.kind, **player_view(self.player)}


#: Who a broadcast reaches, each audience in one shape (one Socket.IO room per audience,
#: live/rooms.py): the players' phones, the screens (projectors, read-only viewers) and the
#: facilitators' consoles. What differs per person travels in the ack or the person's own
#: room, never in the audience's copy. The phones' shape is a participant's view without a
#: player: what every phone may see of everyone else.
PHONES, SCREENS, FACILITATORS = "phones", "screens", "facilitators"
AUDIENCES = {PHONES: Viewer(PARTICIPANT), SCREENS: Viewer(VIEWER), FACILITATORS: Viewer(FACILITATOR)}
_AUDIENCE_OF = {PARTICIPANT: PHONES, VIEWER: SCREENS, FACILITATOR: FACILITATORS}
_KINDS = {viewer.kind: viewer for viewer in AUDIENCES.values()}


def audience_of(viewer: Viewer) -> str:
    """The audience a socket of this viewer listens with."""
    return _AUDIENCE_OF[viewer.kind]


def game_view(game: Game) -> dict:
    return {
        "id": game.id,
        "title": game.title.as_dict(),
        "minutes": game.minutes,
        "roles": [
            {
                "id": r.id,
                "name": r.name.as_dict(),
                "colour": r.colour,
                "description": r.description.as_dict(),
                "perspective": r.perspective.as_dict(),
            }
            for r in game.roles
        ],
        "rounds": [
            {
                "id": r.id,
                "index": i,
                "title": r.title.as_dict(),
                "minutes": r.minutes,
                "mechanic": r.mechanic,
                "plan_section": r.plan_section,
                "scope": r.scope,
            }
            for i, r in enumerate(game.rounds)
        ],
    }


def round_view(game: Game, flow: Flow, viewer: Viewer) -> dict | None:
    if flow.round_index is None:
        return None
    rnd = game.rounds[flow.round_index]
    view = {
        "id": rnd.id,
        "index": flow.round_index,
        "title": rnd.title.as_dict(),
        "prompt": rnd.prompt.as_dict(),
        "minutes": rnd.minutes,
        "mechanic": rnd.mechanic,
        "scope": rnd.scope,
        "settings": plain(rnd.settings),
    }
    if viewer.kind == FACILITATOR:
        view["notes"] = rnd.notes.as_dict()
    if viewer.kind == PARTICIPANT:  # what a phone asks for when the game moves here; nothing once ended
        shown = () if flow.status is Status.ENDED else mechanic_for(rnd.mechanic).phone_rounds(rnd)
        view["items_from"] = list(shown)
    return view


def tables_view(session: SessionState, viewer: Viewer) -> list[dict]:
    """The session's tables ``[{id, name, colour}]`` (empty without tables)."""
    return [] if session.tables is None else [t.as_dict() for t in names.tables(session.tables.count)]


def tables_state(session: SessionState, viewer: Viewer) -> dict | None:
    """How the session plays at tables: the set-up, the message to all tables and, for the
    facilitator, who asked for help (a player's own view: whether their own call is open,
    ``help_asked``, so the phone sees it answered); None without tables."""
    tables = session.tables
    if tables is None:
        return None
    view = {**tables.setup.as_dict(), "count": tables.count, "message": tables.message, "message_ms": tables.message_ms}
    if viewer.kind == FACILITATOR:
        view["help"] = list(tables.help)
    elif viewer.player is not None:
        view["help_asked"] = viewer.player.id in tables.help
    return view


def player_view(player: Player) -> dict:
    view = {"id": player.id, "name": player.name, "role": player.role, "table": player.table}
    if player.proxy:
        view["proxy"] = True
    return view


def item_view(item: Item, viewer: Viewer, session: SessionState) -> dict | None:
    """The item as this viewer may see it, or None when it is hidden from them."""
    if seating.hidden_from(session, item, viewer.player):
        return None  # another table's, while a table round is on
    return _seen(item, viewer, session)


def others_item_view(item: Item, kind: str, session: SessionState) -> dict | None:
    """The item as every viewer of ``kind`` who is not its author sees it, before a table
    round hides another table's items (``seating.hidden_from``, per viewer): the same for
    each of them, so ``items:round`` builds it once for all (services/round_items.py). What
    a player sees differently is their own items only: a mechanic's ``view`` tells persons
    apart by ``is_own`` alone, and ``mine`` marks the author's copy."""
    return _seen(item, _KINDS[kind], session)


def _seen(item: Item, viewer: Viewer, session: SessionState) -> dict | None:
    if item.hidden and viewer.kind != FACILITATOR:
        return None
    view = mechanic_for(session.game.round(item.round_id).mechanic).view(item, viewer, session)
    if view is not None and viewer.player is not None and item.author_id == viewer.player.id:
        view["mine"] = True  # the author's own view, in every snapshot, ack and broadcast
    if view is not None and viewer.kind == FACILITATOR:
        view["hidden"] = item.hidden
    return view


def summary(round_id: str, viewer: Viewer, session: SessionState) -> dict | None:
    """What the round adds up to (its mechanic decides), and how the facilitator steers its
    wall on the projector once they did (engine/wall.py)."""
    rnd = session.game.round(round_id)
    found = mechanic_for(rnd.mechanic).summary(rnd, session, viewer)
    wall = session.round_state(round_id).wall
    if wall is not None:
        found = {**(found or {}), "wall": wall.as_dict()}
    return found


def summaries(viewer: Viewer, session: SessionState) -> dict:
    found = {r.id: summary(r.id, viewer, session) for r in session.game.rounds}
    return {round_id: value for round_id, value in found.items() if value is not None}


def current_round_id(session: SessionState) -> str | None:
    """The round the game is in (running or paused); None in the lobby and after the end."""
    index = session.flow.round_index
    return None if index is None or not session.flow.is_open(index) else session.game.rounds[index].id


def current_summary(viewer: Viewer, session: SessionState) -> dict | None:
    index = session.flow.round_index
    return None if index is None else summary(session.game.rounds[index].id, viewer, session)


def phone_rounds(session: SessionState) -> tuple[str, ...]:
    """The rounds whose items (everyone's) a phone needs now: those its view of the current
    round shows (the mechanic says: the shared plan, a vote's ideas); none in the lobby or
    once the game has ended."""
    index = session.flow.round_index
    if index is None or session.flow.status is Status.ENDED:
        return ()
    rnd = session.game.rounds[index]
    return mechanic_for(rnd.mechanic).phone_rounds(rnd)


def may_see_round(session: SessionState, round_id: str) -> bool:
    """Whether a round's items may be asked for: it is the current round or one before it,
    or one the current round shows (a review walks through a later plan round's steps)."""
    index = session.flow.round_index
    return index is not None and (session.game.round_index(round_id) <= index or round_id in phone_rounds(session))


def round_items(round_id: str, viewer: Viewer, session: SessionState) -> list[dict]:
    """Every item of one round as this viewer may see it (``items:round``)."""
    return [v for v in (item_view(i, viewer, session) for i in session.items_of(round_id)) if v is not None]


def snapshot(*, seq: int, now_ms: int, session_info: dict, session: SessionState, viewer: Viewer) -> dict:
    """What a client starts from. Screens and facilitators get every item and who plays; a
    phone gets its own items of every round, everyone's items of the rounds its current
    round shows (``phone_rounds``), those rounds' summaries and how many play: what it
    receives on connect does not grow with the rounds played (docs/protocol.md). Once the
    game has ended a phone also gets what the game's mechanics give it then
    (``Mechanic.ended_items``: the plan's ``own_steps``), as the player sees those items."""
    if viewer.kind == PARTICIPANT:
        shown = phone_rounds(session)
        own = viewer.player.id
        items = (i for i in session.items if i.round_id in shown or i.author_id == own)
        current = session.game.rounds[session.flow.round_index].id if session.flow.round_index is not None else None
        summed = (*shown, current) if current else shown
        found = {r: summary(r, viewer, session) for r in dict.fromkeys(summed)}
        told = {"item_rounds": list(shown), "summaries": {r: v for r, v in found.items() if v is not None}}
        if session.flow.status is Status.ENDED:  # e.g. "Jouw stappen": theirs, whichever table wrote them
            for key in dict.fromkeys(r.mechanic for r in session.game.rounds):
                for field, found in mechanic_for(key).ended_items(session, own).items():
                    told[field] = [_seen(i, viewer, session) for i in found]
    else:
        items = session.items
        told = {
            "participants": [player_view(p) for p in session.players],
            "item_rounds": [r.id for r in session.game.rounds],
            "summaries": summaries(viewer, session),
        }
    return {
        "seq": seq,
        "server_now": now_ms,
        "me": viewer.as_dict(),
        "session": {**session_info, "tables": tables_state(session, viewer)},
        "game": game_view(session.game),
        "flow": session.flow.as_dict(),
        "round": round_view(session.game, session.flow, viewer),
        "tables": tables_view(session, viewer),
        "people": len(session.players),
        "items": [v for v in (item_view(i, viewer, session) for i in items) if v is not None],
        "overview": None if viewer.kind == PARTICIPANT else glance(session),
        **told,
    }
