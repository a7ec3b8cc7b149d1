"""Exports of the plan document (samenspel/engine/document.py): one module per format, each
with ``render(document) -> bytes``, and one renderer per block type (``blocks/``) that every
format asks for its blocks. This package knows the formats, their media types and the file
names; it never touches Flask or the database (the CLI in ``cli.py`` does)."""

from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from samenspel.engine.mechanics import mechanic_for
from samenspel.export.labels import FILE_WORDS


@dataclass(frozen=True)
class Format:
    key: str  # as in the URL and on the command line: export.<key>
    module: str  # samenspel.export.<module>
    media_type: str
    text: bool  # printable to a terminal


FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format("pdf", "pdf", "application/pdf", False),
        Format("docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", False),
        Format("md", "markdown", "text/markdown; charset=utf-8", True),
        Format("csv", "csv", "text/csv; charset=utf-8", True),
        Format("ics", "ics", "text/calendar; charset=utf-8", True),
        Format("json", "json", "application/json", True),
        Format("html", "html", "text/html; charset=utf-8", True),
    )
}

#: Print-outs that are not the plan: the table cards (web/tables.py), rendered by the same
#: worker as the plan's PDF. Their document is their own, not the plan document.
PRINTS: dict[str, str] = {"tablecards": "tablecards"}
#: The initiative report (engine/initiative_document.py) in each of its formats:
#: ``render(report, REPORTS[fmt])`` (through the same worker for the PDF).
REPORTS: dict[str, str] = {"pdf": "report-pdf", "docx": "report-docx", "md": "report-md", "json": "report-json"}
PRINTS.update({"report-pdf": "report_pdf", "report-docx": "report_docx", "report-md": "report_markdown"})
PRINTS.update({"report-json": "json", "report-ics": "report_ics"})

#: The formats offered for download (html is the plan page itself).
DOWNLOADS = ("pdf", "docx", "md", "csv", "ics", "json")


def render(document: dict, fmt: str) -> bytes:
    """The document in format ``fmt`` (a key of FORMATS, or of PRINTS)."""
    name = FORMATS[fmt].module if fmt in FORMATS else PRINTS[fmt]
    module = importlib.import_module(f"samenspel.export.{name}")
    return module.render(document)


def plan_steps(document: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every action step of the document (what its follow-up is made of), in action-path order."""
    for section in document["sections"]:
        for block in section["blocks"]:
            yield from mechanic_for(block["type"]).steps(block)


def slug(text: str, max_length: int = 60) -> str:
    """ASCII, lower case, words joined by hyphens: safe in any file system and header."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(words) > max_length:
        words = words[:max_length].rsplit("-", 1)[0] or words[:max_length]
    return words.strip("-")


def filename(document: dict, ext: str) -> str:
    """actieplan-<initiative>-<date>[-concept].<ext>, e.g.
    actieplan-moestuin-met-kas-in-de-noordpolder-2026-03-12.pdf"""
    words = FILE_WORDS.get(document.get("lang"), FILE_WORDS["nl"])
    initiative = document["initiative"]
    parts = [
        words["plan"],
        slug(initiative["title"]) or slug(initiative.get("code", "")) or "sessie",
        initiative["date"],
    ]
    if document["status"] == "draft":
        parts.append(words["draft"])
    return "-".join(parts) + "." + ext


__all__ = ["DOWNLOADS", "FORMATS", "PRINTS", "REPORTS", "Format", "filename", "plan_steps", "render", "slug"]
