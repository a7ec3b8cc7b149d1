"""The initiative report as a Word document (python-docx), in the plan's styles: the title in
the Title style, parts as Heading 1, steps and sessions as Heading 2, real tables with a
repeated header row, footer with page x of y (the plan's DocxWriter, export/docx.py)."""

from __future__ import annotations

import io
from typing import Any, Mapping

from samenspel.export.blocks.vote import dots
from samenspel.export.docx import DocxWriter, xml_text
from samenspel.export.formatting import long_date, short_date
from samenspel.export.report_labels import figure_lines, local_day, progress_line, words


class ReportWriter(DocxWriter):
    def __init__(self, document: Mapping[str, Any]):
        ini = document["initiative"]
        # the plan's page, styles, header and footer take these fields of a plan document
        frame = {
            **document,
            "status": "final",
            "initiative": {**ini, "question": ini["question"]},
            "game": {"title": words(document["lang"])["report"]},
        }
        super().__init__(frame)
        self.report = document
        self.words = words(document["lang"])
        self.word.core_properties.title = xml_text(f"{self.words['report']}: {ini['title']}")[:255]

    def write(self) -> bytes:
        doc, w, lang, ini = self.report, self.words, self.lang, self.report["initiative"]
        title = self.word.add_heading(xml_text(ini["title"]), level=0)
        title.insert_paragraph_before(xml_text(w["report"].upper()), style="Normal")
        if ini["question"]:
            self.para(ini["question"], style="Subtitle")
        if ini["place"]:
            self.para(f"{w['place']}: {ini['place']}")
        progress = doc["progress"]
        self.heading(w["progress"], 1)
        self.para(progress_line(progress, lang), bold=True)
        self.para(w["progress_note"], muted=True)
        self.table(
            [w["date"], w["code"], *(w[s] for s in progress["by_status"])],
            [
                [long_date(p["date"], lang), p["code"], *(str(n) for n in p["by_status"].values())]
                for p in progress["sessions"]
            ],
        )
        self.heading(w["action_path"], 1)
        if not doc["steps"]:
            self.para(w["nothing"], muted=True)
        for step in doc["steps"]:
            self.heading(f"{step['number']}. {step['what']} — {w[step['status']]}", 2)
            for label, value in (
                (w["owner"], step["owner"] or w["no_owner"]),
                (w["due"], short_date(step["due"], lang) or w["no_date"]),
                (w["partners"], ", ".join(step["partners"])),
                (w["needs"], step["needs"]),
                (w["idea"], step["idea"] or ""),
            ):
                if value:
                    self.item(f"{label}: {value}")
            if step["history"]:
                self.table(
                    [w["date"], w["status"], w["history"]],
                    [[short_date(local_day(h["at"]), lang), w[h["status"]], h["note"]] for h in step["history"]],
                    [30, 35, 105],
                )
            else:
                self.para(w["no_history"], muted=True, italic=True)
        self.heading(w["sessions"], 1)
        for session in doc["sessions"]:
            self.heading(f"{long_date(session['date'], lang)} · {session['game']['title']}", 2)
            self.para(f"{session['title']} ({w['code']} {session['code']})", bold=True)
            for line in figure_lines(session, lang):
                self.item(line)
            if session["chosen"]:
                self.para(f"{w['chosen_ideas']}:", bold=True)
                for chosen in session["chosen"]:
                    self.item(f"{chosen['text']} ({dots(chosen['votes'], w)})", style="List Number")
            if session["steps"]:
                self.table(
                    [w["number"], w["what"], w["owner"], w["due"], w["status"]],
                    [
                        [str(s["number"]), s["what"], s["owner"], short_date(s["due"], lang), w[s["status"]]]
                        for s in session["steps"]
                    ],
                    [12, 70, 32, 28, 28],
                )
        self.heading(w["lessons"], 1)
        if not doc["lessons"]:
            self.para(w["no_lessons"], muted=True)
        for lesson in doc["lessons"]:
            self.heading(lesson["round"]["title"], 2)
            for group in lesson["groups"]:
                if group["label"]:
                    self.heading(group["label"], 3)
                for card in group["cards"]:
                    self.item(card["text"], card["author"])
        self.para(w["made_with"], muted=True)
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()


def render(document: Mapping[str, Any]) -> bytes:
    return ReportWriter(document).write()
