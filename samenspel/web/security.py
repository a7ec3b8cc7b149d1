"""Security headers on every response — Flask's and Socket.IO's — and an Origin check for
state-changing API calls.

The Content-Security-Policy lets pages open connections only to the origin that served them
(and to the configured public URL): ``connect-src 'self'`` plus that origin's WebSocket
scheme, never any ``ws:``/``wss:`` host."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, abort, request

CSP = (
    "default-src 'self'; script-src 'self'{scripts}; style-src 'self'; img-src 'self' data:; "
    "connect-src {connect}; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
WEBSOCKET_SCHEME = {"http": "ws", "https": "wss"}


def connect_sources(scheme: str, host: str, public_url: str | None) -> str:
    """``'self'`` and the WebSocket form of the serving origin and of the public URL."""
    sources = ["'self'"]
    origins = [(scheme, host)]
    if public_url:
        parts = urlsplit(public_url)
        if parts.scheme in WEBSOCKET_SCHEME and parts.netloc:
            origins.append((parts.scheme, parts.netloc))
            sources.append(f"{parts.scheme}://{parts.netloc}")
    for origin_scheme, netloc in origins:
        if origin_scheme in WEBSOCKET_SCHEME and netloc and _plain_host(netloc):
            source = f"{WEBSOCKET_SCHEME[origin_scheme]}://{netloc}"
            if source not in sources:
                sources.append(source)
    return " ".join(sources)


def _plain_host(netloc: str) -> bool:
    """A Host header fit to be written into a header value (no spaces, quotes or ';')."""
    return all(c.isalnum() or c in ".-:[]_" for c in netloc)


def csp(scheme: str, host: str, public_url: str | None, scripts: str = "") -> str:
    """``scripts``: extra script sources, e.g. the hash of the pages' import map (web/assets.py)."""
    return CSP.format(connect=connect_sources(scheme, host, public_url), scripts=f" {scripts}" if scripts else "")


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


class SocketHeaders:
    """WSGI middleware: the same headers on Socket.IO's HTTP answers (polling, handshake,
    refusals), which Engine.IO writes itself, outside Flask's ``after_request``."""

    def __init__(self, wsgi_app, public_url: str | None, path: str = "/socket.io"):
        self.wsgi_app = wsgi_app
        self.public_url = public_url
        self.path = path.rstrip("/") + "/"

    def __call__(self, environ, start_response):
        if not (environ.get("PATH_INFO") or "").startswith(self.path):
            return self.wsgi_app(environ, start_response)
        policy = csp(environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST", ""), self.public_url)

        def with_headers(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            extra = [
                (name, value)
                for name, value in (
                    ("Content-Security-Policy", policy),
                    *HEADERS.items(),
                    ("Cache-Control", "no-store"),
                )
                if name.lower() not in present
            ]
            return (
                start_response(status, [*headers, *extra], exc_info)
                if exc_info
                else start_response(status, [*headers, *extra])
            )

        return self.wsgi_app(environ, with_headers)


def init_app(app: Flask) -> None:
    @app.before_request
    def check_origin():
        if request.method not in ("GET", "HEAD", "OPTIONS") and not origin_ok(app):
            abort(403)

    @app.after_request
    def add_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            csp(request.scheme, request.host, app.config.get("PUBLIC_URL"), app.config.get("CSP_SCRIPT_SOURCES", "")),
        )
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path.startswith(("/s/", "/api/")) and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response
