"""Cards, grouped by role, by category or by the role written as (perspective swap)."""

from __future__ import annotations

from samenspel.export.blocks.base import Block, BlockRenderer, register


@register
class Cards(BlockRenderer):
    type = "cards"
    labels = {
        "nl": {"as_role": "als", "merged": "samengevoegd met {n} andere kaartje(s)"},
        "en": {"as_role": "as", "merged": "merged with {n} other card(s)"},
    }

    @staticmethod
    def heading(block: Block, group, words) -> str:
        prefix = words["as_role"].capitalize() + " " if block["group_by"] == "as" else ""
        return prefix + (group["label"] or words["other"])

    @staticmethod
    def merged(card, words) -> str:
        return f" ({words['merged'].format(n=card['merged'])})" if card.get("merged") else ""

    def markdown(self, block: Block, md) -> list[str]:
        if not block["groups"]:
            return md.nothing(block)
        out = []
        for group in block["groups"]:
            if block["group_by"]:
                label = md.escape(group["label"]) if group["label"] else md.words["other"]
                prefix = md.words["as_role"].capitalize() + " " if block["group_by"] == "as" else ""
                out += [f"### {prefix}{label}", ""]
            out += [
                f"- {md.escape(card['text'])}{md.byline(card['author'])}{self.merged(card, md.words)}"
                for card in group["cards"]
            ]
            out.append("")
        return out

    def docx(self, block: Block, word) -> None:
        for group in block["groups"]:
            if block["group_by"]:
                word.heading(self.heading(block, group, word.words), 2)
            for card in group["cards"]:
                word.item(card["text"] + self.merged(card, word.words), word.byline(card["author"]))
        if not block["groups"]:
            word.nothing(block)
