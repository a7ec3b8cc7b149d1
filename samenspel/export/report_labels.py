"""The fixed words of the initiative report (engine/initiative_document.py), per language,
on top of the plan's words (export/labels.py), and the small helpers every format of the
report shares: the lines of a session's key figures and the file name."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Mapping

from samenspel.export import slug
from samenspel.export.blocks import RENDERERS
from samenspel.export.formatting import number
from samenspel.export.labels import labels

WORDS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "report": "Verslag van het initiatief",
        "sessions": "Bijeenkomsten",
        "progress": "Voortgang",
        "progress_line": "{done} van {total} stappen klaar",
        "progress_note": "Stappen die zijn geschrapt tellen niet mee.",
        "action_path": "Actiepad nu",
        "history": "Geschiedenis",
        "no_history": "nog geen updates",
        "lessons": "Lessen",
        "no_lessons": "Er zijn (nog) geen lessen opgehaald.",
        "steps_then": "Stappen in deze bijeenkomst",
        "key_figures": "Kerncijfers",
        "in_sessions": "In bijeenkomst",
        "not_started": "Nog niet begonnen",
        "under_way": "Bezig",
        "done": "Klaar",
        "stuck": "Loopt vast",
        "dropped": "Geschrapt",
        "file": "verslag",
        "my_steps": "Mijn stappen",
        "my_steps_file": "mijn-stappen",
        "path_file": "actiepad",
    },
    "en": {
        "report": "Initiative report",
        "sessions": "Sessions",
        "progress": "Progress",
        "progress_line": "{done} of {total} steps done",
        "progress_note": "Dropped steps do not count.",
        "action_path": "Action path now",
        "history": "History",
        "no_history": "no updates yet",
        "lessons": "Lessons",
        "no_lessons": "No lessons have been gathered (yet).",
        "steps_then": "Steps in this session",
        "key_figures": "Key figures",
        "in_sessions": "In session",
        "not_started": "Not started",
        "under_way": "Under way",
        "done": "Done",
        "stuck": "Stuck",
        "dropped": "Dropped",
        "file": "initiative-report",
        "my_steps": "My steps",
        "my_steps_file": "my-steps",
        "path_file": "action-path",
    },
}


def words(lang: str) -> Mapping[str, str]:
    """The plan's words and the report's, in ``lang``."""
    merged = dict(labels(lang))
    merged.update(WORDS.get(lang, WORDS["nl"]))
    return MappingProxyType(merged)


def figure_lines(session: Mapping[str, Any], lang: str) -> list[str]:
    """A session's key figures as the plan's "in short" writes them."""
    w = words(lang)
    values = {name: number(value, lang) for name, value in session["summary"].items()}
    keys = ["in_short_participants"]
    for mechanic in session["mechanics"]:
        if mechanic in RENDERERS:
            keys += RENDERERS[mechanic].in_short
    lines = []
    for key in keys:
        try:
            lines.append(w[key].format(**values))
        except KeyError:  # a figure the session's plan does not have
            continue
    return lines


def progress_line(progress: Mapping[str, Any], lang: str) -> str:
    return words(lang)["progress_line"].format(done=progress["done"], total=progress["total"])


def report_filename(document: Mapping[str, Any], ext: str) -> str:
    """verslag-<initiative>-<date of the report>.<ext>, e.g. verslag-moestuin-…-2026-10-01.pdf"""
    w = words(document["lang"])
    title = slug(document["initiative"]["title"]) or "initiatief"
    return f"{w['file']}-{title}-{document['generated_at'][:10]}.{ext}"


def calendar_filename(document: Mapping[str, Any], *, mine: bool = False) -> str:
    """actiepad-<initiative>.ics (the feed), mijn-stappen-<initiative>.ics (an owner's own)."""
    w = words(document["lang"])
    title = slug(document["initiative"]["title"]) or "initiatief"
    return f"{w['my_steps_file' if mine else 'path_file']}-{title}.ics"


def local_day(moment: str) -> str:
    """The day (Europe/Amsterdam, YYYY-MM-DD) of a history entry's UTC moment."""
    import datetime as dt

    from samenspel.engine.document import TIMEZONE

    return dt.datetime.fromisoformat(moment.replace("Z", "+00:00")).astimezone(TIMEZONE).date().isoformat()
