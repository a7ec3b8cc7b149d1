"""Socket.IO event handlers, each a few lines: resolve the actor, call one operation, ack,
broadcast. See docs/protocol.md."""
from __future__ import annotations

import json
import logging

from flask import current_app, request
from flask_socketio import ConnectionRefusedError, emit, join_room

from samenspel.config import MAX_MESSAGE_BYTES
from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics import MECHANICS
from samenspel.engine.state import FACILITATOR_PLAYER
from samenspel.engine.views import FACILITATOR, PARTICIPANT, player_view
from samenspel.live import actor as actors, flood, rooms, snapshots, socketio
from samenspel.live.broadcast import send
from samenspel.live.errors import error_body, message, rejection_body
from samenspel.store import housekeeping, participants, play
from samenspel.store.db import database
from samenspel.store.participants import as_player
from samenspel.store.outcome import Outcome
from samenspel.web.catalogue import game_for
from samenspel.web.urls import session_info

log = logging.getLogger(__name__)


@socketio.on("connect")
def on_connect(auth=None):
    lang = actors.language_of(auth)
    try:
        with database().unit_of_work() as db:
            actor = actors.identify(db, auth)
            snapshot = play.snapshot(db, actor.session, game_for(actor.session), actor.viewer,
                                     session_info(actor.session))
    except Rejected as rejected:
        raise ConnectionRefusedError(message(rejected.code, lang), {"code": rejected.code}) from None
    actors.remember(actor)
    session_id = actor.session.id
    join_room(rooms.facilitators(session_id) if actor.viewer.kind == FACILITATOR
              else rooms.public(session_id))
    if actor.viewer.kind == PARTICIPANT:
        join_room(rooms.participant(actor.player.id))
    emit("snapshot", snapshot)


def _payload(args) -> dict | None:
    return args[0] if len(args) == 1 and isinstance(args[0], dict) else None


def _handle(operation, *, kinds: tuple[str, ...], after=None):
    """Run one operation as one unit of work; turn every refusal into an error ack."""
    refusal = flood.check()
    if refusal:
        return error_body("rate_limited", actors.saved_language(), **refusal)
    if len(json.dumps(request.event.get("args", ()), default=str)) > MAX_MESSAGE_BYTES:
        return error_body("too_large", actors.saved_language())
    try:
        with database().unit_of_work() as db:
            actor = actors.current(db)
            if actor.viewer.kind not in kinds:
                raise Rejected("not_allowed", f"{actor.viewer.kind} cannot do this")
            outcome = operation(db, actor)
            session_id = actor.session.id
    except Rejected as rejected:
        return rejection_body(rejected, actors.saved_language())
    except Exception:
        log.exception("socket event %s failed", request.event.get("message"))
        return error_body("server_error", actors.saved_language())
    send(session_id, outcome.broadcasts)
    if after is not None:
        after(session_id)
    return outcome.ack


@socketio.on("sync")
def on_sync(*_args):
    def operation(db, actor):
        snapshot = snapshots.cached_snapshot(actor, lambda: play.snapshot(
            db, actor.session, game_for(actor.session), actor.viewer, session_info(actor.session)))
        return Outcome({"ok": True, "snapshot": snapshot})
    return _handle(operation, kinds=("participant", "facilitator", "viewer"))


@socketio.on("control")
def on_control(*args):
    payload = _payload(args)

    def operation(db, actor):
        if payload is None:
            raise Rejected("bad_request", "payload must be an object")
        return play.control(db, actor.session, game_for(actor.session), payload.get("action"),
                            payload.get("minutes"), payload.get("from_round"))
    return _handle(operation, kinds=(FACILITATOR,))


@socketio.on("moderate")
def on_moderate(*args):
    payload = _payload(args)

    def operation(db, actor):
        return play.moderate(db, actor.session, game_for(actor.session), payload)
    return _handle(operation, kinds=(FACILITATOR,))


@socketio.on("participant:add")
def on_add_participant(*args):
    payload = _payload(args) or {}

    def operation(db, actor):
        game = game_for(actor.session)
        participant, _token = participants.join(
            db, actor.session, game, name=payload.get("name"), role=payload.get("role"),
            max_participants=current_app.config["MAX_PARTICIPANTS"], proxy=True)
        return Outcome({"ok": True, "participant": player_view(as_player(participant))},
                       play.announce_join(db, actor.session, game, participant))
    return _handle(operation, kinds=(FACILITATOR,))


def _player_event(event: str):
    """A player's input; the facilitator may send it for a participant they added
    (``on_behalf_of``), for people without a smartphone."""
    def handler(*args):
        payload = _payload(args)

        def operation(db, actor):
            if payload is None:
                raise Rejected("bad_request", "payload must be an object")
            player = actor.player
            if actor.viewer.kind == FACILITATOR and "on_behalf_of" in payload:
                player = as_player(participants.proxy_of(db, actor.session, payload.get("on_behalf_of")))
            elif actor.viewer.kind == FACILITATOR:
                player = FACILITATOR_PLAYER  # the mechanic decides what the facilitator may do
            return play.act(db, actor.session, game_for(actor.session), player, event, payload)
        return _handle(operation, kinds=(PARTICIPANT, FACILITATOR))
    return handler


for _mechanic in MECHANICS.values():
    for _verb in _mechanic.verbs:
        _event = f"{_mechanic.item_kind}:{_verb}"
        socketio.on_event(_event, _player_event(_event))


@socketio.on("session:lock")
def on_lock(*args):
    payload = _payload(args) or {}
    return _handle(lambda db, actor: housekeeping.set_locked(db, actor.session, payload.get("locked")),
                   kinds=(FACILITATOR,))


@socketio.on("session:plan")
def on_plan_settings(*args):
    payload = _payload(args) or {}
    return _handle(lambda db, actor: housekeeping.set_plan_anonymous(db, actor.session, payload.get("anonymous")),
                   kinds=(FACILITATOR,))


@socketio.on("participant:remove")
def on_remove(*args):
    payload = _payload(args) or {}
    return _handle(lambda db, actor: housekeeping.remove_participant(
        db, actor.session, payload.get("participant_id"), by=FACILITATOR,
        forget_name=payload.get("forget_name") is True), kinds=(FACILITATOR,))


@socketio.on("leave")
def on_leave(*args):
    payload = _payload(args) or {}
    return _handle(lambda db, actor: housekeeping.remove_participant(
        db, actor.session, actor.player.id, by=PARTICIPANT, forget_name=payload.get("forget_name") is True),
        kinds=(PARTICIPANT,))


@socketio.on("session:delete")
def on_delete(*args):
    payload = _payload(args) or {}

    def tell_everyone(session_id):
        for room in (rooms.public(session_id), rooms.facilitators(session_id)):
            socketio.emit("session:deleted", {}, to=room)
    return _handle(lambda db, actor: housekeeping.delete_session(db, actor.session, payload.get("code")),
                   kinds=(FACILITATOR,), after=tell_everyone)


@socketio.on("*")
def on_unknown(event, *_args):
    if not flood.allow():
        return error_body("rate_limited", actors.saved_language())
    return error_body("bad_request", actors.saved_language(), event=str(event)[:80])
