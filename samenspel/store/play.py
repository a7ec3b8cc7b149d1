"""Game operations: load what the engine needs, let it decide, store the change and log
the action.

Each function runs inside the caller's unit of work (one commit per event, at the
boundary) and returns an ``Outcome``: the ack for the actor and the broadcasts to send
after the commit — persist, then acknowledge, then broadcast.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from samenspel.engine import actions, views
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import apply_control
from samenspel.engine.moderation import moderate as moderation
from samenspel.engine.state import Player, SessionState, author_id
from samenspel.engine.views import Viewer
from samenspel.rules.model import Game
from samenspel.store.clock import now_ms
from samenspel.store.models import GameSession, Item as ItemRow, Participant
from samenspel.store.participants import as_player
from samenspel.store.outcome import Broadcast, Build, Outcome, broadcast, same_for_all
from samenspel.store.sessions import store_flow
from samenspel.store.state import apply_change, as_item, load, log_action, save_round_state

def snapshot(db: Session, session: GameSession, game: Game, viewer: Viewer, session_info: dict) -> dict:
    return views.snapshot(seq=session.seq, now_ms=now_ms(), session_info=session_info,
                          session=load(db, session, game), viewer=viewer)


def _load_open(db: Session, session: GameSession, game: Game) -> SessionState:
    """The session's state, with the open round prepared (and that preparation stored)."""
    state, opened = actions.open_current(load(db, session, game))
    if opened is not None:
        save_round_state(db, session, *opened)
    return state


def _summary_broadcast(db: Session, session: GameSession, state: SessionState, round_id: str) -> list[Broadcast]:
    if views.summary(round_id, Viewer(views.FACILITATOR), state) is None:
        return []
    return [broadcast(db, session, lambda viewer: ("summary", {
        "round_id": round_id, "summary": views.summary(round_id, viewer, state)}))]


def control(db: Session, session: GameSession, game: Game, action, minutes=None, from_round=None) -> Outcome:
    """A facilitator's control: the flow (start, next, back, pause, resume, extend, end) or
    one the open round's mechanic offers (cards: reveal). ``from_round`` is the position the
    console expects to leave; a control already fulfilled (a second console's press) is
    answered with the current flow and changes nothing: not stored, not logged, not broadcast."""
    if not isinstance(action, str) or (minutes is not None and not isinstance(minutes, int)):
        raise Rejected("bad_request", "action must be a string and minutes an integer")
    now = now_ms()
    before = load(db, session, game)
    if actions.is_round_control(action):
        round_id, revealed = actions.round_control(before, action)
        save_round_state(db, session, round_id, revealed)
        log_action(db, session, at_ms=now, actor=views.FACILITATOR, participant_id=None,
                   event="control", payload={"action": action})
        state = before.with_round_state(round_id, revealed)
        # Everything in the round is visible now: each client fetches a fresh snapshot.
        resync = same_for_all(db, session, "resync", {"reason": "revealed"})
        return Outcome({"ok": True}, [resync, *_summary_broadcast(db, session, state, round_id)])
    flow = apply_control(before.flow, action, now_ms=now, round_minutes=tuple(r.minutes for r in game.rounds),
                         extra_minutes=minutes, from_round=from_round)
    if flow == before.flow:
        return Outcome({"ok": True, "flow": flow.as_dict(), "unchanged": True})
    store_flow(session, flow)
    log_action(db, session, at_ms=now, actor=views.FACILITATOR, participant_id=None, event="control",
               payload={"action": action, **({"minutes": minutes} if minutes is not None else {})})
    state = _load_open(db, session, game)
    broadcasts = [broadcast(db, session, lambda viewer: ("flow", {
        "server_now": now, "flow": flow.as_dict(), "round": views.round_view(game, flow, viewer),
        "summary": views.current_summary(viewer, state)}))]
    if before.flow.round_index is not None and before.flow.round_index != flow.round_index:
        # the round left behind may now show what was hidden until it closed: vote tallies,
        # and the cards of a round on reveal that was never revealed
        left = game.rounds[before.flow.round_index]
        broadcasts += _summary_broadcast(db, session, state, left.id)
        if actions.hides_until_closed(before, left):
            broadcasts.append(same_for_all(db, session, "resync", {"reason": "closed"}))
    return Outcome({"ok": True, "flow": flow.as_dict()}, broadcasts)


