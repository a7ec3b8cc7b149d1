"""The plan document's blocks: each mechanic writes its own block and publishes its schema;
each block type has one renderer per format, found in export/blocks/ by its type."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenspel.engine.document_schema import published_text
from samenspel.engine.mechanics import MECHANICS
from samenspel.export import docx, labels
from samenspel.export.blocks import RENDERERS, BlockRenderer, html_template, renderer_for
from samenspel.rules.model import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


def test_the_published_plan_schema_is_the_assembled_one():
    assert (ROOT / "docs" / "plan.schema.json").read_text(encoding="utf-8") == published_text(), (
        "run: python -m samenspel.engine.document_schema > docs/plan.schema.json"
    )


def test_every_renderer_renders_a_mechanics_block_and_has_its_html():
    assert set(RENDERERS) <= set(MECHANICS)
    for block_type, renderer in RENDERERS.items():
        assert renderer.type == block_type
        assert html_template(block_type), f"export/blocks/{block_type}.html"
    assert type(renderer_for("no-such-type")) is BlockRenderer  # the prompt only
    assert html_template("no-such-type") is None


def test_every_language_has_every_word():
    keys = {lang: set(labels.labels(lang)) for lang in LANGUAGES}
    assert set(labels.LABELS) == set(LANGUAGES) == set(labels.FILE_WORDS) == set(docx.LANG_TAGS)
    assert all(k == keys[LANGUAGES[0]] for k in keys.values())
    for renderer in RENDERERS.values():
        assert not renderer.labels or set(renderer.labels) == set(LANGUAGES), renderer.type
        for key in renderer.in_short:
            assert key in keys[LANGUAGES[0]], (renderer.type, key)


def test_a_block_word_may_not_change_a_word_of_the_frame(monkeypatch):
    class Clash(BlockRenderer):
        type = "clash"
        labels = {"nl": {"nothing": "Iets anders"}}

    monkeypatch.setitem(RENDERERS, "clash", Clash())
    labels._merged.cache_clear()
    try:
        with pytest.raises(ValueError, match="nothing"):
            labels.labels("nl")
    finally:
        monkeypatch.delitem(RENDERERS, "clash")
        labels._merged.cache_clear()
