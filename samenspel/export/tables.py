"""The tables part of the plan (``document["tables"]``, only in a session played at tables)
in each format: who sat where, each table's chosen ideas (what it brought to the hall), and
what it wrote in the rounds played at tables. The formats call these functions where the
part goes: right after the action path (``after_section``), so an official reads the plan
first and then where each idea came from. The plan block itself names an idea's table
("uit Tafel Zeekraal", ``blocks.base.from_table``).

The HTML (plan page and PDF) is templates/plan/_tables.html.
"""

from __future__ import annotations

from typing import Any, Mapping

from samenspel.engine.mechanics import mechanic_for
from samenspel.export.blocks.base import Table
from samenspel.export.blocks.vote import dots

Document = Mapping[str, Any]


def after_section(doc: Document) -> str | None:
    """The id of the section the tables part follows: the last of the leading sections (the
    action path); None: the part comes before the first section."""
    last = None
    for section in doc["sections"]:
        if not any(getattr(mechanic_for(b["type"]), "leads_plan", False) for b in section["blocks"]):
            break
        last = section["id"]
    return last


def people_line(participants: Mapping[str, Any]) -> str:
    """Inwoner: Fatima, Joost · Ambtenaar: Pieter (anonymous: Inwoner 2 · Ambtenaar 1)."""
    return " · ".join(
        f"{r['name']}: {', '.join(r['names'])}" if r.get("names") is not None else f"{r['name']} {r['count']}"
        for r in participants["roles"]
    )


def markdown(doc: Document, md) -> list[str]:
    words, esc = md.words, md.escape
    out = [f"## {words['tables']}", "", f"_{words['tables_note']}_", ""]
    for table in doc["tables"]:
        out += [f"### {esc(table['name'])}", ""]
        out += [f"**{words['participants']}:** {esc(people_line(table['participants']))}", ""]
        if table["chosen"]:
            out += [f"**{words['table_chosen']}:**", ""]
            out += [f"{c['rank']}. {esc(c['text'])} ({dots(c['votes'], words)})" for c in table["chosen"]] + [""]
        for rnd in (r for r in table["rounds"] if r["items"]):
            out += [f"**{esc(rnd['title'])}**", ""]
            out += [f"- {esc(i['text'])}{md.byline(i['author'])}" for i in rnd["items"]] + [""]
    return out


def docx(doc: Document, word) -> None:
    words = word.words
    word.heading(words["tables"], 1)
    word.para(words["tables_note"], italic=True, muted=True)
    for table in doc["tables"]:
        word.heading(table["name"], 2)
        paragraph = word.para(f"{words['participants']}: ", bold=True)
        word._run(paragraph, people_line(table["participants"]))
        if table["chosen"]:
            word.para(f"{words['table_chosen']}:", bold=True)
            for chosen in table["chosen"]:  # numbered by hand: a Word list style would count on across tables
                word.para(f"{chosen['rank']}. {chosen['text']} ({dots(chosen['votes'], words)})")
        for rnd in (r for r in table["rounds"] if r["items"]):
            word.heading(rnd["title"], 3)
            for item in rnd["items"]:
                word.item(item["text"], word.byline(item["author"]))


def csv(doc: Document, sheet) -> list[Table]:
    """Two tables: who sat where (a row per table and role), and every text each table
    wrote, with whether the table chose it."""
    words = sheet.words
    seating = [
        [t["name"], r["name"], r["count"], ", ".join(r.get("names", []))]
        for t in doc["tables"]
        for r in t["participants"]["roles"]
    ]
    rows = []
    for table in doc["tables"]:
        chosen = {c["id"]: c for c in table["chosen"]}
        for rnd in table["rounds"]:
            for item in rnd["items"]:
                author = item["author"] or {}
                pick = chosen.get(item["id"])
                rows.append(
                    [
                        table["name"],
                        rnd["title"],
                        item["text"],
                        author.get("name") or "",
                        author.get("role_name") or "",
                        words["yes"] if pick else "",
                        pick["votes"] if pick else "",
                    ]
                )
    return [
        ([words["table"], words["role"], words["participants"], words["names"]], seating),
        (
            [
                words["table"],
                words["round"],
                words["text"],
                words["author"],
                words["role"],
                words["table_chosen_short"],
                words["votes"],
            ],
            rows,
        ),
    ]


__all__ = ["after_section", "csv", "docx", "markdown", "people_line"]
