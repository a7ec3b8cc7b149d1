"""Configuration: defaults, overridden by SAMENSPEL_* environment variables, then by the
mapping given to the app factory (tests). Nothing here reads a file of game state."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ASYNC_MODES = ("gevent", "eventlet", "threading")
#: the largest HTTP body or Socket.IO message the app accepts
MAX_MESSAGE_BYTES = 64 * 1024
#: Engine.IO drops a connection whose message is larger than this; between the two limits a
#: message gets a clear ``too_large`` error instead (samenspel/live/handlers.py)
MAX_TRANSPORT_BYTES = 1024 * 1024
_PACKAGE = Path(__file__).resolve().parent
#: where templates/, static/ and game_rules/ are found: in a checkout (also an editable
#: install) the repository's top-level folders; in an installed wheel the copies it carries
#: as samenspel/_data/ (pyproject.toml, [tool.hatch.build.targets.wheel.sources])
BUNDLED = _PACKAGE / "_data"
INSTALLED = (BUNDLED / "templates").is_dir()
PROJECT_ROOT = BUNDLED if INSTALLED else _PACKAGE.parent
#: the instance folder: the repository's instance/, or ./instance where an installed app runs
DEFAULT_INSTANCE = Path.cwd() / "instance" if INSTALLED else PROJECT_ROOT / "instance"

# name -> (environment variable, default, converter)
SETTINGS = {
    "INSTANCE_PATH": ("SAMENSPEL_INSTANCE_PATH", str(DEFAULT_INSTANCE), str),
    "DATABASE_URL": ("SAMENSPEL_DATABASE_URL", "", str),
    "ASYNC_MODE": ("SAMENSPEL_ASYNC_MODE", "gevent", str),
    "MESSAGE_QUEUE": ("SAMENSPEL_MESSAGE_QUEUE", "", str),
    "MESSAGE_QUEUE_CHANNEL": ("SAMENSPEL_MESSAGE_QUEUE_CHANNEL", "samenspel", str),
    "PUBLIC_URL": ("SAMENSPEL_PUBLIC_URL", "", str),
    "ALLOWED_ORIGINS": ("SAMENSPEL_ALLOWED_ORIGINS", "", str),
    "INSTANCE_PASSWORD": ("SAMENSPEL_INSTANCE_PASSWORD", "", str),
    "SECRET_KEY": ("SAMENSPEL_SECRET_KEY", "", str),
    "GAME_RULES_PATH": ("SAMENSPEL_GAME_RULES", str(PROJECT_ROOT / "game_rules"), str),
    "JOIN_ATTEMPTS_PER_WINDOW": ("SAMENSPEL_JOIN_ATTEMPTS", "30", int),
    "JOIN_WINDOW_SECONDS": ("SAMENSPEL_JOIN_WINDOW", "600", int),
    "MAX_PARTICIPANTS": ("SAMENSPEL_MAX_PARTICIPANTS", "200", int),
    "RETENTION_DAYS": ("SAMENSPEL_RETENTION_DAYS", "90", int),
    "SOCKET_EVENTS_PER_SECOND": ("SAMENSPEL_SOCKET_EVENTS_PER_SECOND", "10", float),
    "SOCKET_EVENT_BURST": ("SAMENSPEL_SOCKET_EVENT_BURST", "30", float),
    # budgets shared by all sockets of one address and of one session (samenspel/live/flood.py)
    "ADDRESS_EVENTS_PER_SECOND": ("SAMENSPEL_ADDRESS_EVENTS_PER_SECOND", "60", float),
    "ADDRESS_EVENT_BURST": ("SAMENSPEL_ADDRESS_EVENT_BURST", "240", float),
    "SESSION_EVENTS_PER_SECOND": ("SAMENSPEL_SESSION_EVENTS_PER_SECOND", "150", float),
    "SESSION_EVENT_BURST": ("SAMENSPEL_SESSION_EVENT_BURST", "600", float),
    # Engine.IO connections (samenspel/live/gate.py)
    "SOCKETS_PER_ADDRESS": ("SAMENSPEL_SOCKETS_PER_ADDRESS", "400", int),
    "AUTH_TIMEOUT_SECONDS": ("SAMENSPEL_AUTH_TIMEOUT", "10", float),
    # reverse proxies in front of the app whose X-Forwarded-* headers are trusted (ProxyFix)
    "TRUSTED_PROXIES": ("SAMENSPEL_TRUSTED_PROXIES", "0", int),
    # database connections per process (PostgreSQL); waiting longer than the timeout for
    # one answers ``server_busy`` (samenspel/store/db.py)
    "DB_POOL_SIZE": ("SAMENSPEL_DB_POOL_SIZE", "10", int),
    "DB_POOL_OVERFLOW": ("SAMENSPEL_DB_POOL_OVERFLOW", "20", int),
    "DB_POOL_TIMEOUT": ("SAMENSPEL_DB_POOL_TIMEOUT", "5", float),
}


def load_settings(overrides: dict | None = None, environ=os.environ) -> dict:
    """Return the app configuration as a plain dict."""
    settings = {name: convert(environ.get(var, default)) for name, (var, default, convert) in SETTINGS.items()}
    settings.update(overrides or {})
    if settings["ASYNC_MODE"] not in ASYNC_MODES:
        raise ValueError(
            f"SAMENSPEL_ASYNC_MODE={settings['ASYNC_MODE']!r} is not supported; use one of {', '.join(ASYNC_MODES)}"
        )
    instance = Path(settings["INSTANCE_PATH"])
    if not settings["DATABASE_URL"]:
        settings["DATABASE_URL"] = f"sqlite:///{instance / 'samenspel.sqlite3'}"
    if not settings["SECRET_KEY"]:
        settings["SECRET_KEY"] = _instance_secret(instance)
    return settings


def _instance_secret(instance: Path) -> str:
    """A secret kept in the instance folder, so sessions' CSRF tokens survive a restart."""
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
