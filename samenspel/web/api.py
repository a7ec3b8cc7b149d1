"""The small JSON API: create a session, join one, health. See docs/protocol.md."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from samenspel.engine.errors import Rejected
from samenspel.messages import error_body
from samenspel.services import access, context, people
from samenspel.services import create as creating
from samenspel.services import health as checking
from samenspel.web.urls import facilitator_url, initiative_url, join_url, projector_url

bp = Blueprint("api", __name__)

STATUS = {
    "unknown_session": 404,
    "unknown_game": 404,
    "session_locked": 409,
    "session_full": 409,
    "role_full": 409,
    "session_ended": 409,
    "too_many_attempts": 429,
    "unauthorised": 401,
    "bad_key": 403,
    "server_busy": 503,
}
#: a join's refusals about the name, as the join form shows them
NAME_PROBLEMS = {"empty": "invalid_name", "too_long": "invalid_name", "bad_request": "invalid_name"}


def failure(code: str, field: str | None = None, status: int | None = None):
    body = error_body(code, **({"field": field} if field else {}))
    return jsonify(body), status or STATUS.get(code, 400)


@bp.get("/healthz")
def health():
    if not checking.database_ok(context.current()):
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.post("/api/sessions")
def create_session():
    ctx = context.current()
    auth = request.headers.get("Authorization", "")
    if not creating.instance_password_ok(ctx, auth.removeprefix("Bearer ").strip() if auth else None):
        return failure("unauthorised")
    form = request.get_json(silent=True)
    if not isinstance(form, dict):
        return failure("bad_request")
    try:
        created = creating.create(ctx, form, request.remote_addr)
    except Rejected as rejected:
        return failure(rejected.code, rejected.params.get("field"))
    return jsonify(
        code=created.code,
        join_url=join_url(created.code),
        projector_url=projector_url(created.code),
        facilitator_url=facilitator_url(created.code, created.key),
        initiative=created.initiative_id,
        initiative_url=initiative_url(created.initiative_id, created.key),
    ), 201


@bp.get("/api/sessions/<code>/door")
def door(code: str):
    """Whether a newcomer can join now (the join page asks while it is open): ``closed`` is
    null, "ended", "locked" or "full"; ``roles`` the roles that still have room."""
    ctx = context.current()
    try:
        session = access.find_session(ctx, code, request.remote_addr)
        if session is None:
            raise Rejected("unknown_session")
        found = people.door(ctx, session.id)
    except Rejected as rejected:
        return failure(rejected.code)
    response = jsonify(open=found.closed is None, closed=found.closed, roles=[r.id for r in found.roles])
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/api/sessions/<code>/participants")
def join(code: str):
    ctx = context.current()
    form = request.get_json(silent=True)
    try:
        outcome = people.join(ctx, code, form, request.remote_addr)
    except Rejected as rejected:
        if rejected.code in ("unknown_session", "too_many_attempts", "server_busy") or not isinstance(form, dict):
            return failure(rejected.code)
        problem = NAME_PROBLEMS.get(rejected.code, rejected.code)
        return failure(problem, "name" if problem == "invalid_name" else None)
    ctx.send(outcome, None)
    return jsonify(outcome.ack), 201
