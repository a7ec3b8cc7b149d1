"""Which exports render in a child process when the server runs on an event loop."""

from __future__ import annotations

from flask import current_app

from samenspel.export import render
from samenspel.export.worker import prewarm, render_in_subprocess

SLOW_FORMATS = {"pdf", "tablecards", "report-pdf"}


def _offloaded() -> bool:
    return current_app.config.get("ASYNC_MODE") in ("gevent", "eventlet")


def get_ready() -> None:
    """Someone may download soon (the facilitator opened the plan): start the warm export
    worker now, so the first PDF does not wait for its start (samenspel/export/worker.py)."""
    if _offloaded():
        prewarm()


def render_export(document: dict, fmt: str) -> bytes:
    """Slow formats go to a child process under gevent/eventlet, so the game keeps being
    served; everything else (milliseconds) renders right here."""
    if fmt in SLOW_FORMATS and _offloaded():
        return render_in_subprocess(document, fmt)
    return render(document, fmt)
