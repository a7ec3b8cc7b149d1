"""Every export of the sample plan, read back with a real reader: every submitted item is
there, in the right section, with its votes and its place in the action path."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from docx import Document as WordDocument
from icalendar import Calendar
from pypdf import PdfReader

from samenspel.export import FORMATS, filename, plan_steps, slug
from samenspel.export.csv import Dialect
from samenspel.export.labels import labels, short_date
from tests.support.readers import (
    docx_blocks,
    docx_sections,
    expected_texts,
    html_sections,
    markdown_sections,
    missing,
    pdf_sections,
    pdf_text,
    squash,
)

SECTIONED = {"html": html_sections, "pdf": pdf_sections, "docx": docx_sections, "md": markdown_sections}


def vote_block(document):
    return next(b for s in document["sections"] for b in s["blocks"] if b["type"] == "vote")


def rate_block(document):
    return next(b for s in document["sections"] for b in s["blocks"] if b["type"] == "rate")


@pytest.mark.parametrize("fmt", sorted(SECTIONED))
def test_every_submitted_text_is_in_its_section(fmt, exports, sample, sample_doc):
    state, _ = sample
    sections = SECTIONED[fmt](exports[fmt], sample_doc)
    expected = expected_texts(state)
    assert len(expected) == 74  # 12 introductions, 29 cards, 7 ideas again, 22 step fields, 4 words
    assert missing(sections, expected) == []


@pytest.mark.parametrize("fmt", sorted(SECTIONED))
def test_votes_and_chosen_ideas(fmt, exports, sample_doc):
    chosen_word = squash(labels("nl")["chosen"])
    section = squash(SECTIONED[fmt](exports[fmt], sample_doc)["gekozen"])
    vote = vote_block(sample_doc)
    for idea in vote["ideas"]:
        row = squash(idea["text"]) + str(idea["votes"])
        assert row in section, idea
        assert (row + chosen_word in section) == idea["chosen"], idea
    assert squash(labels("nl")["voters"].format(voters=12, votes=36)) in section


@pytest.mark.parametrize("fmt", sorted(SECTIONED))
def test_reflection_averages(fmt, exports, sample_doc):
    section = squash(SECTIONED[fmt](exports[fmt], sample_doc)["reflectie"])
    for label, average in (
        ("We luisterden naar elkaar", "4,5"),
        ("Het is duidelijk wie wat doet", "3,8"),
        ("Iedere stem telde even zwaar", "–"),
    ):
        assert squash(label) + average in section


@pytest.mark.parametrize("fmt", sorted(SECTIONED))
def test_action_path_in_date_order(fmt, exports, sample_doc):
    section = squash(SECTIONED[fmt](exports[fmt], sample_doc)["actiepad"])
    steps = list(plan_steps(sample_doc))
    positions = [section.index(squash(s["what"])) for s in steps]
    assert positions == sorted(positions)
    for step in steps:
        assert squash(short_date(step["due"], "nl")) in section


@pytest.mark.parametrize("fmt", sorted(SECTIONED))
def test_participants_by_role(fmt, exports, sample_doc):
    section = squash(SECTIONED[fmt](exports[fmt], sample_doc)["deelnemers"])
    for role in sample_doc["participants"]["roles"]:
        assert squash(role["name"] + str(role["count"]) + ", ".join(role["names"])) in section


def test_pdf_is_a4_with_page_numbers_header_and_metadata(exports, sample_doc):
    reader = PdfReader(io.BytesIO(exports["pdf"]))
    assert len(reader.pages) >= 4
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        assert f"Pagina {number} van {total}" in page.extract_text()
    assert "Moestuin met kas in de Noordpolder" in reader.pages[1].extract_text()  # running header
    assert reader.metadata.title.startswith("Actieplan: Moestuin met kas")
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA) for screen readers
    assert "CONCEPT" not in pdf_text(exports["pdf"]).upper().split()


def test_pdf_action_path_starts_on_its_own_page(exports, sample_doc):
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(exports["pdf"])).pages]
    page = next(i for i, text in enumerate(pages) if "Klaar op" in text)
    assert pages[page].split("\n")[0] == "Actiepad"  # the heading opens the page
    for step in plan_steps(sample_doc):  # five steps fit on the page: the table is not split
        assert squash(step["what"]) in squash(pages[page])
    assert page == 1 and "IN HET KORT" in pages[0].upper()  # the plan leads with it, after the summary


def test_draft_pdf_is_marked_on_every_page(draft_pdf, draft_doc):
    reader = PdfReader(io.BytesIO(draft_pdf))
    for page in reader.pages:
        assert "CONCEPT" in page.extract_text()
    assert labels("nl")["draft_note"] in squash(pdf_text(draft_pdf)) or squash(labels("nl")["draft_note"]) in squash(
        pdf_text(draft_pdf)
    )
    assert filename(draft_doc, "pdf").endswith("-concept.pdf")


def test_docx_has_real_headings_and_a_real_action_path_table(exports, sample_doc):
    word = WordDocument(io.BytesIO(exports["docx"]))
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Title", "Moestuin met kas in de Noordpolder") in styles
    heading_1 = [text for style, text in styles if style == "Heading 1"]
    for section in sample_doc["sections"]:
        assert section["heading"] in heading_1
    assert ("Heading 2", "Inwoner") in styles  # interests per role
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "Nr.")
    assert [c.text for c in table.rows[0].cells] == [
        "Nr.",
        "Klaar op",
        "Wat",
        "Trekker",
        "Met wie",
        "Wat is nodig",
        "Idee",
    ]
    assert (
        table.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
        is not None
    )
    steps = list(plan_steps(sample_doc))
    assert len(table.rows) == 1 + len(steps)
    for row, step in zip(table.rows[1:], steps):
        assert [c.text for c in row.cells][:6] == [
            str(step["number"]),
            short_date(step["due"], "nl"),
            step["what"],
            step["owner"],
            ", ".join(step["partners"]),
            step["needs"],
        ]
    orientations = [(s.page_width > s.page_height) for s in word.sections]
    assert True in orientations and orientations[0] is False  # the action path is in a landscape section
    assert word.core_properties.title == "Actieplan: Moestuin met kas in de Noordpolder"
    assert word.core_properties.language == "nl-NL"
    footer_xml = word.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml


def test_docx_lists_use_list_styles(exports):
    blocks = docx_blocks(exports["docx"])
    bullets = [text for style, text in blocks if style == "List Bullet"]
    assert any(text.startswith("Ik kook graag en heb thuis geen tuin.") for text in bullets)
    numbered = [text for style, text in blocks if style == "List Number"]
    assert numbered[0].startswith("Oogstmaaltijd elke maand in het buurthuis.")


def test_csv_has_every_step_in_the_documented_dialect(exports, sample_doc):
    body = exports["csv"]
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark, for Excel
    text = body.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect=Dialect))
    header, data = rows[0], rows[1:]
    assert header == ["Nr.", "Klaar op", "Wat", "Trekker", "Met wie", "Wat is nodig", "Idee", "Gekozen", "Status"]
    steps = list(plan_steps(sample_doc))
    assert len(data) == len(steps) == 5
    for row, step in zip(data, steps):
        assert row[:6] == [
            str(step["number"]),
            step["due"],
            step["what"],
            step["owner"],
            ", ".join(step["partners"]),
            step["needs"],
        ]
        assert row[6] == step["idea"]["text"]
        assert row[7] == ("ja" if step["idea"]["chosen"] else "nee")
        assert row[8] == "Definitief"


def test_ics_has_one_all_day_event_per_dated_step(exports, sample_doc, sample):
    calendar = Calendar.from_ical(exports["ics"])
    events = calendar.walk("VEVENT")
    steps = [s for s in plan_steps(sample_doc) if s["due"]]
    assert len(events) == len(steps) == 5
    for event, step in zip(events, steps):
        assert str(event["summary"]) == step["what"]
        assert event.decoded("dtstart").isoformat() == step["due"]
        assert (event.decoded("dtend") - event.decoded("dtstart")).days == 1
        assert str(event["uid"]) == f"npq7k3-step-{step['id']}@samenspel.invalid"
        description = str(event["description"])
        for text in [step["owner"], step["needs"], step["idea"]["text"], *step["partners"]]:
            assert text in description
        assert str(event["status"]) == "CONFIRMED"
    assert str(calendar["x-wr-calname"]) == "Actieplan: Moestuin met kas in de Noordpolder"


def test_ics_reminds_a_week_before_each_dated_step(exports, sample_doc):
    """Read back with icalendar: every step's event holds one display alarm, a week before."""
    events = Calendar.from_ical(exports["ics"]).walk("VEVENT")
    assert events
    for event in events:
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["action"]) == "DISPLAY"
        assert alarms[0]["trigger"].to_ical() in (b"-P7D", b"-P1W")
        assert alarms[0].decoded("trigger") == -dt.timedelta(days=7)
        assert str(alarms[0]["description"]) == str(event["summary"])


