"""The plan as a Word document (python-docx), for an official to edit and paste into a memo.

Real structure, so Word's navigation pane, styles and accessibility checker work: the
title in the Title style, sections as Heading 1, groups as Heading 2, lists in list styles
and the action path as a real table (header row repeated on every page) in a landscape
section of its own. Header: the initiative (and DRAFT); footer: page x of y.
Text is stripped of the characters XML cannot hold before it goes in.

This module writes the frame; each block is written by its renderer (``export/blocks/``),
which gets the writer (``para``, ``heading``, ``item``, ``table``, ``byline``, ``nothing``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any, Mapping, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from samenspel.export import tables
from samenspel.export.blocks import Block, renderer_for
from samenspel.export.labels import decimal, figures, in_short, labels, long_date, short_date

ACCENT = RGBColor(0x15, 0x42, 0x73)
MUTED = RGBColor(0x54, 0x5D, 0x68)
WARN = RGBColor(0x8A, 0x4B, 0x00)
# XML 1.0 allows tab, line feed, carriage return and these ranges; anything else is dropped.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
LANG_TAGS = {"nl": "nl-NL", "en": "en-GB"}
BODY_PT = 10.5
#: a table cell's left and right margin together (Word's default: 1.9 mm each)
CELL_PADDING_MM = 5.0
#: a cell text of at most this many characters is kept on one line when there is room
WHOLE = 12


def xml_text(value: Any) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


def _em(ch: str) -> float:
    """A character's advance width in Arial, in em, by kind (close enough to size a column)."""
    if ch.isspace():
        return 0.28
    if ch.isdigit():
        return 0.56
    if ch.isupper():
        return 0.68
    return 0.25 if ch in "iljft.,:;'" else 0.53


def text_mm(text: str, size_pt: float = BODY_PT) -> float:
    """About how wide ``text`` is in Arial (Liberation Sans has the same metrics)."""
    return sum(_em(ch) for ch in text) * size_pt * 25.4 / 72


def _unbroken_mm(text: str, *, bold: bool) -> float:
    """The width of the longest part of ``text`` that should not break (bold: 10 % wider)."""
    parts = [text] if len(text) <= WHOLE else text.split()
    return max((text_mm(part) for part in parts), default=0) * (1.1 if bold else 1)


def fit_widths(widths_mm: Sequence[float], columns: Sequence[Sequence[str]], room_mm: float) -> list[float]:
    """The columns' widths on the page: the wanted widths, shrunk to the room when they add
    up to more, then each column widened to hold its longest word (Dutch writes long
    compounds: "Buurtbewonersvertegenwoordiging" should not break in the middle) with the
    room taken from columns that have more than their own longest word needs. A short value
    (a date, a number, a name: at most ``WHOLE`` characters) counts as one word, so
    "15 mei 2026" stays on one line."""
    scale = min(1.0, room_mm / sum(widths_mm))
    widths = [w * scale for w in widths_mm]
    needs = [
        max((_unbroken_mm(text, bold=row == 0) for row, text in enumerate(texts)), default=0) + CELL_PADDING_MM
        for texts in columns
    ]
    short = sum(max(0.0, n - w) for n, w in zip(needs, widths))
    spare = sum(max(0.0, w - n) for n, w in zip(needs, widths))
    if not short or not spare:
        return widths
    give = min(1.0, spare / short)  # the share of each shortfall that can be made up
    take = min(1.0, short / spare)  # the share of each column's spare room that is taken
    return [w + (n - w) * give if n > w else w - (w - n) * take for n, w in zip(needs, widths)]


