"""The application factory (as in Flask's tutorial), and the one place that wires the
layers together: configuration, database, languages, security, the games, the use cases'
context with its two ports (links from the web adapter, the sender from the live adapter),
pages, API and the live Socket.IO layer."""

from __future__ import annotations

import logging

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from samenspel import i18n, serving
from samenspel.config import MAX_MESSAGE_BYTES, MAX_TRANSPORT_BYTES, PROJECT_ROOT, load_settings
from samenspel.live import broadcast, gate, packets, routing, socketio
from samenspel.services import catalogue
from samenspel.services.context import KEY, Context
from samenspel.store import db as store_db
from samenspel.store.migrate import upgrade
from samenspel.web import (
    api,
    assets,
    errors,
    initiatives,
    library,
    owner,
    pages,
    plan,
    publish,
    qr,
    security,
    shared,
    tables,
)
from samenspel.web.urls import Links, lan_address


def create_app(overrides: dict | None = None) -> Flask:
    settings = load_settings(overrides)
    app = Flask(
        __name__,
        instance_path=settings["INSTANCE_PATH"],
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = MAX_MESSAGE_BYTES
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    database = store_db.init_app(app)
    upgrade(database.engine)
    games = catalogue.load(app.config["GAME_RULES_PATH"])
    catalogue.adopt(database, games)
    app.extensions[KEY] = Context(database, games, app.config, links=Links(), send=broadcast.send)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    shared.init_app(app)
    csrf = CSRFProtect(app)
    csrf.exempt(api.bp)
    csrf.exempt(owner.bp)  # the token in its path is the secret (web/owner.py)
    for blueprint in (pages.bp, api.bp, qr.bp, plan.bp, tables.bp, initiatives.bp, owner.bp, library.bp, publish.bp):
        app.register_blueprint(blueprint)

    from samenspel.live import handlers  # noqa: F401  (registers the event handlers)

    socketio.init_app(
        app,
        async_mode=settings["ASYNC_MODE"],
        message_queue=settings["MESSAGE_QUEUE"] or None,
        channel=settings["MESSAGE_QUEUE_CHANNEL"],
        cors_allowed_origins=security.socket_origin_check(app),
        max_http_buffer_size=MAX_TRANSPORT_BYTES,
        manage_session=False,
        ping_interval=20,
        ping_timeout=20,
        serializer=packets.Packet,  # JSON only, some parts encoded once (live/packets.py)
    )
    gate.install(app, socketio)
    routing.claim_socket_path(app)
    # Outside Socket.IO's middleware, so its answers get the headers and its handshakes see
    # the client's address: X-Forwarded-* only from as many proxies as configured.
    app.wsgi_app = security.SocketHeaders(app.wsgi_app, settings["PUBLIC_URL"] or None)
    assets.init_app(app)  # hashed, compressed static files (WhiteNoise), before Flask sees them
    proxies = settings["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies)
    return app


def phones_address(app: Flask, port: int) -> str | None:
    """Where phones reach this server: the public URL, else this machine's LAN address."""
    if app.config.get("PUBLIC_URL"):
        return app.config["PUBLIC_URL"]
    return f"http://{lan_address()}:{port}" if lan_address() else None


def run(app: Flask, *, host: str, port: int) -> None:
    """Serve the app and its sockets until stopped (``samenspel serve``)."""
    serving.run(app, socketio, host=host, port=port, async_mode=app.config["ASYNC_MODE"])
