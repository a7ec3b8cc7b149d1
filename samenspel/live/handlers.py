"""Socket.IO event handlers, each a few lines: the socket's actor → one use case → its
broadcasts sent (skipping this socket) → the ack, which carries them. See docs/protocol.md."""

from __future__ import annotations

import json
import logging

from flask import request
from flask_socketio import ConnectionRefusedError, emit, join_room, leave_room

from samenspel.config import MAX_MESSAGE_BYTES
from samenspel.engine.errors import Rejected
from samenspel.engine.mechanics import MECHANICS
from samenspel.engine.views import PARTICIPANT, Viewer, audience_of
from samenspel.live import actor as actors
from samenspel.live import rooms, socketio
from samenspel.messages import error_body, message, rejection_body
from samenspel.services import consent, context, housekeeping, owners, people, play, tables

log = logging.getLogger(__name__)


@socketio.on("connect")
def on_connect(auth=None):
    lang = actors.language_of(auth)
    try:
        ref, snapshot = play.connect(context.current(), auth, request.remote_addr)
    except Rejected as rejected:
        raise ConnectionRefusedError(message(rejected.code, lang), {"code": rejected.code}) from None
    actors.remember(ref)
    join_room(rooms.audience(audience_of(Viewer(ref.kind)), ref.session_id))
    if ref.kind == PARTICIPANT:
        join_room(rooms.participant(ref.participant_id))
        _seat(ref, snapshot)
    emit("snapshot", snapshot)


#: the socket's table room, kept in its WSGI environ (as its actor, live/actor.py)
TABLE_ROOM = "samenspel.table_room"


def _seat(ref, snapshot: dict) -> None:
    """A phone's table room follows its seat: joined at connect, changed at the ``sync``
    that follows a move (the server sends ``resync`` when seats change). The room it is in
    is kept with the connection: python-socketio's ``rooms()`` walks every room of the
    server, so asking it at each connect made a hall's connects cost the square of its
    size (docs/performance.md, "Joins over HTTP: where the rest went")."""
    table = (snapshot.get("me") or {}).get("table")
    wanted = rooms.table(ref.session_id, table) if table else None
    seated = request.environ.get(TABLE_ROOM)
    if seated == wanted:
        return
    if seated:
        leave_room(seated)
    if wanted:
        join_room(wanted)
    request.environ[TABLE_ROOM] = wanted


def _payload(args) -> dict | None:
    return args[0] if len(args) == 1 and isinstance(args[0], dict) else None


def _run(use_case, *args):
    """One use case for this socket's actor; every refusal becomes an error ack."""
    lang = actors.saved_language()  # event budgets: taken at the gate (live/gate.py, flood.py)
    if len(json.dumps(request.event.get("args", ()), default=str)) > MAX_MESSAGE_BYTES:
        return error_body("too_large", lang)
    ctx = context.current()
    try:
        outcome = use_case(ctx, actors.current(), *args)
    except Rejected as rejected:
        return rejection_body(rejected, lang)
    except Exception:
        log.exception("socket event %s failed", request.event.get("message"))
        return error_body("server_error", lang)
    ctx.send(outcome, request.sid)
    return outcome.reply()


@socketio.on("sync")
def on_sync(*_args):
    reply = _run(play.sync)
    if reply.get("ok") and actors.current().kind == PARTICIPANT:
        _seat(actors.current(), reply["snapshot"])
    return reply


@socketio.on("items:round")
def on_round_items(*args):
    return _run(play.round_items, _payload(args))


@socketio.on("control")
def on_control(*args):
    return _run(play.control, _payload(args))


@socketio.on("moderate")
def on_moderate(*args):
    return _run(play.moderate, _payload(args))


@socketio.on("participant:add")
def on_add_participant(*args):
    return _run(people.add_proxy, _payload(args))


def _player_event(event: str):
    """A player's input (``card:add`` …); the mechanic that owns the item kind decides."""

    def handler(*args):
        return _run(play.act, event, _payload(args))

    return handler


for _mechanic in MECHANICS.values():
    for _verb in _mechanic.verbs:
        _event = f"{_mechanic.item_kind}:{_verb}"
        socketio.on_event(_event, _player_event(_event))


def _table_event(use_case):
    def handler(*args):
        return _run(use_case, _payload(args))

    return handler


for _event, _use_case in tables.USE_CASES.items():  # tables:set, tables:move … (docs/protocol.md)
    socketio.on_event(_event, _table_event(_use_case))


@socketio.on("owner:link")
def on_owner_link(*args):
    """A participant's own link to their steps (``/o/<token>``), for after the evening."""
    return _run(owners.link, _payload(args))


@socketio.on("publish:propose")
def on_publish_propose(*args):
    """The facilitator proposes to publish in the library; every phone is asked (issue 14)."""
    return _run(consent.propose, _payload(args))


@socketio.on("publish:consent")
def on_publish_consent(*args):
    return _run(consent.consent, _payload(args))


@socketio.on("publish:current")
def on_publish_current(*args):
    return _run(consent.current, _payload(args))


@socketio.on("publish:confirm")
def on_publish_confirm(*args):
    return _run(consent.confirm, _payload(args))


@socketio.on("session:lock")
def on_lock(*args):
    return _run(housekeeping.set_locked, _payload(args))


@socketio.on("session:plan")
def on_plan_settings(*args):
    return _run(housekeeping.set_plan_anonymous, _payload(args))


@socketio.on("session:qr")
def on_qr(*args):
    return _run(housekeeping.set_qr_large, _payload(args))


@socketio.on("participant:remove")
def on_remove(*args):
    return _run(people.remove, _payload(args))


@socketio.on("leave")
def on_leave(*args):
    return _run(people.leave, _payload(args))


@socketio.on("session:delete")
def on_delete(*args):
    return _run(housekeeping.delete_session, _payload(args))


@socketio.on("*")
def on_unknown(event, *_args):
    return error_body("bad_request", actors.saved_language(), event=str(event)[:80])
