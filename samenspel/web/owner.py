"""The step owner's own page (issue 13).

GET  /o/<token>                   their steps with a status form, and the whole action path
GET  /o/<token>/steps.ics         their own dated steps as a calendar, a reminder a week before
GET  /o/<token>/qr.svg            the link as a QR code (the phone shows it at the end, to keep)
POST /o/<token>/steps/<step id>   JSON ``{status, note?}`` → 200 ``{ok, step}``; a plain form
                                  post (an old phone without scripts) → back to the page
POST /o/<token>/join              the initiative's next session, joined as the same person
                                  (services/continuing.py): a form → the phone's page, its
                                  new token in the address's fragment; JSON → 201 ``{token, …}``

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
from samenspel.messages import MESSAGES, error_body, message
from samenspel.services import context, continuing, initiative_exports, owners
from samenspel.web.api import NAME_PROBLEMS
from samenspel.web.api import STATUS as JOIN_STATUS
from samenspel.web.initiatives import ics_response
from samenspel.web.qr import svg_bytes
from samenspel.web.shared import error_page, long_date
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
        follow_up=_follow_up(continuing.offer(context.current(), found["owner"])),
        token=token,
        statuses=step_rules.STATUSES,
        note_max=step_rules.NOTE_MAX_LENGTH,
        saved=request.args.get("saved"),
        problem=request.args.get("problem"),
    )
    return html, 200, PAGE


def _follow_up(offered: continuing.FollowUp | None) -> dict | None:
    """The next session as the page shows it: its date, the roles in the page's language,
    why it is closed and why a join just failed, in words."""
    if offered is None:
        return None
    lang = current_language()
    refused = request.args.get("joining")
    return {
        "date": long_date(offered.created_ms).replace(" ", "\u00a0"),  # "2 december 2026" on one line
        "joined": offered.joined,
        "closed": message(f"session_{offered.closed}") if offered.closed else None,
        "roles": [{"id": r.id, "name": r.name.get(lang)} for r in offered.roles],
        "role": offered.role,
        "name": offered.name,
        "refused": message(refused) if refused in MESSAGES else None,
    }


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


@bp.post("/o/<token>/join")
def join(token: str):
    """Join the initiative's open session as the person the link belongs to. A form (the
    page's button, no scripts needed) goes on to the phone's page with the new participant
    token in the fragment (never sent to a server; static/js/phone.js keeps it and takes it
    out of the address); a refusal of the join comes back to the page, said in words."""
    as_json = request.is_json
    form = request.get_json(silent=True) if as_json else {k: request.form.get(k) for k in ("name", "role")}
    if form is not None and not isinstance(form, dict):
        return jsonify(error_body("bad_request")), 400, PRIVATE
    ctx = context.current()
    try:
        outcome = continuing.join(ctx, token, form, request.remote_addr)
    except Rejected as rejected:
        code = NAME_PROBLEMS.get(rejected.code, rejected.code)  # a join's: the name is what is wrong
        if as_json:
            status = STATUS.get(code) or JOIN_STATUS.get(code, 400)
            return jsonify(error_body(code)), status, PRIVATE
        if code in STATUS:
            return _refused_page(rejected)
        return redirect(url_for("owner.page", token=token, joining=code, _anchor="follow-up"), 303)
    ctx.send(outcome, None)
    if as_json:
        return jsonify(outcome.ack), 201, PRIVATE
    phone = url_for("pages.phone", code=outcome.ack["code"], _anchor=f"joined={outcome.ack['token']}")
    response = redirect(phone, 303)
    response.headers.update(PRIVATE)  # the address holds a secret: never cached, never referred
    return response
