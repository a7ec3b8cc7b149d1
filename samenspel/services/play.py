"""Playing: a player's input, the facilitator's controls and moderation, and the snapshot
every client starts from. Each use case: lock the session, read its state once (kept in
this process at its version, services/states.py, else loaded), let the engine apply the
action, store it and its log entry, tell the room."""

from __future__ import annotations

from samenspel.engine import actions, views, wall
from samenspel.engine.apply import Action, Applied, apply
from samenspel.engine.errors import Rejected
from samenspel.engine.state import FACILITATOR_PLAYER, author_id
from samenspel.engine.tables import seating
from samenspel.engine.views import FACILITATOR, PARTICIPANT, VIEWER, Viewer
from samenspel.services import access, tell
from samenspel.services.context import Context
from samenspel.services.outcome import Outcome
from samenspel.services.round_items import round_items as shared_round_items
from samenspel.services.unit import ActorRef, Unit, acting, unit_of_work
from samenspel.store.clock import now_ms
from samenspel.store.participants import as_player, proxy_of
from samenspel.store.state import item_by_client_id


def session_info(ctx: Context, session, join_url: str | None = None) -> dict:
    return {
        "code": session.code,
        "title": session.title,
        "question": session.question,
        "place": session.place,
        "locked": session.locked,
        "plan_anonymous": session.plan_anonymous,
        "qr_large": session.qr_large,
        "join_url": join_url or ctx.links.join_url(session.code),
    }


def _snapshot(unit: Unit, join_url: str) -> dict:
    return views.snapshot(
        seq=unit.session.seq,
        now_ms=now_ms(),
        session_info=session_info(unit.ctx, unit.session, join_url),
        session=unit.state(),
        viewer=unit.viewer,
    )


def connect(ctx: Context, auth, address: str | None = None) -> tuple[ActorRef, dict]:
    """A socket's handshake: who it is, and the snapshot it starts from. A wrong code, token
    or key counts against ``address`` like a failed room-code lookup."""
    guard = access.guarded(ctx, address)
    with guard, unit_of_work(ctx, lambda db: access.identify(db, auth, guard), write=False) as unit:
        return access.ref_of(unit.session, unit.viewer, access.language_of(auth)), _cached_snapshot(unit)


def sync(ctx: Context, ref: ActorRef) -> Outcome:
    """A fresh snapshot, from the cache when this audience already asked at this ``seq``
    (services/snapshots.py), so a flood of syncs costs little."""
    with acting(ctx, ref, PARTICIPANT, FACILITATOR, VIEWER, write=False) as unit:
        return Outcome({"ok": True, "snapshot": _cached_snapshot(unit)})


