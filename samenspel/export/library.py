"""The library as open data (issue 14): ``/bibliotheek/export.json`` and ``.csv``, licensed
CC BY 4.0, documented in docs/library.md with the JSON Schema docs/library.schema.json.

Field names follow Participedia's case fields where they mean the same (``title``,
``general_issues``, ``location``, ``start_date``, ``number_of_participants``, ``methods``,
``targeted_participants``, ``outcomes``); the rest keep the library's own names. Each
export carries its generation date and counts; the CSV repeats them, and the licence, on
every row, so a row read on its own still says where it came from and under which terms.

``entry_of`` and ``document_of`` are each other's inverse: an instance that imports
another's export (``samenspel library import``) stores the published documents it holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from functools import lru_cache
from typing import Any, Iterable, Mapping

from samenspel.config import PROJECT_ROOT

FORMAT = "samenspel.library.export"
FORMAT_VERSION = 1
LICENCE = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SCHEMA_PATH = PROJECT_ROOT / "docs" / "library.schema.json"
COUNTRY = "NL"
CSV_FIELDS = (
    "id", "url", "title", "general_issues", "city", "country", "start_date", "number_of_participants",
    "methods", "targeted_participants", "dream", "ideas", "action_path", "reflection", "status",
    "progress_done", "progress_total", "lessons", "source", "licence", "licence_url", "published",
    "generated_at", "entries_in_export",
)  # fmt: skip


def entry_of(document: Mapping[str, Any], *, url: str, source: str, licence: str, published: str) -> dict:
    """One published document as an entry of the export."""
    entry = {
        "id": document["id"],
        "url": url,
        "title": document.get("question") or "",
        "lang": document.get("lang") or "nl",
        "general_issues": [document["theme"]] if document.get("theme") else [],
        "location": {"city": document.get("municipality") or "", "country": COUNTRY},
        "start_date": document.get("month") or "",
        "number_of_participants": (document.get("participants") or {}).get("total", 0),
        "methods": [dict(document["game"])] if document.get("game") else [],
        "targeted_participants": [dict(r) for r in (document.get("participants") or {}).get("roles") or ()],
        "dream": list(document.get("dream") or ()),
        "outcomes": {
            "ideas": [dict(i) for i in document.get("ideas") or ()],
            "action_path": [dict(s) for s in document.get("path") or ()],
            "reflection": [dict(r) for r in document.get("reflection") or ()],
            "lessons": list(document.get("lessons") or ()),
        },
        "status": document.get("status") or "",
        "source": source,
        "licence": licence,
        "published": published,
    }
    if document.get("progress"):
        entry["outcomes"]["progress"] = dict(document["progress"])
    return entry


def document_of(entry: Mapping[str, Any]) -> dict:
    """The published document an export's entry holds (the inverse of ``entry_of``)."""
    outcomes = entry.get("outcomes") or {}
    month = entry.get("start_date") or ""
    document = {
        "format": "samenspel.library",
        "format_version": 1,
        "id": entry["id"],
        "lang": entry.get("lang") or "nl",
        "licence": entry.get("licence") or LICENCE,
        "question": entry.get("title") or "",
        "municipality": (entry.get("location") or {}).get("city") or "",
        "month": month,
        "year": int(month[:4]) if month[:4].isdigit() else None,
        "game": dict((entry.get("methods") or [{}])[0]) if entry.get("methods") else {"id": "", "title": ""},
        "participants": {
            "total": entry.get("number_of_participants") or 0,
            "roles": [dict(r) for r in entry.get("targeted_participants") or ()],
        },
        "dream": list(entry.get("dream") or ()),
        "ideas": [dict(i) for i in outcomes.get("ideas") or ()],
        "path": [dict(s) for s in outcomes.get("action_path") or ()],
        "reflection": [dict(r) for r in outcomes.get("reflection") or ()],
        "lessons": list(outcomes.get("lessons") or ()),
        "status": entry.get("status") or "",
        "theme": (entry.get("general_issues") or [""])[0],
    }
    if outcomes.get("progress"):
        document["progress"] = dict(outcomes["progress"])
    return document


def export_document(entries: Iterable[dict], counts: Mapping[str, int], *, source: str, now=None) -> dict:
    entries = list(entries)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": source,
        "generated_at": _stamp(now),
        "counts": {**dict(counts), "in_export": len(entries)},
        "entries": entries,
    }


def render_json(export: Mapping[str, Any]) -> bytes:
    return json.dumps(export, ensure_ascii=False, indent=2).encode("utf-8")


def render_csv(export: Mapping[str, Any]) -> bytes:
    """One row per entry; lists joined with " | ", steps as "what (month, status)"."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for e in export["entries"]:
        outcomes = e["outcomes"]
        progress = outcomes.get("progress") or {}
        writer.writerow(
            {
                "id": e["id"],
                "url": e["url"],
                "title": e["title"],
                "general_issues": " | ".join(e["general_issues"]),
                "city": e["location"]["city"],
                "country": e["location"]["country"],
                "start_date": e["start_date"],
                "number_of_participants": e["number_of_participants"],
                "methods": " | ".join(m.get("title") or m.get("id") or "" for m in e["methods"]),
                "targeted_participants": " | ".join(f"{r['name']}: {r['count']}" for r in e["targeted_participants"]),
                "dream": " | ".join(e["dream"]),
                "ideas": " | ".join(i["text"] for i in outcomes["ideas"]),
                "action_path": " | ".join(_step(s) for s in outcomes["action_path"]),
                "reflection": " | ".join(f"{r['label']}: {r['average']}" for r in outcomes["reflection"]),
                "status": e["status"],
                "progress_done": progress.get("done", ""),
                "progress_total": progress.get("total", ""),
                "lessons": " | ".join(outcomes["lessons"]),
                "source": e["source"],
                "licence": e["licence"],
                "licence_url": LICENCE_URL,
                "published": e["published"],
                "generated_at": export["generated_at"],
                "entries_in_export": export["counts"]["in_export"],
            }
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # a BOM: spreadsheet programs read UTF-8


def _step(step: Mapping[str, Any]) -> str:
    partners = ", ".join(step.get("partners") or ())
    extra = ", ".join(x for x in (partners, step.get("due") or "", step.get("status") or "") if x)
    return f"{step['what']} ({extra})" if extra else step["what"]


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _stamp(now: dt.datetime | None) -> str:
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.astimezone(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
