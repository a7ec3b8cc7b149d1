"""The step owner's own page (issue 13).

GET  /o/<token>                   their steps with a status form, and the whole action path
GET  /o/<token>/steps.ics         their own dated steps as a calendar, a reminder a week before
GET  /o/<token>/qr.svg            the link as a QR code (the phone shows it at the end, to keep)
POST /o/<token>/steps/<step id>   JSON ``{status, note?}`` → 200 ``{ok, step}``; a plain form
                                  post (an old phone without scripts) → back to the page

The token in the path is the secret (only its hash is stored), so these posts need no CSRF
token: a page elsewhere cannot know it. The app's Origin check still applies. Refusals:
unknown token 404 (counts like a wrong room code; too many 429), revoked link or a removed
or forgotten participant 410, another person's step 403."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from samenspel.engine import steps as step_rules
from samenspel.engine.errors import Rejected
from samenspel.i18n import current_language
from samenspel.messages import error_body, message
from samenspel.services import context, initiative_exports, owners
from samenspel.web.initiatives import ics_response
from samenspel.web.qr import svg_bytes
from samenspel.web.shared import error_page
from samenspel.web.urls import owner_url

bp = Blueprint("owner", __name__)

STATUS = {
    "unknown_participant": 404,
    "link_gone": 410,
    "not_allowed": 403,
    "too_many_attempts": 429,
    "server_busy": 503,
}
PRIVATE = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
#: the heading of a refusal page (its text is the code's message)
TITLES = {
    "unknown_participant": _l("We cannot find this link"),
    "link_gone": _l("This link no longer works"),
    "not_allowed": _l("This is not your step"),
    "too_many_attempts": _l("Too many tries"),
    "server_busy": _l("It is very busy"),
}
#: the page has forms: see PAGE in web/initiatives.py (no-referrer makes their posts Origin: null)
PAGE = {**PRIVATE, "Referrer-Policy": "same-origin"}


def _refused_page(rejected: Rejected):
    status = STATUS.get(rejected.code, 400)
    code = "not_found" if rejected.code == "unknown_participant" else rejected.code
    title = TITLES.get(rejected.code, _l("That did not work"))
    html, status = error_page(status, str(title), message(code))
    return html, status, PRIVATE


@bp.get("/o/<token>")
def page(token: str):
    try:
        found = owners.page(context.current(), token, request.remote_addr)
    except Rejected as rejected:
        return _refused_page(rejected)
    html = render_template(
        "owner.html",
        owner=found,
        token=token,
        statuses=step_rules.STATUSES,
        note_max=step_rules.NOTE_MAX_LENGTH,
        saved=request.args.get("saved"),
        problem=request.args.get("problem"),
    )
    return html, 200, PAGE


@bp.get("/o/<token>/qr.svg")
def qr(token: str):
    """Only for a link that works (a guess counts like on the page): the phone shows it."""
    try:
        owners.owner_of(context.current(), token, request.remote_addr)
    except Rejected as rejected:
        return _refused_page(rejected)
    return svg_bytes(owner_url(token)), 200, {**PRIVATE, "Content-Type": "image/svg+xml"}


@bp.get("/o/<token>/steps.ics")
def calendar(token: str):
    """The owner's own steps for their calendar app; refused exactly like the page."""
    try:
        found = initiative_exports.owner_calendar(context.current(), token, current_language(), request.remote_addr)
    except Rejected as rejected:
        return _refused_page(rejected)
    return ics_response(found, mine=True)


@bp.post("/o/<token>/steps/<int:step_id>")
def update(token: str, step_id: int):
    as_json = request.is_json
    payload = request.get_json(silent=True) if as_json else {k: request.form.get(k) for k in ("status", "note")}
    ctx = context.current()
    try:
        outcome = owners.update(ctx, token, step_id, payload, request.remote_addr)
    except Rejected as rejected:
        if as_json:
            return jsonify(error_body(rejected.code)), STATUS.get(rejected.code, 400), PRIVATE
        if rejected.code in STATUS:
            return _refused_page(rejected)
        return redirect(url_for("owner.page", token=token, problem=rejected.code, _anchor=f"step-{step_id}"), 303)
    ctx.send(outcome, None)
    if as_json:
        return jsonify(outcome.ack), 200, PRIVATE
    return redirect(url_for("owner.page", token=token, saved=step_id, _anchor=f"step-{step_id}"), 303)
