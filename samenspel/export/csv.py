"""The action steps as CSV, for a spreadsheet.

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

from samenspel.export import plan_steps
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


def header(lang: str) -> list[str]:
    words = labels(lang)
    return [words["number"], words["due"], words["what"], words["owner"], words["partners"],
            words["needs"], words["idea"], words["chosen"], words["status"]]


def render(document: Mapping[str, Any]) -> bytes:
    words = labels(document["lang"])
    status = words["draft"] if document["status"] == "draft" else words["final"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect=Dialect)
    writer.writerow(header(document["lang"]))
    for step in plan_steps(document):
        idea = step["idea"]
        row = [step["number"], step["due"] or "", step["what"], step["owner"], ", ".join(step["partners"]),
               step["needs"], idea["text"] if idea else "",
               (words["yes"] if idea["chosen"] else words["no"]) if idea else "", status]
        writer.writerow([neutralise(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")
