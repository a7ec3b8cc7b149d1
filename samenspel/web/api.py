"""The small JSON API: create a session, join one, health. See docs/protocol.md."""
from __future__ import annotations

import hmac

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy import text

from samenspel.engine.errors import Rejected
from samenspel.engine.text import clean_text
from samenspel.live.broadcast import send
from samenspel.live.errors import error_body
from samenspel.store import participants, play
from samenspel.store.db import get_db
from samenspel.store.sessions import create_session
from samenspel.web.catalogue import game_for, get_catalogue
from samenspel.web.lookup import TooManyAttempts, find_session
from samenspel.web.urls import facilitator_url, join_url, projector_url

bp = Blueprint("api", __name__)

STATUS = {"unknown_session": 404, "unknown_game": 404, "session_locked": 409, "session_full": 409, "role_full": 409,
          "session_ended": 409, "too_many_attempts": 429, "unauthorised": 401}


def failure(code: str, field: str | None = None, status: int | None = None):
    body = error_body(code, **({"field": field} if field else {}))
    return jsonify(body), status or STATUS.get(code, 400)


@bp.get("/healthz")
def health():
    try:
        get_db().execute(text("SELECT 1"))
    except Exception:
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


def new_session(form: dict) -> tuple[dict, int] | tuple[object, int]:
    """Validate a create request (API or start page) and create the session."""
    game = get_catalogue().games.get(form.get("game"))
    if game is None:
        raise Rejected("unknown_game", field="game")
    fields = {}
    for name, limit, required in (("title", 200, True), ("question", 1000, True), ("place", 200, False)):
        value = form.get(name) or ""
        if not required and not str(value).strip():
            fields[name] = ""
            continue
        try:
            fields[name] = clean_text(value, max_length=limit, field=name)
        except Rejected as rejected:
            raise Rejected(rejected.code, rejected.detail, field=name, **rejected.params) from None
    session, key = create_session(get_db(), game=game, **fields)
    return {"code": session.code, "join_url": join_url(session.code),
            "projector_url": projector_url(session.code),
            "facilitator_url": facilitator_url(session.code, key)}


def instance_password_ok(given) -> bool:
    required = current_app.config.get("INSTANCE_PASSWORD")
    return not required or (isinstance(given, str) and hmac.compare_digest(given, required))


@bp.post("/api/sessions")
def api_create_session():
    auth = request.headers.get("Authorization", "")
    if not instance_password_ok(auth.removeprefix("Bearer ").strip() if auth else None):
        return failure("unauthorised")
    form = request.get_json(silent=True)
    if not isinstance(form, dict):
        return failure("bad_request")
    try:
        created = new_session(form)
    except Rejected as rejected:
        return failure(rejected.code, rejected.params.get("field"))
    return jsonify(created), 201


@bp.post("/api/sessions/<code>/participants")
def api_join(code: str):
    db, config = get_db(), current_app.config
    try:
        session = find_session(code)
    except TooManyAttempts:
        return failure("too_many_attempts")
    if session is None:
        return failure("unknown_session")
    form = request.get_json(silent=True)
    if not isinstance(form, dict):
        return failure("bad_request")
    game = game_for(session)
    try:
        participant, token = participants.join(
            db, session, game, name=form.get("name"),
            role=form.get("role"), max_participants=config["MAX_PARTICIPANTS"])
    except Rejected as rejected:
        code_ = {"empty": "invalid_name", "too_long": "invalid_name", "bad_request": "invalid_name"}.get(
            rejected.code, rejected.code)
        return failure(code_, "name" if code_ == "invalid_name" else None)
    broadcasts = play.announce_join(db, session, game, participant)
    db.commit()
    send(session.id, broadcasts)
    return jsonify(token=token, participant={"id": participant.id, "name": participant.name,
                                             "role": participant.role}), 201
