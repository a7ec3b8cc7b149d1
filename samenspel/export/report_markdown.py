"""The initiative report as Markdown (CommonMark with GitHub tables): the initiative,
progress, the action path now with each step's history, every session's outcome, the lessons.
Typed text goes through the plan's escaping (export/markdown.py), so it never becomes markup."""

from __future__ import annotations

from typing import Any, Mapping

from samenspel.export.blocks.vote import dots
from samenspel.export.formatting import long_date, short_date
from samenspel.export.markdown import cell, escape, table
from samenspel.export.report_labels import figure_lines, local_day, progress_line, words


def render(document: Mapping[str, Any]) -> bytes:
    return "\n".join(_lines(document)).encode("utf-8")


def _lines(doc: Mapping[str, Any]) -> list[str]:
    lang, w, ini = doc["lang"], words(doc["lang"]), doc["initiative"]
    out = [f"# {w['report']}: {escape(ini['title'])}", ""]
    if ini["question"]:
        out += [f"**{w['question']}:** {escape(ini['question'])}", ""]
    if ini["place"]:
        out += [f"**{w['place']}:** {escape(ini['place'])}", ""]
    progress = doc["progress"]
    out += [f"## {w['progress']}", "", f"**{progress_line(progress, lang)}** ({w['progress_note']})", ""]
    out += table(
        [w["date"], w["code"], *(w[s] for s in progress["by_status"])],
        [
            [long_date(p["date"], lang), escape(p["code"]), *(str(n) for n in p["by_status"].values())]
            for p in progress["sessions"]
        ],
    )
    out += [f"## {w['action_path']}", ""]
    if not doc["steps"]:
        out += [f"_{w['nothing']}_", ""]
    for step in doc["steps"]:
        head = f"### {step['number']}\\. {escape(step['what'])} — {w[step['status']]}"
        facts = [
            (w["owner"], escape(step["owner"]) or f"_{w['no_owner']}_"),
            (w["due"], short_date(step["due"], lang) or f"_{w['no_date']}_"),
            (w["partners"], escape(", ".join(step["partners"]))),
            (w["needs"], escape(step["needs"])),
            (w["idea"], escape(step["idea"] or "")),
        ]
        out += [head, "", "  \n".join(f"**{k}:** {v}" for k, v in facts if v), ""]
        if step["history"]:
            out += table(
                [w["date"], w["status"], w["history"]],
                [[short_date(local_day(h["at"]), lang), w[h["status"]], cell(h["note"])] for h in step["history"]],
            )
        else:
            out += [f"_{w['no_history']}_", ""]
    out += [f"## {w['sessions']}", ""]
    for session in doc["sessions"]:
        out += [f"### {long_date(session['date'], lang)} · {escape(session['game']['title'])}", ""]
        out += [f"**{escape(session['title'])}** ({w['code']} {escape(session['code'])})", ""]
        out += [f"- {line}" for line in figure_lines(session, lang)] + [""]
        if session["chosen"]:
            out += [f"**{w['chosen_ideas']}:**", ""]
            out += [f"{n}. {escape(c['text'])} ({dots(c['votes'], w)})" for n, c in enumerate(session["chosen"], 1)]
            out += [""]
        if session["steps"]:
            out += [f"**{w['steps_then']}:**", ""]
            out += table(
                [w["number"], w["what"], w["owner"], w["due"], w["status"]],
                [
                    [str(s["number"]), cell(s["what"]), cell(s["owner"]), short_date(s["due"], lang), w[s["status"]]]
                    for s in session["steps"]
                ],
            )
    out += [f"## {w['lessons']}", ""]
    if not doc["lessons"]:
        out += [f"_{w['no_lessons']}_", ""]
    for lesson in doc["lessons"]:
        out += [f"### {escape(lesson['round']['title'])}", ""]
        for group in lesson["groups"]:
            if group["label"]:
                out += [f"**{escape(group['label'])}**", ""]
            out += [
                f"- {escape(c['text'])}" + (f" — _{escape(c['author'])}_" if c["author"] else "")
                for c in group["cards"]
            ] + [""]
    out += ["---", "", f"_{w['made_with']}_", ""]
    return out