def test_ics_uids_are_stable_across_exports(sample):
    from samenspel.engine.document import build_document
    from samenspel.export import render

    state, info = sample
    first = Calendar.from_ical(render(build_document(state, info, "nl"), "ics"))
    again = Calendar.from_ical(render(build_document(state, info, "en"), "ics"))
    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [str(e["uid"]) for e in again.walk("VEVENT")]


def test_json_is_the_document_and_follows_the_schema(exports, sample_doc, schema_validator):
    data = json.loads(exports["json"].decode("utf-8"))
    assert data == sample_doc
    assert not list(schema_validator.iter_errors(data))
    assert "Moestuin met kas" in exports["json"].decode("utf-8")  # readable, not \u-escaped


def test_file_names_carry_initiative_date_and_draft(sample_doc, draft_doc):
    assert filename(sample_doc, "pdf") == "actieplan-moestuin-met-kas-in-de-noordpolder-2026-03-12.pdf"
    assert filename(draft_doc, "docx") == "actieplan-moestuin-met-kas-in-de-noordpolder-2026-03-12-concept.docx"
    english = {**sample_doc, "lang": "en", "status": "draft"}
    assert filename(english, "csv") == "action-plan-moestuin-met-kas-in-de-noordpolder-2026-03-12-draft.csv"
    hostile = {**sample_doc, "initiative": {**sample_doc["initiative"], "title": '../"a"\r\n; é<b>🌱'}}
    assert filename(hostile, "md") == "actieplan-a-e-b-2026-03-12.md"
    nothing = {**sample_doc, "initiative": {**sample_doc["initiative"], "title": "🌱🌱", "code": ""}}
    assert filename(nothing, "ics") == "actieplan-sessie-2026-03-12.ics"
    assert slug("x" * 80 + " y") == "x" * 60


