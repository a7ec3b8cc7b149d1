"""The introductions: one line per participant, next to the table of who took part."""

from __future__ import annotations

from samenspel.export.blocks.base import Block, BlockRenderer, register


@register
class Introductions(BlockRenderer):
    type = "introduce"
    lists_participants = True

    def markdown(self, block: Block, md) -> list[str]:
        items = [f"- {md.escape(e['text'])}{md.byline(e['author'])}" for e in block["entries"]]
        return items + [""] if items else md.nothing(block)

    def docx(self, block: Block, word) -> None:
        for entry in block["entries"]:
            word.item(entry["text"], word.byline(entry["author"]))
        if not block["entries"]:
            word.nothing(block)
