"""The plan page and its downloads.

GET /s/<code>/plan               the read-only plan (shareable; also on the phones)
GET /s/<code>/export.<fmt>?key=  pdf, docx, md, csv, ics, json as an attachment (facilitator)

Both take ?lang=nl|en (else the visitor's language) and ?anonymous=1 (no first names).
Thin: load the session, build the document (samenspel/engine/document.py), render it
(samenspel/export/).
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _

from samenspel.engine.document import build_document
from samenspel.engine.errors import Rejected
from samenspel.export import DOWNLOADS, FORMATS, filename
from samenspel.export.html import render_page
from samenspel.live.errors import message
from samenspel.i18n import LANGUAGES, current_language
from samenspel.store.db import get_db
from samenspel.store.models import GameSession
from samenspel.store.sessions import facilitator_key_ok
from samenspel.store.state import load
from samenspel.web.catalogue import game_for
from samenspel.web.lookup import TooManyAttempts, find_session
from samenspel.web.offload import render_export

bp = Blueprint("plan", __name__)

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def session_info(row: GameSession) -> dict:
    """The session's own fields, as the document builder takes them."""
    return {"code": row.code, "title": row.title, "question": row.question, "place": row.place,
            "created_ms": row.created_ms, "ended_ms": row.ended_ms}


def plan_document(db, row: GameSession, lang: str, *, anonymous: bool = False) -> dict:
    """The plan of one stored session (raises Rejected when its game is no longer offered)."""
    return build_document(load(db, row, game_for(row)), session_info(row), lang, anonymous=anonymous)


@bp.context_processor
def _page_context():
    return {"lang": current_language(), "lang_url": _lang_url}


def _lang_url(lang: str) -> str:
    args = {k: v for k, v in request.args.items() if k != "lang"}
    return url_for(request.endpoint, **(request.view_args or {}), **args, lang=lang)


def _error(status: int, title: str, message: str):
    return render_template("error.html", title=title, message=message, action=None), status


def _unknown_code():
    return _error(404, _("Unknown code"), _("We do not know this code. Have another look at the screen."))


def _options(row: GameSession) -> tuple[str, bool]:
    """Language, and anonymity: the facilitator's stored choice, or asked for in the link."""
    return current_language(), bool(row.plan_anonymous) or request.args.get("anonymous") == "1"


@bp.errorhandler(TooManyAttempts)
def _too_many(_exc):
    return _error(429, _("Please wait"), message("too_many_attempts"))


@bp.get("/s/<code>/plan")
def page(code: str):
    row = find_session(code)
    if row is None:
        return _unknown_code()
    lang, anonymous = _options(row)
    try:
        document = plan_document(get_db(), row, lang, anonymous=anonymous)
    except Rejected:
        return _unknown_code()
    extra = {"anonymous": "1"} if anonymous else {}
    key = request.args.get("key") or ""
    downloads = []
    if facilitator_key_ok(row, key):
        downloads = [{"label": fmt.upper(), "url": url_for("plan.export", code=row.code, fmt=fmt, key=key,
                                                           lang=lang, **extra)} for fmt in DOWNLOADS]
    languages = [{"lang": other, "label": LANGUAGE_NAMES[other], "current": other == lang,
                  "url": url_for("plan.page", code=row.code, lang=other, **extra, **({"key": key} if key else {}))}
                 for other in LANGUAGES]
    html = render_page(document, static_url=lambda path: url_for("static", filename=path),
                       nav={"languages": languages, "downloads": downloads})
    response = Response(html, mimetype="text/html")
    response.headers["Referrer-Policy"] = "no-referrer"  # the address may hold the key
    return response


@bp.get("/s/<code>/export.<fmt>")
def export(code: str, fmt: str):
    if fmt not in DOWNLOADS:
        abort(404)
    db = get_db()
    row = find_session(code)
    if row is None:
        return _unknown_code()
    if not facilitator_key_ok(row, request.args.get("key") or ""):
        # Issue 5 (publishing) may open the exports of a published plan to everyone.
        return _error(403, _("No access"),
                      _("This link does not open the console. Use the full link you got when "
                        "you made the session."))
    lang, anonymous = _options(row)
    try:
        document = plan_document(db, row, lang, anonymous=anonymous)
    except Rejected:
        return _unknown_code()
    # End the (read) transaction before the slow render: on SQLite an open transaction holds
    # the write lock, and a writer waiting on it would block the whole event loop.
    db.commit()
    response = Response(render_export(document, fmt), content_type=FORMATS[fmt].media_type)
    # The file name is ASCII (a slug and a date), so it needs no quoting beyond the quotes.
    response.headers["Content-Disposition"] = f'attachment; filename="{filename(document, fmt)}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
