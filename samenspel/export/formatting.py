"""How dates and numbers are written in each language of the plan (Babel's locale data)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from samenspel.rules.model import DEFAULT_LANGUAGE, LANGUAGES


def _locale(lang: str) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def long_date(iso: str | None, lang: str) -> str:
    """ "12 maart 2026" / "12 March 2026"; empty for no date."""
    if not iso:
        return ""
    return format_date(dt.date.fromisoformat(iso), "d MMMM y", locale=_locale(lang))


def short_date(iso: str | None, lang: str) -> str:
    """ "1 apr. 2026" / "1 Apr 2026": compact, for table cells and calendars."""
    if not iso:
        return ""
    return format_date(dt.date.fromisoformat(iso), "d MMM y", locale=_locale(lang))


def decimal(value: float | None, lang: str, digits: int = 1) -> str:
    """4,5 in Dutch, 4.5 in English; an en dash for no value."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang != "en" else text


def number(value: float | int | None, lang: str) -> str:
    """A whole number as is, a fraction with the language's decimal sign (2,5 / 2.5)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return decimal(float(value), lang, digits=2).rstrip("0").rstrip(",.")
