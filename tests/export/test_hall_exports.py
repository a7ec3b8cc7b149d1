"""A full hall's plan (32 people, tests/support/hall_sample.py) in every format, read back with
a real reader: the dots are called dots, as on the phone and the projector, and the
reflection's words stand once each with how often they were given."""

from __future__ import annotations

import re

import pytest

from samenspel.engine.document import build_document
from samenspel.export import render
from samenspel.export.blocks.rate import word_counts
from samenspel.export.blocks.vote import dots
from samenspel.export.labels import labels
from tests.support.hall_sample import WORDS
from tests.support.readers import docx_blocks, html_tree, markdown_html, pdf_text, squash
from tests.support.sample import NOW
from tests.support.table_sample import table_session_state


def plain(fmt: str, body: bytes) -> str:
    """What a reader of the format sees, as text."""
    if fmt == "pdf":
        return pdf_text(body)
    if fmt == "docx":
        return "\n".join(text for _, text in docx_blocks(body))
    if fmt == "html":
        return html_tree(body).body.text_content()  # not the inline stylesheet
    if fmt == "md":
        return html_tree(markdown_html(body).encode("utf-8")).body.text_content()
    return body.decode("utf-8-sig")


#: the word the plan must not use for the dots, and the one it uses, per language
VOTES = {"nl": (r"\bstemmen\b|\b\d+ stem\b", "stippen"), "en": (r"\bvotes?\b", "dots")}


@pytest.mark.parametrize("lang", sorted(VOTES))
@pytest.mark.parametrize("fmt", ["pdf", "docx", "md", "html", "csv", "ics"])
def test_the_plan_calls_the_dots_dots(fmt, lang, hall_exports):
    text = plain(fmt, hall_exports[lang][fmt])
    wrong, right = VOTES[lang]
    assert not re.search(wrong, text, re.IGNORECASE), re.search(wrong, text, re.IGNORECASE)
    if fmt in ("pdf", "docx", "md", "html"):  # the vote block: "13 stippen", "Alle ideeën en hun stippen"
        assert f"13 {right}" in text
        assert labels(lang)["all_ideas"] in text and right in labels(lang)["all_ideas"]


@pytest.mark.parametrize("lang", sorted(VOTES))
def test_the_tables_part_calls_the_dots_dots(lang):
    """A session at tables: each table's chosen ideas with their dots, and the CSV's column."""
    state, info = table_session_state()
    document = build_document(state, info, lang, now=NOW)
    wrong, right = VOTES[lang]
    for fmt in ("md", "csv", "docx", "html"):
        text = plain(fmt, render(document, fmt))
        assert not re.search(wrong, text, re.IGNORECASE), (fmt, re.search(wrong, text, re.IGNORECASE))
        assert right in text.lower(), fmt


def test_dots_count_one_and_many():
    assert [dots(n, labels("nl")) for n in (0, 1, 13)] == ["0 stippen", "1 stip", "13 stippen"]
    assert [dots(n, labels("en")) for n in (1, 2)] == ["1 dot", "2 dots"]


def test_word_counts_group_the_same_word_most_given_first():
    assert word_counts(["moe", "Hoopvol", "hoopvol", "samen", "hoopvol", "moe", "blij"]) == [
        ("Hoopvol", 3),
        ("moe", 2),
        ("blij", 1),
        ("samen", 1),
    ]
    assert word_counts([]) == []


#: the hall's words as every format shows them, most given first
GROUPED = ["hoopvol (7)", "gehoord (4)", "betrokken (3)", "energiek (3)", "moe (3)"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md", "html"])
def test_reflection_words_stand_once_with_their_count(fmt, hall_exports, hall_docs):
    assert len(WORDS) == 30 and WORDS.count("hoopvol") == 6  # and "Hoopvol" once: the same word
    text = plain(fmt, hall_exports["nl"][fmt])
    flat = squash(text)
    places = [flat.find(squash(word)) for word in GROUPED]
    assert -1 not in places, [w for w, p in zip(GROUPED, places) if p == -1]
    assert places == sorted(places)  # most given first
    for word in ("hoopvol", "betrokken", "energiek", "toekomstbestendig", "verbonden"):
        assert text.lower().count(word) == 1, (word, text.lower().count(word))
    assert "trots" in text and "trots (1)" not in text  # a word given once stands alone
    # the document itself (JSON, open data) keeps one word per answer
    rate = next(b for s in hall_docs["nl"]["sections"] for b in s["blocks"] if b["type"] == "rate")
    assert len(rate["words"]) == 30
