"""The initiative page (issue 13), for its facilitators.

GET  /i/<id>?key=                          its sessions, the current action path with
                                           status, the owners' links, progress over time
POST /i/<id>/steps/<step id>?key=          a step's status (+ note), owner, date (a form)
POST /i/<id>/links/<link id>/revoke?key=   an owner's link stops working
POST /i/<id>/continue?key=                 a follow-up session (``continues`` the latest)
POST /i/<id>/delete?key=                   the initiative and all its sessions (``confirm=yes``)
GET  /i/<id>/report.<pdf|docx|md|json>?key=  the initiative report as a download
POST /i/<id>/calendar/new?key=             the calendar feed on, or at a new address
POST /i/<id>/calendar/stop?key=            the calendar feed off
GET  /i/<id>/calendar/<token>.ics          the calendar feed (no key: the token is the secret)

``key`` is the facilitator key of any of the initiative's sessions; a wrong key counts
like a wrong room code, and so does a wrong feed token (404). The forms work without scripts
(each answers with a redirect back to the page); they carry the CSRF token like every form
of the app."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from samenspel.engine import steps as step_rules
from samenspel.engine.errors import Rejected
from samenspel.export import FORMATS, REPORTS
from samenspel.export.report_ics import calendar
from samenspel.export.report_labels import calendar_filename, report_filename, words
from samenspel.i18n import current_language
from samenspel.messages import message
from samenspel.services import context, housekeeping, initiative_exports, initiatives
from samenspel.services import create as creating
from samenspel.web.offload import get_ready, render_export
from samenspel.web.shared import NoAccess, TooManyAttempts, error_page
from samenspel.web.urls import facilitator_url, join_base_url

bp = Blueprint("initiatives", __name__)

PRIVATE = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
#: A page with forms: ``same-origin``, not ``no-referrer`` (a browser then sends its form posts
#: with ``Origin: null``, which the app's Origin check refuses); the key in the address still
#: never reaches another site.
PAGE = {**PRIVATE, "Referrer-Policy": "same-origin"}
#: how often a subscribed calendar is asked to fetch the feed again
FEED_REFRESH = dt.timedelta(hours=1)


def _refused(rejected: Rejected):
    if rejected.code == "bad_key":
        raise NoAccess()
    if rejected.code == "too_many_attempts":
        raise TooManyAttempts()
    raise rejected


def _back(initiative_id: int, key: str, **flash):
    return redirect(url_for("initiatives.page", initiative_id=initiative_id, key=key, **flash), code=303)


@bp.get("/i/<int:initiative_id>")
def page(initiative_id: int):
    ctx, key = context.current(), request.args.get("key") or ""
    try:
        found = initiatives.overview(ctx, initiative_id, key, request.remote_addr)
    except Rejected as rejected:
        _refused(rejected)
    games = sorted(ctx.catalogue.games.values(), key=lambda g: g.title.get("nl"))
    get_ready()  # the report's PDF may be asked for soon: the export worker starts warming
    response = render_template(
        "initiative.html",
        initiative=found,
        key=key,
        reports=[
            (fmt.upper(), url_for("initiatives.report", initiative_id=initiative_id, fmt=fmt, key=key))
            for fmt in REPORTS
        ],
        feed=_feed_urls(initiative_id, initiative_exports.feed_token(ctx, initiative_id, key)),
        statuses=step_rules.STATUSES,
        note_max=step_rules.NOTE_MAX_LENGTH,
        games=games,
        done=request.args.get("done"),
        problem=request.args.get("problem"),
    )
    return response, 200, PAGE


def _feed_urls(initiative_id: int, token: str | None) -> dict | None:
    """The feed's address to subscribe to: https (Google, Outlook on the web) and webcal
    (a calendar app on this computer or phone opens it), as the world reaches this server."""
    if token is None:
        return None
    extra = {"lang": current_language()} if current_language() != "nl" else {}
    path = url_for("initiatives.calendar_feed", initiative_id=initiative_id, token=token, **extra)
    web = join_base_url() + path
    return {"https": web, "webcal": "webcal://" + web.split("://", 1)[1]}


@bp.post("/i/<int:initiative_id>/steps/<int:step_id>")
def change_step(initiative_id: int, step_id: int):
    ctx, key = context.current(), request.args.get("key") or ""
    form = {"status": request.form.get("status") or None, "note": request.form.get("note") or ""}
    for name in ("owner", "due"):
        if name in request.form:
            form[name] = request.form.get(name) or ""
    try:
        outcome = initiatives.change_step(ctx, initiative_id, key, step_id, form, request.remote_addr)
    except Rejected as rejected:
        if rejected.code in ("bad_key", "too_many_attempts", "server_busy"):
            _refused(rejected)
        return _back(initiative_id, key, problem=rejected.code, _anchor=f"step-{step_id}")
    ctx.send(outcome, None)
    return _back(initiative_id, key, done="step", _anchor=f"step-{step_id}")


@bp.post("/i/<int:initiative_id>/links/<int:link_id>/revoke")
def revoke(initiative_id: int, link_id: int):
    key = request.args.get("key") or ""
    try:
        initiatives.revoke_link(context.current(), initiative_id, key, link_id, request.remote_addr)
    except Rejected as rejected:
        _refused(rejected)
    return _back(initiative_id, key, done="revoked", _anchor="links")


@bp.post("/i/<int:initiative_id>/continue")
def follow_up(initiative_id: int):
    """A new session that continues the initiative's latest one (its steps imported)."""
    ctx, key = context.current(), request.args.get("key") or ""
    try:
        latest = initiatives.overview(ctx, initiative_id, key, request.remote_addr)["sessions"][-1]["code"]
        created = creating.create(
            ctx,
            {"game": request.form.get("game"), "continues": latest, "key": key},
            request.remote_addr,
        )
    except Rejected as rejected:
        if rejected.code in ("bad_key", "too_many_attempts", "server_busy"):
            _refused(rejected)
        return _back(initiative_id, key, problem=rejected.code, _anchor="follow-up")
    return redirect(facilitator_url(created.code, created.key), code=303)


