"""What the HTML pages share: the guards that find a session by its room code
(``session_or_404``) and check the facilitator's key (``facilitator_required``), the error
pages they lead to, and the language switch in every page's header."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from babel.dates import format_date
from flask import Flask, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import Forbidden, NotFound, TooManyRequests

from samenspel.engine.document import TIMEZONE
from samenspel.engine.errors import Rejected
from samenspel.i18n import current_language
from samenspel.messages import message
from samenspel.services import access, context
from samenspel.web import errors

#: url_for's own keywords: a query argument of that name must not reach it
RESERVED = {"endpoint", "values", "_external", "_anchor", "_method", "_scheme"}


class UnknownCode(NotFound):
    """No session has this room code."""


class NoAccess(Forbidden):
    """The facilitator's key is missing or wrong."""


class TooManyAttempts(TooManyRequests):
    """This address guessed too many codes."""


def session_or_404(code: str):
    """The session with this room code (each miss counts against the visitor's address)."""
    try:
        session = access.find_session(context.current(), code, request.remote_addr)
    except Rejected as rejected:
        if rejected.code == "too_many_attempts":
            raise TooManyAttempts() from None
        raise
    if session is None:
        raise UnknownCode()
    return session


def facilitator_required(view):
    """For ``/s/<code>/…`` views of the facilitator: the view gets the session and the key
    (``?key=``) instead of the code; a wrong key gets the 'no access' page."""

    @wraps(view)
    def guarded(code: str, **kwargs):
        session = session_or_404(code)
        key = request.args.get("key") or ""
        if not access.is_facilitator(session, key):
            raise NoAccess()
        return view(session=session, key=key, **kwargs)

    return guarded


def query_args(*drop: str) -> dict:
    """The request's query arguments that may be passed on to url_for."""
    skip = RESERVED | set(drop) | set(request.view_args or {})
    return {k: v for k, v in request.args.items() if k not in skip}


def lang_url(lang: str) -> str:
    """The current page in another language (keeps the console key and other arguments)."""
    if request.method != "GET" or not request.endpoint:  # e.g. the start form posted back
        return url_for("pages.start", lang=lang)
    return url_for(request.endpoint, **(request.view_args or {}), **query_args("lang"), lang=lang)


def error_page(status: int, title: str, text: str, action: tuple[str, str] | None = None):
    return render_template("error.html", title=title, message=text, action=action), status


def ms_moment(ms) -> dt.datetime | None:
    """A stored time (milliseconds since the epoch) where the game is played."""
    if not isinstance(ms, int) or isinstance(ms, bool):
        return None
    return dt.datetime.fromtimestamp(ms / 1000, dt.timezone.utc).astimezone(TIMEZONE)


def ms_date(ms) -> str:
    moment = ms_moment(ms)
    return moment.date().isoformat() if moment else ""


def ms_iso(ms) -> str:
    moment = ms_moment(ms)
    return moment.isoformat(timespec="minutes") if moment else ""


def long_date(value) -> str:
    """A date as people read it in the page's language ("20 maart 2026"): a step's due date
    (ISO) or a stored time (milliseconds); anything else as it is."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = ms_date(value)
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value or ""
    return format_date(day, "d MMMM y", locale=current_language())


def init_app(app: Flask) -> None:
    app.add_template_filter(ms_date, "ms_date")
    app.add_template_filter(long_date, "long_date")
    app.add_template_filter(ms_iso, "ms_iso")

    @app.context_processor
    def page_context():
        return {"lang": current_language(), "lang_url": lang_url}

    @app.errorhandler(UnknownCode)
    def unknown_code(_exc):
        return error_page(
            404,
            _("Unknown code"),
            _("We do not know this code. Have another look at the screen."),
            (url_for("pages.join_code"), _("Type the code again")),
        )

    @app.errorhandler(NoAccess)
    def no_access(_exc):
        return error_page(
            403,
            _("No access"),
            _("This link does not open the console. Use the full link you got when you made the session."),
        )

    @app.errorhandler(TooManyAttempts)
    def too_many(_exc):
        return error_page(429, _("Please wait"), message("too_many_attempts"))

    @app.errorhandler(Rejected)
    def refused(rejected: Rejected):
        """A use case said no (e.g. ``busy``): say so in words, never a traceback."""
        if rejected.code == "server_busy":
            return errors.busy()
        return error_page(400, _("Please wait"), message(rejected.code))
