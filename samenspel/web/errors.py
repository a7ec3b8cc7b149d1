"""Clear answers when the server cannot serve a request: the database pool has no free
connection (``server_busy``, 503) — JSON for the API, a page for people. Never a traceback."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import TimeoutError as PoolTimeout

from samenspel.engine.errors import Rejected
from samenspel.live.errors import error_body, message


def busy(_exc=None):
    if request.path.startswith("/api/") or request.path == "/healthz":
        return jsonify(error_body("server_busy")), 503, {"Retry-After": "5"}
    return render_template("error.html", title=_("Please wait"), message=message("server_busy"),
                           action=None), 503, {"Retry-After": "5"}


def init_app(app: Flask) -> None:
    app.register_error_handler(PoolTimeout, busy)

    @app.errorhandler(Rejected)
    def rejected(exc: Rejected):
        """A refusal that escaped its view: still a clear answer, never a 500."""
        if exc.code == "server_busy":
            return busy(exc)
        if request.path.startswith("/api/"):
            return jsonify(error_body(exc.code)), 400
        return render_template("error.html", title=_("Check this field."), message=message(exc.code),
                               action=None), 400