@bp.post("/i/<int:initiative_id>/delete")
def delete(initiative_id: int):
    """Only with the box ticked (``confirm=yes``): one stray click deletes nothing."""
    key = request.args.get("key") or ""
    if request.form.get("confirm") != "yes":
        return _back(initiative_id, key, problem="confirm", _anchor="delete")
    try:
        housekeeping.delete_initiative(context.current(), initiative_id, key, request.remote_addr)
    except Rejected as rejected:
        _refused(rejected)
    return error_page(200, _("Deleted"), _("The initiative and all its sessions are deleted."))


@bp.get("/i/<int:initiative_id>/report.<fmt>")
def report(initiative_id: int, fmt: str):
    """The initiative report as a download; the PDF is rendered off the request's thread (the
    warm export worker, web/offload.py) like the plan's."""
    if fmt not in REPORTS:
        abort(404)
    key, anonymous = request.args.get("key") or "", request.args.get("anonymous") == "1"
    try:
        document = initiative_exports.initiative_report(
            context.current(), initiative_id, key, current_language(), request.remote_addr, anonymous=anonymous
        )
    except Rejected as rejected:
        _refused(rejected)
    response = Response(render_export(document, REPORTS[fmt]), content_type=FORMATS[fmt].media_type)
    # ASCII (a slug and a date): needs no quoting beyond the quotes
    response.headers["Content-Disposition"] = f'attachment; filename="{report_filename(document, fmt)}"'
    response.headers.update(PRIVATE)
    return response


def ics_response(found: initiative_exports.Calendar, *, mine: bool = False, refresh=None) -> Response:
    """A calendar from the report (export/report_ics.py): an owner's download, or the feed."""
    document = found.document
    name = f"{words(document['lang'])['my_steps']}: {document['initiative']['title']}" if mine else None
    body = calendar(document, found.steps, name, revisions=found.revisions, refresh=refresh)
    response = Response(body, content_type=FORMATS["ics"].media_type)
    disposition = "attachment" if mine else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{calendar_filename(document, mine=mine)}"'
    response.headers.update({**PRIVATE, "X-Robots-Tag": "noindex"})
    return response


@bp.get("/i/<int:initiative_id>/calendar/<token>.ics")
def calendar_feed(initiative_id: int, token: str):
    """The feed a calendar subscribes to: made afresh on every fetch, so it follows the plan."""
    try:
        found = initiative_exports.feed(
            context.current(), initiative_id, token, current_language(), request.remote_addr
        )
    except Rejected as rejected:
        if rejected.code == "bad_key":  # guessed, replaced or turned off: as if it never was
            return error_page(404, message("not_found"), message("not_found"))
        _refused(rejected)
    return ics_response(found, refresh=FEED_REFRESH)


@bp.post("/i/<int:initiative_id>/calendar/<action>")
def calendar_link(initiative_id: int, action: str):
    """``new``: the feed on, or at a new address (the old one stops working); ``stop``: off."""
    if action not in ("new", "stop"):
        abort(404)
    key = request.args.get("key") or ""
    change = initiative_exports.new_feed if action == "new" else initiative_exports.stop_feed
    try:
        change(context.current(), initiative_id, key, request.remote_addr)
    except Rejected as rejected:
        _refused(rejected)
    return _back(initiative_id, key, done=f"calendar_{action}", _anchor="calendar")
