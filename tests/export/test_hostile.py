"""Hostile and awkward text (markup, script, formula injection, control characters, bidi
overrides, very long words, emoji, right-to-left scripts) is inert and readable in every
export: each format is read back with a real reader and checked for what a reader sees."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from samenspel.export import plan_steps
from samenspel.export.csv import FORMULA_START, Dialect
from tests.support.hostile import HOSTILE, LONG_WORD, VISIBLE
from tests.support.readers import docx_blocks, html_tree, markdown_html, pdf_text, squash

ACTIVE_TAGS = ("script", "img", "iframe", "object", "embed", "svg:script", "form", "input", "link", "meta", "style")


def typed_texts(document) -> set[str]:
    """Every hostile text the plan holds, as a reader must see it."""
    return {VISIBLE[key] for key in HOSTILE}


def test_the_corpus_reaches_every_field(hostile_doc):
    text = json.dumps(hostile_doc, ensure_ascii=False)
    for key, visible in VISIBLE.items():
        assert json.dumps(visible, ensure_ascii=False)[1:-1] in text, key
    steps = list(plan_steps(hostile_doc))
    assert {s["what"] for s in steps} == {VISIBLE[k] for k in ("hyperlink", "plus", "markdown", "ics", "long")}


def test_html_is_inert_and_shows_the_text(hostile_exports, hostile_doc):
    body = hostile_exports["html"]
    tree = html_tree(body)
    assert not tree.xpath("//script | //img | //iframe | //object | //embed | //form | //input")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [a for a in element.attrib if a.lower().startswith("on")], element.tag
        for attribute in ("href", "src"):
            assert not element.get(attribute, "").strip().lower().startswith("javascript:")
    assert b"<script" not in body.lower() and b"<img" not in body.lower()
    shown = squash(tree.text_content())
    for visible in typed_texts(hostile_doc):
        assert squash(visible) in shown, visible
    assert "\u202e" not in tree.text_content() and "\x1b" not in tree.text_content()


def test_html_long_words_wrap(hostile_exports):
    css = hostile_exports["html"].decode("utf-8")
    assert "overflow-wrap: anywhere" in css
    assert 'dir="auto"' in css  # right-to-left text gets its own direction


def test_pdf_shows_the_text_and_runs_nothing(hostile_exports, hostile_doc):
    body = hostile_exports["pdf"]
    text = pdf_text(body)
    shown = squash(text)
    for key in HOSTILE:
        if key in ("hebrew", "arabic"):
            continue  # extracted in visual order; checked below
        assert squash(VISIBLE[key]) in shown, key
    for key in ("hebrew", "arabic"):
        letters = {ch for ch in VISIBLE[key] if not ch.isspace()}
        assert letters <= set(text), key  # every letter is there (a font has the script)
    raw = body.replace(b"\n", b"")
    for marker in (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/SubmitForm", b"/OpenAction"):
        assert marker not in raw
    reader = PdfReader(io.BytesIO(body))
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert not str(action.get("/URI", "")).startswith(("javascript", "http://evil"))


def test_pdf_long_word_stays_on_the_page(hostile_exports):
    """A 200-letter word wraps inside its column instead of running off the page."""
    reader = PdfReader(io.BytesIO(hostile_exports["pdf"]))
    width = float(reader.pages[0].mediabox.width)
    found = False
    for page in reader.pages:
        runs = []
        page.extract_text(
            visitor_text=lambda text, cm, tm, font, size: runs.append((text, tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))
        )  # x on the page, in points
        for text, x in runs:
            if text.strip():
                assert 0 <= x < width, text
            if "Donaudampf" in text:
                found = True
                assert len(text.strip()) < len(LONG_WORD)  # it was broken over several lines
    assert found


def test_docx_holds_plain_text_only(hostile_exports, hostile_doc):
    body = hostile_exports["docx"]
    texts = "\n".join(text for _, text in docx_blocks(body))
    shown = squash(texts)
    for visible in typed_texts(hostile_doc):
        assert squash(visible) in shown, visible
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e]", texts)
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        rels = "".join(package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".rels"))
        assert 'TargetMode="External"' not in rels  # no links, no remote templates
        assert not [n for n in package.namelist() if n.endswith((".bin", "vbaProject.bin"))]  # no macros


def test_markdown_renders_as_text(hostile_exports, hostile_doc):
    from lxml import html as lxml_html

    rendered = markdown_html(hostile_exports["md"])
    tree = lxml_html.document_fromstring("<html><body>" + rendered + "</body></html>")
    assert not tree.xpath("//script | //img | //iframe | //a | //code | //del | //h1[position() > 1]")
    for element in tree.iter():
        if isinstance(element.tag, str):
            assert not [a for a in element.attrib if a.lower().startswith("on")]
    assert len(tree.xpath("//h1")) == 1
    shown = squash(tree.text_content())
    for visible in typed_texts(hostile_doc):
        assert squash(visible) in shown, visible


def test_markdown_tables_keep_their_columns(hostile_exports):
    from lxml import html as lxml_html

    tree = lxml_html.document_fromstring("<html><body>" + markdown_html(hostile_exports["md"]) + "</body></html>")
    for table in tree.xpath("//table"):
        widths = {len(row.xpath("./th | ./td")) for row in table.xpath(".//tr")}
        assert len(widths) == 1  # a | in typed text did not open a column


def test_csv_neutralises_formulas_and_keeps_the_text(hostile_exports, hostile_doc):
    rows = list(csv.reader(io.StringIO(hostile_exports["csv"].decode("utf-8-sig"), newline=""), dialect=Dialect))
    steps = list(plan_steps(hostile_doc))
    assert len(rows) == 1 + len(steps)
    for row in rows[1:]:
        assert len(row) == len(rows[0])
        for cell in row:
            assert not cell.lstrip(" ").startswith(FORMULA_START), cell
    for row, step in zip(rows[1:], steps):
        shown = [cell[1:] if cell.startswith("'") else cell for cell in row]
        assert shown[2] == step["what"] and shown[3] == step["owner"] and shown[5] == step["needs"]
        assert shown[4] == ", ".join(step["partners"])
    hyperlink = next(r for r in rows[1:] if "HYPERLINK" in r[2])
    assert hyperlink[2] == "'" + HOSTILE["hyperlink"]
    assert next(r for r in rows[1:] if r[2].endswith("SUM(1;2)"))[2] == "'+SUM(1;2)"
    assert any(r[3] == "'" + HOSTILE["minus"] for r in rows[1:])


@pytest.mark.parametrize(
    "cell,expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("2026-04-15", "2026-04-15"),
        ("a=b", "a=b"),
        ("", ""),
        (3, "3"),
        (None, ""),
    ],
)
def test_neutralise(cell, expected):
    from samenspel.export.csv import neutralise

    assert neutralise(cell) == expected


def test_ics_text_cannot_add_events_or_properties(hostile_exports, hostile_doc):
    calendar = Calendar.from_ical(hostile_exports["ics"])
    events = calendar.walk("VEVENT")
    steps = [s for s in plan_steps(hostile_doc) if s["due"]]
    assert len(events) == len(steps) == 5
    assert [str(e["summary"]) for e in events] == [s["what"] for s in steps]
    assert not any("nep" == str(e.get("summary")) for e in events)
    for event in events:
        assert set(event) <= {
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "DESCRIPTION",
            "STATUS",
            "TRANSP",
            "CATEGORIES",
        }
    assert str(calendar["x-wr-calname"]).endswith(VISIBLE["script"] + " " + VISIBLE["emoji"])


def test_json_round_trips_every_character(hostile_exports, hostile_doc, schema_validator):
    data = json.loads(hostile_exports["json"])
    assert data == hostile_doc
    assert not list(schema_validator.iter_errors(data))
    assert data["initiative"]["title"] == HOSTILE["script"] + " " + HOSTILE["emoji"]
