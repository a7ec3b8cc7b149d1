"""Read each export back with a real reader and split it into the plan's sections, so tests
can say "this text is in that section": lxml for HTML, pypdf for PDF, python-docx for DOCX,
markdown-it for Markdown."""

from __future__ import annotations

import io
import re
from typing import Iterable

import lxml.html
from docx import Document as WordDocument
from markdown_it import MarkdownIt
from pypdf import PdfReader

from samenspel.engine.state import SessionState
from samenspel.export.labels import labels

FOLLOW_UP = "follow-up"


def squash(text: str) -> str:
    """Text without any white space: line wrapping differs per format, the letters do not.
    The hyphens a PDF adds where it breaks a word (U+2010, soft hyphens) go too."""
    return re.sub(r"[\s\u00ad\u2010]+", "", text or "")


def headings(document: dict) -> list[tuple[str, str]]:
    """(section id, heading) in document order, the follow-up section last."""
    return [(s["id"], s["heading"]) for s in document["sections"]] + [
        (FOLLOW_UP, labels(document["lang"])["follow_up"])
    ]


# --- HTML -------------------------------------------------------------------------------


def html_tree(body: bytes):
    return lxml.html.document_fromstring(body.decode("utf-8"))


def html_sections(body: bytes, document: dict) -> dict[str, str]:
    tree = html_tree(body)
    return {sid: tree.get_element_by_id(f"s-{sid}").text_content() for sid, _ in headings(document)}


# --- PDF --------------------------------------------------------------------------------


def pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)


def split_by_headings(text: str, document: dict, *, skip_contents: bool) -> dict[str, str]:
    """Cut flat text at the section headings (found in order). With ``skip_contents`` the
    first occurrence of every heading (the table of contents) is passed over first."""
    flat = squash(text)
    marks = headings(document)
    position = 0
    if skip_contents:
        for _, heading in marks:
            position = flat.index(squash(heading), position) + len(squash(heading))
    starts = []
    for sid, heading in marks:
        position = flat.index(squash(heading), position)
        starts.append((sid, position))
        position += len(squash(heading))
    ends = [start for _, start in starts[1:]] + [len(flat)]
    return {sid: flat[start:end] for (sid, start), end in zip(starts, ends)}


def pdf_sections(body: bytes, document: dict) -> dict[str, str]:
    return split_by_headings(pdf_text(body), document, skip_contents=True)


# --- DOCX -------------------------------------------------------------------------------


def docx_blocks(body: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph and table cell of the body, in order; a table
    comes out as one entry per cell with the style "table"."""
    word = WordDocument(io.BytesIO(body))
    paragraphs = {p._p: p for p in word.paragraphs}
    tables = {t._tbl: t for t in word.tables}
    out = []
    for child in word.element.body.iterchildren():
        if child in paragraphs:
            paragraph = paragraphs[child]
            out.append((paragraph.style.name, paragraph.text))
        elif child in tables:
            for row in tables[child].rows:
                for cell in row.cells:
                    out.append(("table", cell.text))
    return out


def docx_sections(body: bytes, document: dict) -> dict[str, str]:
    by_heading = {heading: sid for sid, heading in headings(document)}
    sections: dict[str, list[str]] = {}
    current = None
    for style, text in docx_blocks(body):
        if style == "Heading 1":
            current = by_heading.get(text)
            if current:
                sections[current] = []
            continue
        if current:
            sections[current].append(text)
    return {sid: "\n".join(texts) for sid, texts in sections.items()}


# --- Markdown ---------------------------------------------------------------------------


def markdown_html(body: bytes) -> str:
    """What a Markdown viewer shows: CommonMark with GitHub tables, raw HTML allowed (as
    GitHub and most viewers do), so escaping is what keeps typed text inert."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").render(body.decode("utf-8"))


def markdown_sections(body: bytes, document: dict) -> dict[str, str]:
    tree = lxml.html.document_fromstring("<html><body>" + markdown_html(body) + "</body></html>")
    by_heading = {squash(heading): sid for sid, heading in headings(document)}
    sections: dict[str, list[str]] = {}
    current = None
    for element in tree.body.iterchildren():
        if element.tag == "h2":
            current = by_heading.get(squash(element.text_content()))
            if current:
                sections[current] = []
            continue
        if current:
            sections[current].append(element.text_content())
    return {sid: "\n".join(texts) for sid, texts in sections.items()}


# --- what the session holds ---------------------------------------------------------------


def expected_texts(state: SessionState) -> list[tuple[str, str]]:
    """(section id, text) for every text a player submitted that belongs in the plan: every
    visible introduction, card, step field and reflection word. Ideas are expected twice:
    with the ideas and with the vote."""
    game = state.game
    votes = {r.settings["from_round"]: r.plan_section for r in game.rounds if r.mechanic == "vote"}
    out = []
    for item in state.items:
        rnd = game.round(item.round_id)
        if item.hidden or not rnd.plan_section:
            continue
        section = rnd.plan_section
        if item.kind in ("intro", "card"):
            out.append((section, item.data["text"]))
            if item.kind == "card" and rnd.id in votes:
                out.append((votes[rnd.id], item.data["text"]))
        elif item.kind == "step":
            out += [(section, item.data[f]) for f in ("what", "owner", "needs") if item.data.get(f)]
            out += [(section, p) for p in item.data.get("partners", [])]
        elif item.kind == "rating" and item.data.get("word"):
            out.append((section, item.data["word"]))
    return out


def missing(sections: dict[str, str], expected: Iterable[tuple[str, str]], *, clean=lambda t: t) -> list:
    """The expected texts not found (white space ignored) in their section."""
    squashed = {sid: squash(text) for sid, text in sections.items()}
    return [(sid, text) for sid, text in expected if squash(clean(text)) not in squashed.get(sid, "")]
