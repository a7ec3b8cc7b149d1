"""The plan's rows to track, as CSV for a spreadsheet: the action steps, then any other
table a block brings (what each participant brings in, …), in the plan's order, one empty
line between two tables. Each table is written by its block's renderer (``export/blocks/``);
a session played at tables adds who sat where and each table's texts (``export/tables.py``).

Dialect (documented in docs/exports.md): UTF-8 with a byte order mark (so Excel reads the
accents right), ``;`` between fields (the list separator of Dutch Excel, where ``,`` is the
decimal sign), CRLF line ends, fields quoted with ``"`` when they hold ``;``, ``"`` or a
line break. Dates are ISO (2026-04-15) so they sort and every spreadsheet recognises them.

Formula injection: a cell whose text starts (after any spaces) with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it as
text instead of running it (OWASP, "CSV Injection").
"""

from __future__ import annotations

import csv
import io
from typing import Any, Mapping

from samenspel.export import tables
from samenspel.export.blocks import renderer_for
from samenspel.export.labels import labels

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


class Dialect(csv.Dialect):
    delimiter = ";"
    quotechar = '"'
    doublequote = True
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    skipinitialspace = False
    strict = True


def neutralise(value: Any) -> str:
    """The cell as text a spreadsheet will not evaluate."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) or text.lstrip(" ").startswith(FORMULA_START):
        return "'" + text
    return text


class Sheet:
    """What a block renderer needs for its CSV tables: the words and the plan's status."""

    def __init__(self, document: Mapping[str, Any]):
        self.document = document
        self.lang = document["lang"]
        self.words = labels(self.lang)
        self.status = self.words["draft"] if document["status"] == "draft" else self.words["final"]


def render(document: Mapping[str, Any]) -> bytes:
    sheet = Sheet(document)
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect=Dialect)
    first = True
    parts = [t for s in document["sections"] for b in s["blocks"] for t in renderer_for(b["type"]).csv(b, sheet)]
    if document.get("tables"):
        parts += tables.csv(document, sheet)
    for header, rows in parts:
        if not first:
            writer.writerow([])
        first = False
        writer.writerow(header)
        for row in rows:
            writer.writerow([neutralise(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")
