"""Security headers on every response, and an Origin check for state-changing API calls."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, abort, request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def allowed_origins(app: Flask) -> list[str]:
    extra = app.config.get("ALLOWED_ORIGINS") or ""
    return [o.strip().rstrip("/") for o in extra.split(",") if o.strip()]


def origin_allowed(origin: str | None, host: str | None, extra: list[str]) -> bool:
    """Same host as the one we serve, or explicitly listed in SAMENSPEL_ALLOWED_ORIGINS."""
    if not origin:
        return False
    return urlsplit(origin).netloc == host or origin.rstrip("/") in extra


def socket_origin_check(app: Flask):
    """For Engine.IO's handshake: refuse foreign Origins (never ``*``)."""
    extra = allowed_origins(app)
    return lambda origin, environ: origin_allowed(origin, environ.get("HTTP_HOST"), extra)


def origin_ok(app: Flask) -> bool:
    """A browser's cross-site POST names its Origin; requests without one are not browsers'."""
    origin = request.headers.get("Origin")
    return origin is None or origin_allowed(origin, request.host, allowed_origins(app))


def init_app(app: Flask) -> None:
    @app.before_request
    def check_origin():
        if request.method not in ("GET", "HEAD", "OPTIONS") and not origin_ok(app):
            abort(403)

    @app.after_request
    def add_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path.startswith(("/s/", "/api/")) and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response
