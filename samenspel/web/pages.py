"""HTML pages: the start page, the phone, the projector and the console.

The pages are shells. Everything live is drawn by the ES modules in static/js/ from the
Socket.IO snapshot and broadcasts (docs/protocol.md); the server only renders what is
known before the connection (the session, the roles, the join address) and the UI strings.
"""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from samenspel.engine.errors import Rejected
from samenspel.i18n import current_language
from samenspel.live.errors import message
from samenspel.engine.seats import roles_with_room
from samenspel.store.db import get_db
from samenspel.store.participants import roles_taken
from samenspel.store.sessions import facilitator_key_ok
from samenspel.web.api import instance_password_ok, new_session
from samenspel.web.catalogue import game_for, get_catalogue
from samenspel.web.lookup import TooManyAttempts, find_session
from samenspel.web.urls import join_base_url, join_url, projector_url

bp = Blueprint("pages", __name__)

# Same limits as the API (samenspel/web/api.py), shown as maxlength in the form.
LIMITS = {"title": 200, "question": 1000, "place": 200}


@bp.context_processor
def _page_context():
    return {"lang": current_language(), "lang_url": _lang_url}


def _lang_url(lang: str) -> str:
    """The current page in another language (keeps the console key and other arguments)."""
    if request.method != "GET" or not request.endpoint:  # e.g. the start form posted back
        return url_for("pages.start", lang=lang)
    args = {k: v for k, v in request.args.items() if k != "lang"}
    return url_for(request.endpoint, **(request.view_args or {}), **args, lang=lang)


def _error(status: int, title: str, message: str, action: tuple[str, str] | None = None):
    return render_template("error.html", title=title, message=message, action=action), status


def _unknown_code():
    return _error(404, _("Unknown code"),
                  _("We do not know this code. Have another look at the screen."),
                  (url_for("pages.join_code"), _("Type the code again")))


@bp.errorhandler(TooManyAttempts)
def _too_many(_exc):
    return _error(429, _("Please wait"), message("too_many_attempts"))


def _session_or_none(code: str):
    return find_session(code)


def _roles(game, lang: str, offered) -> list[dict]:
    """The roles a newcomer can choose: those that still have room."""
    return [{"id": r.id, "name": r.name.get(lang), "colour": r.colour,
             "description": r.description.get(lang)} for r in offered]


# --- facilitator: start a session -------------------------------------------------------

@bp.get("/")
def start():
    return _render_start({}, {})


def _render_start(values: dict, errors: dict, status: int = 200):
    catalogue = get_catalogue()
    lang = current_language()
    games = [{"id": gid, "title": g.title.get(lang), "summary": g.summary.get(lang),
              "minutes": g.minutes, "players_min": g.players_min, "players_max": g.players_max,
              "rounds": len(g.rounds)} for gid, g in catalogue.games.items()]
    refused = [{"file": str(name), "problems": [str(p) for p in problems]}
               for name, problems in catalogue.refused]
    return render_template(
        "start.html", games=games, refused=refused, values=values, errors=errors,
        limits=LIMITS, needs_password=bool(current_app.config.get("INSTANCE_PASSWORD")),
    ), status


@bp.post("/new")
def new():
    form = request.form
    values = {k: (form.get(k) or "").strip() for k in ("game", "title", "question", "place")}
    password = current_app.config.get("INSTANCE_PASSWORD")
    if password and not instance_password_ok(form.get("password") or ""):
        return _render_start(values, {"password": _(
            "This password is not right. Ask the person who runs this server.")}, 400)
    # Say everything that is missing at once; the API's checks (new_session) do the rest.
    errors = {field: _field_message(field, Rejected("empty"))
              for field in ("title", "question") if not values[field]}
    if values["game"] not in get_catalogue().games:
        errors["game"] = _field_message("game", Rejected("unknown_game"))
    if not errors:
        try:
            created = new_session(values)
        except Rejected as rejected:
            field = rejected.params.get("field") or "game"
            errors[field] = _field_message(field, rejected)
    if errors:
        return _render_start(values, errors, 400)
    return redirect(created["facilitator_url"], code=303)


def _field_message(field: str, rejected: Rejected) -> str:
    if field == "game":
        return _("Choose a game from the list.")
    if rejected.code == "too_long":
        return _("Make this shorter: at most %(n)d characters.", n=LIMITS.get(field, 0))
    if field == "title":
        return _("Give the session a short title, for example the name of the initiative.")
    if field == "question":
        return _("Write down the question you will work on together.")
    return _("Check this field.")


# --- phone ------------------------------------------------------------------------------

@bp.get("/j")
def join_code():
    code = "".join((request.args.get("code") or "").split()).upper()
    if code:
        return redirect(url_for("pages.phone", code=code))
    return render_template("join_code.html")


@bp.get("/j/<code>")
def phone(code: str):
    session = _session_or_none(code)
    if session is None:
        return _unknown_code()
    if session.code != code:
        return redirect(url_for("pages.phone", code=session.code, **request.args))
    lang = current_language()
    game = game_for(session)
    roles = _roles(game, lang, roles_with_room(game, roles_taken(get_db(), session),
                                               current_app.config["MAX_PARTICIPANTS"]))
    return render_template(
        "phone.html", session=session, roles=roles,
        page={"code": session.code, "lang": lang, "roles": roles,
              "join_api": f"/api/sessions/{session.code}/participants",
              "ended": session.status == "ended"},
    )


# --- projector and console ----------------------------------------------------------------

@bp.get("/s/<code>/projector")
def projector(code: str):
    session = _session_or_none(code)
    if session is None:
        return _unknown_code()
    return render_template(
        "projector.html", session=session, join_url=join_url(session.code),
        join_base=join_base_url().split("://", 1)[-1], qr_url=f"/s/{session.code}/qr.svg",
        # The end screen: a QR code of the read-only plan, and its address in words.
        page={"code": session.code, "lang": current_language(), "plan_qr_url": f"/s/{session.code}/plan-qr.svg",
              "plan_url": join_base_url() + url_for("plan.page", code=session.code)},
    )


@bp.get("/s/<code>/console")
def console(code: str):
    session = _session_or_none(code)
    if session is None:
        return _unknown_code()
    key = request.args.get("key") or ""
    if not facilitator_key_ok(session, key):
        return _error(403, _("No access"),
                      _("This link does not open the console. Use the full link you got when "
                        "you made the session."))
    response = current_app.make_response(render_template(
        "console.html", session=session, join_url=join_url(session.code),
        projector_url=projector_url(session.code),
        plan_url=url_for("plan.page", code=session.code, key=key),
        page={"code": session.code, "key": key, "lang": current_language()},
    ))
    # The key is in the address: do not let it leak to other sites or caches.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response
