"""The plan leads with the action path: right after "In het kort", before the dream, the
interests and the ideas, in the document and in every format people read (issue 10: it was
on page 4 of 4). Checked with real readers: pypdf (which page), python-docx (paragraph
order), markdown-it and lxml (heading order)."""

from __future__ import annotations

import io

import lxml.html
import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from samenspel.engine.document import build_document
from samenspel.export import plan_steps, render
from samenspel.export.labels import labels
from tests.support.readers import markdown_html, squash
from tests.support.sample import NOW

ACTION_PATH = "actiepad"


def action_heading(document: dict) -> str:
    return next(s["heading"] for s in document["sections"] if s["id"] == ACTION_PATH)


def after_in_short(level_one: list[str], document: dict) -> str:
    """The heading that follows "In het kort" (the table of contents is skipped)."""
    words = labels(document["lang"])
    rest = level_one[level_one.index(words["in_short"]) + 1 :]
    return next(h for h in rest if h != words["contents"])


@pytest.fixture(scope="module", params=["nl", "en"])
def document(request, sample):
    state, info = sample
    return build_document(state, info, request.param, now=NOW)


def test_the_document_puts_the_action_path_first(document, sample):
    state, _ = sample
    ids = [s["id"] for s in document["sections"]]
    assert ids[0] == ACTION_PATH
    # The other sections keep the rules file's order.
    assert ids[1:] == [p.id for p in state.game.plan_sections if p.id != ACTION_PATH]


def test_docx_paragraphs_go_from_in_short_to_the_action_path(document):
    word = WordDocument(io.BytesIO(render(document, "docx")))
    level_one = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert after_in_short(level_one, document) == action_heading(document)


def test_markdown_goes_from_in_short_to_the_action_path(document):
    tree = lxml.html.fragment_fromstring(markdown_html(render(document, "md")), create_parent="div")
    level_two = [h.text_content() for h in tree.iter("h2")]
    assert after_in_short(level_two, document) == action_heading(document)


def test_the_plan_page_goes_from_in_short_to_the_action_path(document):
    tree = lxml.html.document_fromstring(render(document, "html").decode("utf-8"))
    level_two = [h.text_content().strip() for h in tree.iter("h2")]
    assert after_in_short(level_two, document) == action_heading(document)


def test_pdf_shows_the_action_path_on_page_one_or_two(document):
    pages = [squash(p.extract_text()) for p in PdfReader(io.BytesIO(render(document, "pdf"))).pages]
    steps = list(plan_steps(document))
    assert steps
    first = next(i for i, text in enumerate(pages) if squash(steps[0]["what"]) in text)
    assert first <= 1, f"the action path starts on page {first + 1} of {len(pages)}"
    # Every step is on that page or the next, before anything of the dream or the ideas.
    text = "".join(pages)
    dream = next(s for s in document["sections"] if s["id"] == "droombeeld")["blocks"][0]["groups"]
    assert max(text.index(squash(s["what"])) for s in steps) < text.index(squash(dream[0]["cards"][0]["text"]))
