"""The DOCX's tables as Word and LibreOffice lay them out: each column as wide as its content
asks (a narrow number and date, a wide what and idea), read back with python-docx from the
grid LibreOffice uses and the cell widths Word uses, then rendered by LibreOffice itself."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from pypdf import PdfReader

from samenspel.export.docx import fit_widths, text_mm
from tests.conftest import require

MM = 36000  # EMU per millimetre
LANDSCAPE_ROOM = 297 - 20 - 18  # mm between the margins of a landscape A4 page


def table_with(word, first: str):
    return next(t for t in word.tables if t.rows[0].cells[0].text == first)


def widths(table) -> list[float]:
    """The grid's column widths in mm (what LibreOffice lays out), after checking that every
    cell says the same (what Word lays out)."""
    grid = [column.width / MM for column in table.columns]
    for row in table.rows:
        assert [round(cell.width / MM, 1) for cell in row.cells] == [round(w, 1) for w in grid]
    layout = table._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"
    return grid


@pytest.fixture(scope="module")
def word(hall_exports):
    return WordDocument(io.BytesIO(hall_exports["nl"]["docx"]))


def test_action_path_columns_fit_their_content(word):
    table = table_with(word, "Nr.")
    number, due, what, owner, partners, needs, idea = widths(table)
    assert sum((number, due, what, owner, partners, needs, idea)) <= LANDSCAPE_ROOM + 0.5
    assert number < 14 and 22 < due < 30  # "Nr." and "15 mei 2026" need little
    assert min(what, partners, needs, idea) > 2.5 * number
    assert what > owner and idea > due
    # the longest word of a column fits in it: Dutch compounds do not break in the middle
    assert idea > text_mm("Buurtbewonersvertegenwoordiging")
    assert what > text_mm("Gebruiksovereenkomst")


def test_the_other_tables_give_the_text_the_room(word):
    idea, dots, chosen = widths(table_with(word, "Idee"))  # every idea and its dots
    assert idea > 3 * dots and idea > 3 * chosen
    role, count, names = widths(table_with(word, "Rol"))  # the participants
    assert names > 2 * role > 2 * count


def test_fit_widths_shrinks_to_the_page_and_widens_for_a_long_word():
    assert fit_widths([100, 100], [["a"], ["b"]], 150) == [75, 75]
    wide = fit_widths([20, 80], [["Buurtbewonersvertegenwoordiging"], ["kort"]], 100)
    assert wide[0] > text_mm("Buurtbewonersvertegenwoordiging") and sum(wide) == pytest.approx(100)
    assert fit_widths([20, 20], [["Buurtbewonersvertegenwoordiging"], ["Gemeenteraadsverkiezingen"]], 40) == [20, 20]


def test_libreoffice_lays_the_action_path_out_without_breaking_words(hall_exports, hall_docs, tmp_path):
    """Rendered by LibreOffice (as someone opening the file would see it): the number column
    is narrow, and no word of the action path is cut in two."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    require(office is not None, "LibreOffice (Debian: libreoffice-writer-nogui) is not installed")
    require(shutil.which("pdftotext") is not None, "pdftotext (Debian: poppler-utils) is not installed")
    source = tmp_path / "plan.docx"
    source.write_bytes(hall_exports["nl"]["docx"])
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"  # its own, beside any running office
    subprocess.run(
        [office, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "plan.pdf").read_bytes()
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
    number = next(n for n, text in enumerate(pages) if "Klaar op" in text)
    page = pages[number]
    plan = next(b for s in hall_docs["nl"]["sections"] for b in s["blocks"] if b["type"] == "plan")
    words = {w for s in plan["steps"] for w in (s["what"] + " " + (s["idea"] or {}).get("text", "")).split()}
    found = set(re.findall(r"[\wëï.]+", page))
    assert {w for w in words if len(w) > 11} <= found  # long words whole
    idea = "Buurtbewonersvertegenwoordiging"
    in_table = sum(1 for s in plan["steps"] if s["idea"] and s["idea"]["text"].startswith(idea))
    assert page.count(idea) == 1 + in_table  # the chosen ideas above the table, then each row
    # the header row's words, left to right: "Nr." close to "Klaar", the text columns wide
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(number + 1), "-l", str(number + 1), str(tmp_path / "plan.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    x = {}
    for left, top, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', bbox):
        x.setdefault(text, (float(left), float(top)))
    head = x["Nr."][1]
    assert abs(x["Klaar"][1] - head) < 2 and abs(x["Trekker"][1] - head) < 2
    pt_per_mm = 72 / 25.4
    assert (x["Klaar"][0] - x["Nr."][0]) / pt_per_mm < 16
    assert (x["Trekker"][0] - x["Klaar"][0]) / pt_per_mm > 60  # "Klaar op" and "Wat" before it
