"""Clear answers when the server cannot serve a request: no database connection became free
(``server_busy``, 503 with Retry-After) — JSON for the API, a page for people. Never a
traceback. Other refusals that escape a view are answered in samenspel/web/shared.py; any
other HTTP error a person meets (an address that does not exist, a wrong method) gets the
same page in their language (with its ``lang``), not the bare English one."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from samenspel.messages import error_body, message


def busy(_exc=None):
    if request.path.startswith("/api/") or request.path == "/healthz":
        return jsonify(error_body("server_busy")), 503, {"Retry-After": "5"}
    return (
        render_template("error.html", title=_("Please wait"), message=message("server_busy"), action=None),
        503,
        {"Retry-After": "5"},
    )


def http_error(exc: HTTPException):
    """A page for people; the API and static files keep Werkzeug's answer."""
    if request.path.startswith(("/api/", "/static/", "/socket.io")) or exc.code is None or exc.code < 400:
        return exc
    if exc.code == 404:
        title, text = _("Page not found"), _("This address does not exist. Check the link or type the code again.")
        action = (url_for("pages.join_code"), _("Type the code again"))
    else:
        title, text, action = _("Something went wrong"), _("That did not work. Go back and try again."), None
    return render_template("error.html", title=title, message=text, action=action), exc.code


def init_app(app: Flask) -> None:
    app.register_error_handler(PoolTimeout, busy)
    app.register_error_handler(HTTPException, http_error)
