"""The initiative page (issue 13), for its facilitators.

GET  /i/<id>?key=                          its sessions, the current action path with
                                           status, the owners' links, progress over time
POST /i/<id>/steps/<step id>?key=          a step's status (+ note), owner, date (a form)
POST /i/<id>/links/<link id>/revoke?key=   an owner's link stops working
POST /i/<id>/continue?key=                 a follow-up session (``continues`` the latest)
POST /i/<id>/delete?key=                   the initiative and all its sessions (``confirm=yes``)

``key`` is the facilitator key of any of the initiative's sessions; a wrong key counts
like a wrong room code. The forms work without scripts (each answers with a redirect back
to the page); they carry the CSRF token like every form of the app."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from samenspel.engine import steps as step_rules
from samenspel.engine.errors import Rejected
from samenspel.services import context, housekeeping, initiatives
from samenspel.services import create as creating
from samenspel.web.shared import NoAccess, TooManyAttempts, error_page
from samenspel.web.urls import facilitator_url

bp = Blueprint("initiatives", __name__)


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
    response = render_template(
        "initiative.html",
        initiative=found,
        key=key,
        statuses=step_rules.STATUSES,
        note_max=step_rules.NOTE_MAX_LENGTH,
        games=games,
        done=request.args.get("done"),
        problem=request.args.get("problem"),
    )
    return response, 200, {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


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
