"""The plan as Markdown (CommonMark with GitHub tables), for a wiki, a repository or an email.

Every text typed by players is escaped: characters that would start emphasis, a link, code,
raw HTML or a table cell get a backslash, and so does a line that would start a heading,
a list or a quote. What a reader sees is exactly what was typed; nothing becomes markup.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

from samenspel.export.labels import decimal, labels, long_date, short_date

_INLINE = re.compile(r"([\\`*_\[\]<>|~#&!{}])")


def escape(text: str) -> str:
    """Inline Markdown text; line breaks become hard breaks."""
    lines = []
    for line in (text or "").split("\n"):
        line = _INLINE.sub(r"\\\1", line.lstrip())        # emphasis, links, code, HTML, cells
        line = re.sub(r"^([-+=])", r"\\\1", line)          # bullet list, setext heading
        line = re.sub(r"^(\d+)([.)])", r"\1\\\2", line)   # numbered list
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


def render(document: Mapping[str, Any]) -> bytes:
    return "\n".join(_lines(document)).encode("utf-8")


def _lines(doc: Mapping[str, Any]) -> list[str]:
    lang = doc["lang"]
    words = labels(lang)
    ini = doc["initiative"]
    draft = doc["status"] == "draft"
    out = [f"# {words['plan']}: {escape(ini['title'])}" + (f" ({words['draft']})" if draft else ""), ""]
    if draft:
        out += [f"> **{words['draft']}.** {words['draft_note']}", ""]
    if ini["question"]:
        out += [f"**{words['question']}:** {escape(ini['question'])}", ""]
    facts = [(words["place"], escape(ini["place"])), (words["date"], long_date(ini["date"], lang)),
             (words["game"], escape(doc["game"]["title"])), (words["participants"], str(doc["participants"]["total"]))]
    out += ["  \n".join(f"**{label}:** {value}" for label, value in facts if value), ""]
    summary = doc["summary"]
    out += [f"## {words['in_short']}", "",
            f"- {summary['participants']} {words['summary_participants']}",
            f"- {summary['ideas']} {words['summary_ideas']}, {summary['chosen']} {words['summary_chosen']}",
            f"- {summary['steps']} {words['summary_steps']}; {summary['steps_with_owner']} "
            f"{words['summary_owner']}, {summary['steps_with_date']} {words['summary_date']}", ""]
    people_done = False
    for section in doc["sections"]:
        out += [f"## {escape(section['heading'])}", ""]
        if not people_done and any(b["type"] == "introduce" for b in section["blocks"]):
            out += _people(doc, words)
            people_done = True
        for block in section["blocks"]:
            if len(section["blocks"]) > 1:
                out += [f"### {escape(block['round']['title'])}", ""]
            out += _block(block, words, lang)
    if not people_done:
        out += [f"## {words['participants']}", ""] + _people(doc, words)
    out += _follow_up(doc, words, lang)
    out += ["---", "", f"_{words['made_with']} · {escape(doc['game']['title'])} · {words['code']} "
            f"{escape(ini['code'])}_", ""]
    return out


def _people(doc: Mapping[str, Any], words: Mapping[str, str]) -> list[str]:
    out = [f"_{words['participants_anonymous']}_", ""] if doc["anonymous"] else []
    rows = [[escape(r["name"]), str(r["count"]), cell(", ".join(r.get("names", [])))]
            for r in doc["participants"]["roles"]]
    rows.append([f"**{words['total']}**", f"**{doc['participants']['total']}**", " "])
    return out + table([words["role"], words["participants"], " "], rows, ["---", "---:", "---"])


def _byline(author: Mapping[str, Any] | None) -> str:
    if not author:
        return ""
    who = f"{escape(author['name'])} · {escape(author['role_name'])}" if author["name"] else escape(author["role_name"])
    return f" — _{who}_"


def _state(block: Mapping[str, Any], words: Mapping[str, str]) -> list[str]:
    state = block["round"]["state"]
    return [f"_{words[state]}_", ""] if state in ("not_played", "in_progress") else []


def _empty(block: Mapping[str, Any], words: Mapping[str, str]) -> list[str]:
    return [] if block["round"]["state"] == "not_played" else [f"_{words['nothing']}_", ""]


def _block(block: Mapping[str, Any], words: Mapping[str, str], lang: str) -> list[str]:
    kind = block["type"]
    out = [] if kind in ("vote", "plan") else [f"_{escape(block['round']['prompt'])}_", ""]
    out += _state(block, words)
    if kind == "introduce":
        items = [f"- {escape(e['text'])}{_byline(e['author'])}" for e in block["entries"]]
        return out + (items + [""] if items else _empty(block, words))
    if kind == "cards":
        if not block["groups"]:
            return out + _empty(block, words)
        for group in block["groups"]:
            if block["group_by"]:
                label = escape(group["label"]) if group["label"] else words["other"]
                prefix = words["as_role"].capitalize() + " " if block["group_by"] == "as" else ""
                out += [f"### {prefix}{label}", ""]
            for card in group["cards"]:
                merged = f" ({words['merged'].format(n=card['merged'])})" if card.get("merged") else ""
                out.append(f"- {escape(card['text'])}{_byline(card['author'])}{merged}")
            out.append("")
        return out
    if kind == "vote":
        if not block["ideas"]:
            return out + _empty(block, words)
        out += [f"{c['rank']}. **{escape(c['text'])}** — {c['votes']} "
                f"{words['vote_unit'] if c['votes'] == 1 else words['votes_unit']}" for c in block["chosen"]]
        out += ["", f"### {words['all_ideas']}", ""]
        rows = [[cell(i["text"]), str(i["votes"]), words["chosen"] if i["chosen"] else ""] for i in block["ideas"]]
        out += table([words["idea"], words["votes"], words["chosen"]], rows, ["---", "---:", "---"])
        return out + [words["voters"].format(voters=block["voters"], votes=block["votes_cast"]), ""]
    if kind == "plan":
        if block["ideas"]:
            out += [f"**{words['chosen_ideas']}:**", ""]
            out += [f"{n}. {escape(i['text'])}" for n, i in enumerate(block["ideas"], 1)] + [""]
        if not block["steps"]:
            return out + _empty(block, words)
        rows = [[str(s["number"]), short_date(s["due"], lang) or f"_{words['no_date']}_", cell(s["what"]),
                 cell(s["owner"]) if s["owner"] else f"_{words['no_owner']}_", cell(", ".join(s["partners"])),
                 cell(s["needs"]), cell(s["idea"]["text"]) if s["idea"] else " "] for s in block["steps"]]
        return out + table([words["number"], words["due"], words["what"], words["owner"], words["partners"],
                            words["needs"], words["idea"]], rows,
                           ["---:", "---", "---", "---", "---", "---", "---"])
    if kind == "rate":
        if not block["respondents"]:
            return out + _empty(block, words)
        scale = words["reflection_scale"].format(min=block["scale"]["min"], max=block["scale"]["max"])
        rows = [[escape(i["label"]), decimal(i["average"], lang), str(i["count"])] for i in block["items"]]
        out += [f"**{scale}**", ""] + table([" ", words["average"], words["answers"]], rows, ["---", "---:", "---:"])
        out += [words["respondents"].format(n=block["respondents"]), ""]
        if block["words"]:
            out += [f"**{words['words']}:** " + ", ".join(escape(w) for w in block["words"]), ""]
        return out
    return out


def _follow_up(doc: Mapping[str, Any], words: Mapping[str, str], lang: str) -> list[str]:
    follow = doc["follow_up"]
    out = [f"## {words['follow_up']}", ""]
    if follow["next"]:
        out += [f"### {words['next_steps']}", ""]
        out += [f"- **{short_date(s['due'], lang)}** {escape(s['what'])}" + (f" — {escape(s['owner'])}" if s["owner"] else "")
                for s in follow["next"]] + [""]
    for key in ("without_owner", "without_date"):
        if follow[key]:
            out += [f"### {words[key]}", ""] + [f"- {s['number']}\\. {escape(s['what'])}" for s in follow[key]] + [""]
    if doc["summary"]["steps"] and not follow["without_owner"] and not follow["without_date"]:
        out += [words["all_set"], ""]
    return out
