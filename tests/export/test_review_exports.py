"""The plan of a follow-up session shows the reviewed steps with their old and new status,
owner and date in every format, read back with real readers (issue 13)."""

from __future__ import annotations

import json

import pytest

from samenspel.engine.document import build_document
from samenspel.export import render
from tests.export.conftest import NOW
from tests.support.readers import docx_sections, html_sections, markdown_sections, pdf_sections, squash
from tests.support.review import reviewed_session

READERS = {"md": markdown_sections, "docx": docx_sections, "html": html_sections, "pdf": pdf_sections}
EXPECTED = {
    "nl": [
        "Subsidie aanvragen",
        "nog niet begonnen",
        "vastgelopen",
        "Henk",
        "Karin",
        "Wacht op de gemeente",
        "Anna",
        "bezig",
        "klaar",
    ],
    "en": [
        "Subsidie aanvragen",
        "not started",
        "stuck",
        "Henk",
        "Karin",
        "Wacht op de gemeente",
        "Anna",
        "under way",
        "done",
    ],
}


@pytest.fixture(scope="module")
def documents():
    state = reviewed_session()
    return {lang: build_document(state, {"code": "ABCDEF", "title": "Moestuin"}, lang, now=NOW) for lang in EXPECTED}


@pytest.mark.parametrize("fmt", sorted(READERS))
@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_every_format_shows_was_and_now(documents, fmt, lang):
    document = documents[lang]
    sections = READERS[fmt](render(document, fmt), document)
    text = squash(sections["terugblik"])
    for expected in EXPECTED[lang]:
        assert squash(expected) in text, (fmt, lang, expected, text[:600])


def test_the_json_export_carries_the_review_block(documents):
    document = json.loads(render(documents["en"], "json"))
    block = next(b for s in document["sections"] for b in s["blocks"] if b["type"] == "review")
    assert [(s["status_before"], s["status"]) for s in block["steps"]] == [
        ("under_way", "done"),
        ("not_started", "not_started"),
        ("not_started", "stuck"),
    ]
