"""Cleaning of text typed by players: the one place that decides what text is acceptable."""
from __future__ import annotations

import unicodedata

from samenspel.engine.errors import Rejected

_KEEP = {"\n"}


def clean_text(value, *, max_length: int, field: str = "text") -> str:
    """Return the text stripped of control characters and outer whitespace, or reject it.

    Newlines are kept (a card may have two lines); other control and format characters
    that could hide or reorder text are dropped, except the ones right-to-left scripts need.
    """
    if not isinstance(value, str):
        raise Rejected("bad_request", f"{field} must be a string")
    cleaned = "".join(
        ch for ch in value
        if ch in _KEEP or unicodedata.category(ch)[0] != "C" or ch in "\u200e\u200f"
    ).strip()
    if not cleaned:
        raise Rejected("empty", f"{field} is empty")
    if len(cleaned) > max_length:
        raise Rejected("too_long", f"{field} is longer than {max_length} characters", max=max_length)
    return cleaned


def clean_name(value, *, max_length: int = 40) -> str:
    """A first name: one line, no control characters."""
    return " ".join(clean_text(value, max_length=max_length, field="name").split())
