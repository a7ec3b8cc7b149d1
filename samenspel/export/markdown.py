"""The plan as Markdown (CommonMark with GitHub tables), for a wiki, a repository or an email.

Every text typed by players is escaped: characters that would start emphasis, a link, code,
raw HTML or a table cell get a backslash, and so does a line that would start a heading,
a list or a quote. What a reader sees is exactly what was typed; nothing becomes markup.

This module writes the frame; each block is written by its renderer (``export/blocks/``),
which gets a ``MarkdownWriter`` with these helpers.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from samenspel.export import tables
from samenspel.export.blocks import Block, renderer_for
from samenspel.export.labels import decimal, figures, in_short, labels, long_date, short_date

_INLINE = re.compile(r"([\\`*_\[\]<>|~#&!{}])")


def escape(text: str) -> str:
    """Inline Markdown text; line breaks become hard breaks."""
    lines = []
    for line in (text or "").split("\n"):
        line = _INLINE.sub(r"\\\1", line.lstrip())  # emphasis, links, code, HTML, cells
        line = re.sub(r"^([-+=])", r"\\\1", line)  # bullet list, setext heading
        line = re.sub(r"^(\d+)([.)])", r"\1\\\2", line)  # numbered list
        lines.append(line)
    return "  \n".join(lines)


def cell(text: str) -> str:
    """Text inside a table cell: escaped, on one line (a break becomes <br>, which GitHub
    and most renderers show as a line break and which is our own, inert markup)."""
    return "<br>".join(escape(line) for line in (text or "").split("\n")) or " "


def table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    align = align or ["---"] * len(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


class MarkdownWriter:
    """What a block renderer needs to write Markdown: escaping, tables, the document's words."""

    escape = staticmethod(escape)
    cell = staticmethod(cell)
    table = staticmethod(table)

    def __init__(self, document: Mapping[str, Any]):
        self.document = document
        self.lang = document["lang"]
        self.words = labels(self.lang)

    def byline(self, author: Mapping[str, Any] | None) -> str:
        if not author:
            return ""
        who = (
            f"{escape(author['name'])} · {escape(author['role_name'])}"
            if author["name"]
            else escape(author["role_name"])
        )
        return f" — _{who}_"

    def nothing(self, block: Block) -> list[str]:
        """ "Nothing was filled in", for a block without content (not for a round not played)."""
        return [] if block["round"]["state"] == "not_played" else [f"_{self.words['nothing']}_", ""]

    def short_date(self, iso: str | None) -> str:
        return short_date(iso, self.lang)

    def decimal(self, value: float | None) -> str:
        return decimal(value, self.lang)


def render(document: Mapping[str, Any]) -> bytes:
    return "\n".join(_lines(document)).encode("utf-8")


def _lines(doc: Mapping[str, Any]) -> list[str]:
    md = MarkdownWriter(doc)
    lang, words = md.lang, md.words
    ini = doc["initiative"]
    draft = doc["status"] == "draft"
    out = [f"# {words['plan']}: {escape(ini['title'])}" + (f" ({words['draft']})" if draft else ""), ""]
    if draft:
        out += [f"> **{words['draft']}.** {words['draft_note']}", ""]
    if ini["question"]:
        out += [f"**{words['question']}:** {escape(ini['question'])}", ""]
    facts = [
        (words["place"], escape(ini["place"])),
        (words["date"], long_date(ini["date"], lang)),
        (words["game"], escape(doc["game"]["title"])),
        (words["participants"], str(doc["participants"]["total"])),
    ]
    out += ["  \n".join(f"**{label}:** {value}" for label, value in facts if value), ""]
    out += [f"## {words['in_short']}", ""]
    out += [f"- {words[key].format(**figures(doc))}" for key in in_short(doc)] + [""]
    people_done = False
    tables_after = tables.after_section(doc) if doc.get("tables") else False
    if tables_after is None:
        out += tables.markdown(doc, md)
    for section in doc["sections"]:
        out += [f"## {escape(section['heading'])}", ""]
        if not people_done and any(renderer_for(b["type"]).lists_participants for b in section["blocks"]):
            out += _people(doc, words)
            people_done = True
        for block in section["blocks"]:
            if len(section["blocks"]) > 1:
                out += [f"### {escape(block['round']['title'])}", ""]
            out += _block(block, md)
        if section["id"] == tables_after:
            out += tables.markdown(doc, md)
    if not people_done:
        out += [f"## {words['participants']}", ""] + _people(doc, words)
    out += _follow_up(doc, words, lang)
    out += [
        "---",
        "",
        f"_{words['made_with']} · {escape(doc['game']['title'])} · {words['code']} {escape(ini['code'])}_",
        "",
    ]
    return out


def _people(doc: Mapping[str, Any], words: Mapping[str, str]) -> list[str]:
    out = [f"_{words['participants_anonymous']}_", ""] if doc["anonymous"] else []
    rows = [
        [escape(r["name"]), str(r["count"]), cell(", ".join(r.get("names", [])))] for r in doc["participants"]["roles"]
    ]
    rows.append([f"**{words['total']}**", f"**{doc['participants']['total']}**", " "])
    return out + table([words["role"], words["participants"], " "], rows, ["---", "---:", "---"])


def _block(block: Block, md: MarkdownWriter) -> list[str]:
    renderer = renderer_for(block["type"])
    out = [f"_{escape(block['round']['prompt'])}_", ""] if renderer.shows_prompt else []
    state = block["round"]["state"]
    if state in ("not_played", "in_progress"):
        out += [f"_{md.words[state]}_", ""]
    if block["round"].get("at_tables"):  # its texts stand per table in the tables part
        return out + [f"_{md.words['at_tables_see']}_", ""]
    return out + renderer.markdown(block, md)


def _follow_up(doc: Mapping[str, Any], words: Mapping[str, str], lang: str) -> list[str]:
    follow = doc["follow_up"]
    out = [f"## {words['follow_up']}", ""]
    if follow["next"]:
        out += [f"### {words['next_steps']}", ""]
        out += [
            f"- **{short_date(s['due'], lang)}** {escape(s['what'])}"
            + (f" — {escape(s['owner'])}" if s["owner"] else "")
            for s in follow["next"]
        ] + [""]
    for key in ("without_owner", "without_date"):
        if follow[key]:
            out += [f"### {words[key]}", ""] + [f"- {s['number']}\\. {escape(s['what'])}" for s in follow[key]] + [""]
    if doc["summary"]["steps"] and not follow["without_owner"] and not follow["without_date"]:
        out += [words["all_set"], ""]
    return out
