"""Cleaning of text typed by players: the one place that decides what text is acceptable
(``clean_text``, on input) and how it leaves for the plan document (``clean``, on output)."""

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
        ch for ch in value if ch in _KEEP or unicodedata.category(ch)[0] != "C" or ch in "\u200e\u200f"
    ).strip()
    if not cleaned:
        raise Rejected("empty", f"{field} is empty")
    if len(cleaned) > max_length:
        raise Rejected("too_long", f"{field} is longer than {max_length} characters", max=max_length)
    return cleaned


def clean_name(value, *, max_length: int = 40) -> str:
    """A first name: one line, no control characters."""
    return " ".join(clean_text(value, max_length=max_length, field="name").split())


# Format characters that are harmless and needed: LRM/RLM for right-to-left text, ZWNJ/ZWJ
# for scripts and emoji sequences. Every other format character (bidi overrides and
# isolates, which can reorder the text around them) is dropped.
_KEEP_FORMAT = {"\u200c", "\u200d", "\u200e", "\u200f"}
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\u0085": "\n"}


def clean(value) -> str:
    """Text as every export format can carry it: newlines kept, tabs as spaces, no other
    control or format characters, no lone surrogates or XML non-characters."""
    if value is None:
        return ""
    text = str(value)
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    text = text.replace("\t", " ")
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch == "\n" or ch in _KEEP_FORMAT:
            kept.append(ch)
        elif category in ("Cc", "Cs", "Cf") or ch in ("\ufffe", "\uffff"):
            continue
        else:
            kept.append(ch)
    return "".join(kept).strip()
