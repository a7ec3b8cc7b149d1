"""Which exports render in a child process when the server runs on an event loop."""

from __future__ import annotations

from flask import current_app

from samenspel.export import render
from samenspel.export.worker import render_in_subprocess

SLOW_FORMATS = {"pdf"}


def render_export(document: dict, fmt: str) -> bytes:
    """Slow formats go to a child process under gevent/eventlet, so the game keeps being
    served; everything else (milliseconds) renders right here."""
    if fmt in SLOW_FORMATS and current_app.config.get("ASYNC_MODE") in ("gevent", "eventlet"):
        return render_in_subprocess(document, fmt)
    return render(document, fmt)