def announce_join(db: Session, session: GameSession, game: Game, participant: Participant) -> list[Broadcast]:
    player = as_player(participant)
    log_action(db, session, at_ms=now_ms(), actor=views.PARTICIPANT, participant_id=player.id,
               event="join", payload={})
    state = _load_open(db, session, game)
    broadcasts = [same_for_all(db, session, "participant:joined", {"participant": views.player_view(player)})]
    if state.flow.round_index is not None:
        broadcasts += _summary_broadcast(db, session, state, game.rounds[state.flow.round_index].id)
    return broadcasts


def act(db: Session, session: GameSession, game: Game, player: Player, event: str, payload: dict) -> Outcome:
    """A player's input, e.g. ``card:add``, decided by the mechanic that owns the item kind."""
    mechanic, verb = actions.parse_event(event)
    if not isinstance(payload, dict):
        raise Rejected("bad_request", "payload must be an object")
    client_id = None
    if verb in mechanic.creating_verbs:
        client_id = payload.get("client_id")
        if not isinstance(client_id, str) or not 8 <= len(client_id) <= 64:
            raise Rejected("bad_request", "client_id must be a string of 8 to 64 characters")
        existing = db.scalar(select(ItemRow).where(
            ItemRow.session_id == session.id, ItemRow.author_id == author_id(player), ItemRow.client_id == client_id))
        if existing is not None:
            own = views.item_view(as_item(existing), Viewer(views.PARTICIPANT, player), load(db, session, game))
            return Outcome({"ok": True, "item": own, "duplicate": True})
    rnd, changes = actions.decide(_load_open(db, session, game), player, event, payload)
    return _store(db, session, game, changes, round_id=rnd.id, author=player, client_id=client_id,
                  event=event, payload=payload)


def moderate(db: Session, session: GameSession, game: Game, payload) -> Outcome:
    if not isinstance(payload, dict):
        raise Rejected("bad_request", "payload must be an object")
    state = load(db, session, game)
    changes = moderation(state, payload)
    round_id = next(i.round_id for i in state.items if i.id == changes[0].item_id)
    return _store(db, session, game, changes, round_id=round_id, author=None, client_id=None,
                  event="moderate", payload=payload)


def _store(db: Session, session: GameSession, game: Game, changes, *, round_id: str, author: Player | None,
           client_id: str | None, event: str, payload: dict) -> Outcome:
    now = now_ms()
    writer = None if author is None else author_id(author)
    stored = [apply_change(db, session, c, round_id=round_id, author_id=writer, client_id=client_id, now=now)
              for c in changes]
    log_action(db, session, at_ms=now, actor=views.PARTICIPANT if writer else views.FACILITATOR,
               participant_id=writer, event=event, payload=payload,
               created=[item_id for kind, item_id in stored if kind == "item:added"])
    state = load(db, session, game)
    broadcasts = [broadcast(db, session, _item_build(kind, item_id, round_id, state)) for kind, item_id in stored]
    broadcasts += _summary_broadcast(db, session, state, round_id)
    kind, item_id = stored[0]
    if kind == "item:removed":
        return Outcome({"ok": True, "id": item_id}, broadcasts)
    item = next(i for i in state.items if i.id == item_id)
    viewer = Viewer(views.PARTICIPANT, author) if writer else Viewer(views.FACILITATOR)
    return Outcome({"ok": True, "item": views.item_view(item, viewer, state)}, broadcasts)


def _item_build(event: str, item_id: int, round_id: str, state: SessionState) -> Build:
    item = next((i for i in state.items if i.id == item_id), None)
    removed = ("item:removed", {"id": item_id, "round_id": round_id})

    def build(viewer: Viewer):
        if item is None:
            return removed
        view = views.item_view(item, viewer, state)
        if view is None:
            # moderated away: those who saw it drop it; private items (ballots, ratings) were
            # never theirs to see, so they only get a tick
            return removed if event == "item:updated" and item.hidden else None
        return event, {"item": view}
    return build
