"""Clear answers when the server cannot serve a request: no database connection became free
(``server_busy``, 503 with Retry-After) — JSON for the API, a page for people. Never a
traceback. Other refusals that escape a view are answered in samenspel/web/shared.py."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import TimeoutError as PoolTimeout

from samenspel.messages import error_body, message


def busy(_exc=None):
    if request.path.startswith("/api/") or request.path == "/healthz":
        return jsonify(error_body("server_busy")), 503, {"Retry-After": "5"}
    return (
        render_template("error.html", title=_("Please wait"), message=message("server_busy"), action=None),
        503,
        {"Retry-After": "5"},
    )


def init_app(app: Flask) -> None:
    app.register_error_handler(PoolTimeout, busy)