def test_every_format_is_known(exports):
    assert set(exports) == set(FORMATS)
    assert exports["pdf"].startswith(b"%PDF-")
    assert exports["docx"].startswith(b"PK")


def test_english_plan(sample):
    from samenspel.engine.document import build_document
    from samenspel.export import render

    state, info = sample
    document = build_document(state, info, "en")
    html = render(document, "html").decode("utf-8")
    assert '<html lang="en">' in html and "Action path" in html and "Done by" in html
    assert "1 Apr 2026" in html and "4.5" in html
    markdown = render(document, "md").decode("utf-8")
    assert markdown.startswith("# Action plan: Moestuin met kas in de Noordpolder")


@pytest.mark.parametrize("game_id", ["het-nieuwe-samenspel", "samenspel-avond-60", "wijkuitvoeringsplan"])
def test_every_game_exports_in_every_format(game_id, schema_validator):
    from samenspel.config import PROJECT_ROOT
    from samenspel.engine.document import build_document
    from samenspel.export import render
    from samenspel.rules.loader import load_game
    from tests.export.test_document import played

    state = played(load_game(PROJECT_ROOT / "game_rules" / f"{game_id}.yaml"))
    document = build_document(
        state, {"code": "ABC234", "title": "Straat", "question": "Hoe?", "place": "", "created_ms": 0}, "nl"
    )
    texts = [i.data["text"] for i in state.items if i.kind in ("intro", "card")]
    readers = {
        "html": lambda b: b.decode("utf-8"),
        "pdf": pdf_text,
        "md": lambda b: b.decode("utf-8"),
        "docx": lambda b: "\n".join(t for _, t in docx_blocks(b)),
    }
    for fmt in FORMATS:
        body = render(document, fmt)
        if fmt in readers:
            shown = squash(readers[fmt](body))
            assert all(squash(t) in shown for t in texts), fmt


def test_an_empty_session_exports_in_every_format(sample):
    from samenspel.engine.document import build_document
    from samenspel.engine.flow import Flow
    from samenspel.engine.state import SessionState
    from samenspel.export import render

    state, info = sample
    document = build_document(SessionState(state.game, Flow(), (), ()), info, "nl")
    for fmt in FORMATS:
        assert render(document, fmt)
    html = render(document, "html").decode("utf-8")
    assert html.count(labels("nl")["not_played"]) == len(state.game.rounds)
    assert len(Calendar.from_ical(render(document, "ics")).walk("VEVENT")) == 0