def round_items(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """``items:round``: every item of one round as this client may see it — a phone's
    snapshot holds only its own items and the rounds its current round shows. Only the
    current round and those before it may be asked for. Built once per audience and ``seq``
    and encoded once (services/round_items.py): at a vote's start every phone asks."""
    with acting(ctx, ref, PARTICIPANT, FACILITATOR, VIEWER, write=False) as unit:
        round_id = payload.get("round_id") if isinstance(payload, dict) else None
        state = unit.state()
        if not isinstance(round_id, str) or round_id not in {r.id for r in state.game.rounds}:
            raise Rejected("not_found", "no such round")
        if not views.may_see_round(state, round_id):
            raise Rejected("not_allowed", "that round has not been played yet")
        items = shared_round_items(unit.ctx.snapshots, unit.session.id, unit.session.seq, round_id, unit.viewer, state)
        summary = views.summary(round_id, unit.viewer, state)
        return Outcome({"ok": True, "round_id": round_id, "seq": unit.session.seq, "items": items, "summary": summary})


def _cached_snapshot(unit: Unit) -> dict:
    """The snapshot for this audience at the session's ``seq``, built once per process
    (services/snapshots.py): floods of syncs and reconnects cost little."""
    player = unit.viewer.player
    join_url = unit.ctx.links.join_url(unit.session.code)  # built once: part of the key and of a miss
    key = (unit.session.id, unit.viewer.kind, player.id if player else None, unit.session.seq, join_url)
    return unit.ctx.snapshots.get(key, lambda: _snapshot(unit, join_url))


def apply_and_save(unit: Unit, action: Action, *, client_id: str | None = None) -> Applied:
    """The engine applies the action to the state loaded once; the store keeps the result."""
    writer = author_id(action.player)
    applied = apply(unit.state(), action)
    return unit.save(
        applied,
        action,
        actor=PARTICIPANT if writer else FACILITATOR,
        participant_id=writer,
        client_id=client_id,
    )


def control(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """A facilitator's control: the flow (start, next, back, pause, resume, extend, end), a
    control of the current round's mechanic (revealing its cards, closing a vote), or
    holding and turning the projector's wall.

    Idempotent by intent (engine/flow.py): a control already fulfilled — a second
    console's "next" with the same ``from_round``, a second "start" or "end" — is answered
    with the current flow and ``unchanged: true`` (a round's control already so: see
    ``_round_control``), and nothing is stored, logged or told, so
    the log replays exactly. Decided on the locked state, so two presses at the same moment
    never both act."""
    with acting(ctx, ref, FACILITATOR) as unit:
        if not isinstance(payload, dict):
            raise Rejected("bad_request", "payload must be an object")
        logged = {"action": payload.get("action")}
        for optional in ("minutes", "from_round"):
            if payload.get(optional) is not None:
                logged[optional] = payload[optional]
        now = now_ms()
        action = Action("control", logged, now)
        applied = apply(unit.state(), action)
        if wall.is_wall_control(logged["action"]):
            return _wall_control(unit, applied, action)
        if actions.is_round_control(logged["action"]):
            return _round_control(unit, applied, action)
        if applied.state.flow == applied.before.flow:
            return Outcome(
                {"ok": True, "flow": applied.state.flow.as_dict(), "unchanged": True}, session_id=unit.session.id
            )
        applied = unit.save(applied, action, actor=FACILITATOR, participant_id=None)
        before, state = applied.before, applied.state
        flow = state.flow
        told = [
            unit.broadcast(
                lambda viewer: (
                    "flow",
                    {
                        "server_now": now,
                        "flow": flow.as_dict(),
                        "round": views.round_view(state.game, flow, viewer),
                        "summary": views.current_summary(viewer, state),
                    },
                )
            )
        ]
        if before.flow.round_index is not None and before.flow.round_index != flow.round_index:
            # the round left behind may now show what was hidden until it closed: vote tallies,
            # and the cards of a round on reveal that was never revealed
            left = state.game.rounds[before.flow.round_index]
            told += tell.summary(unit, state, left.id)
            if actions.hides_until_closed(before, left):
                told.append(unit.same_for_all("resync", {"reason": "closed"}))
        if seating.current_at_tables(before) != seating.current_at_tables(state):
            # between a table round and a plenary one what each phone may see changes
            told.append(unit.same_for_all("resync", {"reason": "tables"}))
        return Outcome(
            {"ok": True, "flow": flow.as_dict()},
            told,
            unit.session.id,
            viewer=unit.viewer,
            overview=state.tables is not None,
        )


def _round_control(unit: Unit, applied: Applied, action: Action) -> Outcome:
    """A control of the open round's mechanic (cards' reveal, a review's next step, closing a
    vote). Already fulfilled — a second reveal, a vote closed twice — it is answered
    ``unchanged: true`` and nothing is stored, logged or told. A reveal may show everything
    in the round: each client fetches a fresh snapshot; the others change its summary only."""
    state = applied.state
    round_id = state.game.rounds[state.flow.round_index].id
    if state.round_state(round_id) == applied.before.round_state(round_id):
        return Outcome({"ok": True, "unchanged": True}, session_id=unit.session.id)
    applied = unit.save(applied, action, actor=FACILITATOR, participant_id=None)
    told = tell.summary(unit, applied.state, round_id)
    if actions.reveals(applied.state, action.payload["action"]):
        told = [unit.same_for_all("resync", {"reason": "revealed"}), *told]
    return Outcome({"ok": True}, told, unit.session.id, viewer=unit.viewer)


def _wall_control(unit: Unit, applied: Applied, action: Action) -> Outcome:
    """Hold, run or turn the projector's wall (engine/wall.py): the round's state stored,
    the room told through the round's summary; already so (a second "hold"), nothing."""
    round_id = applied.state.game.rounds[applied.state.flow.round_index].id  # the round on the wall
    now = applied.state.round_state(round_id).wall
    if now == applied.before.round_state(round_id).wall:
        unchanged = {"ok": True, "wall": now.as_dict() if now else None, "unchanged": True}
        return Outcome(unchanged, session_id=unit.session.id)
    applied = unit.save(applied, action, actor=FACILITATOR, participant_id=None)
    told = tell.summary(unit, applied.state, round_id)
    return Outcome({"ok": True, "wall": now.as_dict()}, told, unit.session.id, viewer=unit.viewer)


def act(ctx: Context, ref: ActorRef, event: str, payload) -> Outcome:
    """A player's input, e.g. ``card:add``, decided by the mechanic that owns the item kind.
    The facilitator may send it for a participant they added (``on_behalf_of``), for people
    without a smartphone, or in their own name where the mechanic allows it."""
    with acting(ctx, ref, PARTICIPANT, FACILITATOR) as unit:
        mechanic, verb = actions.parse_event(event)
        if not isinstance(payload, dict):
            raise Rejected("bad_request", "payload must be an object")
        player = _speaker(unit, payload)
        writer = author_id(player)
        own = Viewer(PARTICIPANT, player) if writer else Viewer(FACILITATOR)
        client_id = None
        if verb in mechanic.creating_verbs:
            client_id = payload.get("client_id")
            if not isinstance(client_id, str) or not 8 <= len(client_id) <= 64:
                raise Rejected("bad_request", "client_id must be a string of 8 to 64 characters")
            existing = item_by_client_id(unit.db, unit.session, writer, client_id)
            if existing is not None:  # a resend: decided on locked state, so never twice
                state = unit.state()
                item = state.item(existing)
                return Outcome(
                    {"ok": True, "item": views.item_view(item, Viewer(PARTICIPANT, player), state), "duplicate": True},
                    session_id=unit.session.id,
                )
        applied = apply_and_save(unit, Action(event, payload, now_ms(), player), client_id=client_id)
        return _item_outcome(unit, applied, own, author=player)


def _speaker(unit: Unit, payload: dict):
    """Whose input this is: a phone speaks only for itself (``on_behalf_of`` from a phone is
    refused, never ignored); the facilitator for a participant they added (the same session,
    not removed), or in their own name, where the mechanic decides what they may do."""
    if unit.viewer.kind != FACILITATOR:
        if "on_behalf_of" in payload:
            raise Rejected("not_allowed", "a phone speaks only for itself")
        return unit.player
    if "on_behalf_of" in payload:
        return as_player(proxy_of(unit.db, unit.session, payload.get("on_behalf_of")))
    return FACILITATOR_PLAYER


def moderate(ctx: Context, ref: ActorRef, payload) -> Outcome:
    """The facilitator moderates an item, decided by the mechanic of its round: cards (hide,
    show, edit, move, merge), an introduction (hide, show), a rating's word (hide, show)."""
    with acting(ctx, ref, FACILITATOR) as unit:
        if not isinstance(payload, dict):
            raise Rejected("bad_request", "payload must be an object")
        applied = apply_and_save(unit, Action("moderate", payload, now_ms()))
        return _item_outcome(unit, applied, Viewer(FACILITATOR), author=None)


def _item_outcome(unit: Unit, applied: Applied, own: Viewer, *, author) -> Outcome:
    told = tell.items(unit, applied)
    change, item_id = applied.changes[0]
    item = applied.state.item(item_id)
    if item is None:
        ack = {"ok": True, "id": item_id}
    else:
        ack = {"ok": True, "item": views.item_view(item, own, applied.state)}
    return Outcome(ack, told, unit.session.id, viewer=unit.viewer, author=author)