class DocxWriter:
    def __init__(self, document: Mapping[str, Any]):
        self.doc = document
        self.lang = document["lang"]
        self.words = labels(self.lang)
        self.word = Document()
        self._setup()

    # --- page, styles, header and footer --------------------------------------------------

    def _setup(self) -> None:
        styles = self.word.styles
        normal = styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(BODY_PT)
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LANG_TAGS.get(self.lang, "nl-NL"))
        rpr.append(lang)
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
            styles[name].font.name = "Arial"
            styles[name].font.color.rgb = ACCENT
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(20), Mm(18)
        section.top_margin, section.bottom_margin = Mm(22), Mm(20)
        ini = self.doc["initiative"]
        header = section.header.paragraphs[0]
        self._run(header, ini["title"], size=8, colour=MUTED)
        if self.doc["status"] == "draft":
            self._run(header, "\t\t" + self.words["draft"].upper(), size=8, colour=WARN, bold=True)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._run(footer, f"{self.words['page']} ", size=8, colour=MUTED)
        self._field(footer, "PAGE")
        self._run(footer, f" {self.words['of']} ", size=8, colour=MUTED)
        self._field(footer, "NUMPAGES")
        props = self.word.core_properties
        props.title = xml_text(f"{self.words['plan']}: {ini['title']}")[:255]
        props.subject = xml_text(ini["question"])[:255]
        props.author = "Samenspel"
        props.language = LANG_TAGS.get(self.lang, "nl-NL")
        props.keywords = xml_text(self.doc["game"]["title"])
        props.created = dt.datetime.fromisoformat(self.doc["generated_at"].replace("Z", "+00:00"))

    def _run(self, paragraph, text: str, *, size: float | None = None, colour=None, bold=False, italic=False):
        run = paragraph.add_run(xml_text(text))
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
        if colour is not None:
            run.font.color.rgb = colour
        return run

    def _field(self, paragraph, instruction: str) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(8)
        for tag, attrs, text in (
            ("w:fldChar", {"w:fldCharType": "begin"}, None),
            ("w:instrText", {"xml:space": "preserve"}, f" {instruction} "),
            ("w:fldChar", {"w:fldCharType": "separate"}, None),
            ("w:t", {}, "1"),
            ("w:fldChar", {"w:fldCharType": "end"}, None),
        ):
            element = OxmlElement(tag)
            for key, value in attrs.items():
                element.set(qn(key), value)
            if text is not None:
                element.text = text
            run._r.append(element)

    # --- building blocks ------------------------------------------------------------------

    def para(self, text: str = "", *, style: str | None = None, muted=False, italic=False, bold=False):
        paragraph = self.word.add_paragraph(style=style)
        if text:
            self._run(paragraph, text, colour=MUTED if muted else None, italic=italic, bold=bold)
        return paragraph

    def heading(self, text: str, level: int):
        return self.word.add_heading(xml_text(text), level=level)

    def item(self, text: str, by: str = "", style: str = "List Bullet"):
        paragraph = self.para(text, style=style)
        if by:
            self._run(paragraph, f" — {by}", colour=MUTED, size=9)
        return paragraph

    def table(self, header: list[str], rows: list[list[str]], widths_mm: list[float] | None = None):
        """A table with a header row repeated on every page; no row breaks across pages.

        ``widths_mm``: each column's width (shrunk to the page when they add up to more), so a
        number or a date gets a narrow column and a text a wide one. Without them Word and
        LibreOffice give every column the same width, and "Wat" breaks mid-word while "Nr."
        stays empty."""
        table = self.word.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        head = table.rows[0]
        self._row_flag(head, "w:tblHeader")
        for cell, text in zip(head.cells, header):
            cell.text = ""
            self._run(cell.paragraphs[0], text, bold=True)
        for values in rows:
            row = table.add_row()
            self._row_flag(row, "w:cantSplit")
            for cell, text in zip(row.cells, values):
                cell.text = xml_text(text)
        if widths_mm:
            self._widths(table, widths_mm)
        self.para()
        return table

    @staticmethod
    def _row_flag(row, tag: str) -> None:
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(flag)

    def _widths(self, table, widths_mm: list[float]) -> None:
        """Column widths where every reader looks for them: LibreOffice lays a table out by
        its grid (``w:gridCol``), Word by the cells' widths (``w:tcW``) and the table's width;
        a fixed layout keeps Word from widening a column for a long word."""
        section = self.word.sections[-1]
        room = (section.page_width - section.left_margin - section.right_margin) / Mm(1)
        columns = [[cell.text for cell in column.cells] for column in table.columns]
        widths = [Mm(w) for w in fit_widths(widths_mm, columns, room)]
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width
        tbl_w = table._tbl.tblPr.find(qn("w:tblW"))  # python-docx writes one into every table
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(sum(w.twips for w in widths)))

    def byline(self, author: Mapping[str, Any] | None) -> str:
        if not author:
            return ""
        return f"{author['name']} · {author['role_name']}" if author["name"] else author["role_name"]

    def nothing(self, block: Block) -> None:
        """ "Nothing was filled in", for a block without content (not for a round not played)."""
        if block["round"]["state"] != "not_played":
            self.para(self.words["nothing"], muted=True)

    def short_date(self, iso: str | None) -> str:
        return short_date(iso, self.lang)

    def decimal(self, value: float | None) -> str:
        return decimal(value, self.lang)

    # --- the document ---------------------------------------------------------------------

    def write(self) -> bytes:
        doc, words, ini = self.doc, self.words, self.doc["initiative"]
        title = self.word.add_heading(xml_text(ini["title"]), level=0)
        title.insert_paragraph_before(xml_text(words["plan"].upper()), style="Normal").runs[0].font.color.rgb = MUTED
        if ini["question"]:
            self.para(ini["question"], style="Subtitle")
        facts = self.para()
        for label, value in (
            (words["place"], ini["place"]),
            (words["date"], long_date(ini["date"], self.lang)),
            (words["game"], doc["game"]["title"]),
            (words["participants"], str(doc["participants"]["total"])),
        ):
            if value:
                self._run(facts, f"{label}: ", bold=True)
                self._run(facts, f"{value}    ")
        if doc["status"] == "draft":
            self.para(words["draft_note"], bold=True).runs[0].font.color.rgb = WARN
        self.heading(words["in_short"], 1)
        for key in in_short(doc):
            self.item(words[key].format(**figures(doc)))
        people_done = False
        tables_after = tables.after_section(doc) if doc.get("tables") else False
        if tables_after is None:
            tables.docx(doc, self)
        for section in doc["sections"]:
            renderers = [renderer_for(b["type"]) for b in section["blocks"]]
            wide = any(r.wide for r in renderers)
            if wide:
                self._orientation(landscape=True)
            self.heading(section["heading"], 1)
            if not people_done and any(r.lists_participants for r in renderers):
                self.people()
                people_done = True
            for block in section["blocks"]:
                if len(section["blocks"]) > 1:
                    self.heading(block["round"]["title"], 2)
                self.block(block)
            if wide:
                self._orientation(landscape=False)
            if section["id"] == tables_after:
                tables.docx(doc, self)
        if not people_done:
            self.heading(words["participants"], 1)
            self.people()
        self.follow_up()
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()

    def _orientation(self, *, landscape: bool) -> None:
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        short, long = Mm(210), Mm(297)
        section.page_width, section.page_height = (long, short) if landscape else (short, long)

    def people(self) -> None:
        if self.doc["anonymous"]:
            self.para(self.words["participants_anonymous"], italic=True, muted=True)
        rows = [[r["name"], str(r["count"]), ", ".join(r.get("names", []))] for r in self.doc["participants"]["roles"]]
        rows.append([self.words["total"], str(self.doc["participants"]["total"]), ""])
        self.table([self.words["role"], self.words["participants"], ""], rows, [45, 25, 100])

    def block(self, block: Block) -> None:
        renderer = renderer_for(block["type"])
        if renderer.shows_prompt:
            self.para(block["round"]["prompt"], italic=True, muted=True)
        state = block["round"]["state"]
        if state in ("not_played", "in_progress"):
            self.para(self.words[state], muted=True)
        if block["round"].get("at_tables"):  # its texts stand per table in the tables part
            self.para(self.words["at_tables_see"], italic=True)
            return
        renderer.docx(block, self)

    def follow_up(self) -> None:
        words, follow = self.words, self.doc["follow_up"]
        self.heading(words["follow_up"], 1)
        if follow["next"]:
            self.heading(words["next_steps"], 2)
            for step in follow["next"]:
                self.item(f"{short_date(step['due'], self.lang)}: {step['what']}", step["owner"])
        for key in ("without_owner", "without_date"):
            if follow[key]:
                self.heading(words[key], 2)
                for step in follow[key]:
                    self.item(f"{step['number']}. {step['what']}")
        if self.doc["summary"]["steps"] and not follow["without_owner"] and not follow["without_date"]:
            self.para(words["all_set"])
        self.para(
            f"{words['made_with']} · {self.doc['game']['title']} · {words['code']} {self.doc['initiative']['code']}",
            muted=True,
        )


def render(document: Mapping[str, Any]) -> bytes:
    return DocxWriter(document).write()
