"""The vote: the chosen ideas with their rank, then every idea with its dots (a bar chart on
the plan page and in the PDF).

The players put dots ("stippen") on ideas, and the phone, the projector and the console
call them that; the plan uses the same word, never "stemmen" (votes), so a reader of the
plan recognises what happened in the room."""

from __future__ import annotations

from typing import Mapping

from samenspel.export.blocks.base import Block, BlockRenderer, from_table, register


def dots(count: int, words: Mapping[str, str]) -> str:
    """ "13 stippen", "1 stip": how every format writes an idea's dots (the vote block, the
    tables part)."""
    return f"{count} {words['vote_unit'] if count == 1 else words['votes_unit']}"


@register
class Vote(BlockRenderer):
    type = "vote"
    shows_prompt = False
    in_short = ("in_short_vote",)
    labels = {
        "nl": {
            "all_ideas": "Alle ideeën en hun stippen",
            "votes": "Stippen",
            "votes_unit": "stippen",
            "vote_unit": "stip",
            "voters": "{voters} deelnemers zetten samen {votes} stippen.",
            "in_short_vote": "{ideas} ideeën, {chosen} gekozen",
        },
        "en": {
            "all_ideas": "All ideas and their dots",
            "votes": "Dots",
            "votes_unit": "dots",
            "vote_unit": "dot",
            "voters": "{voters} participants placed {votes} dots.",
            "in_short_vote": "{ideas} ideas, {chosen} chosen",
        },
    }

    @staticmethod
    def tag(idea, md) -> str:
        """ " (uit Tafel Zeekraal)", escaped (escaping drops a leading space)."""
        tag = from_table(idea, md.words)
        return f" {md.escape(tag.strip())}" if tag else ""

    def markdown(self, block: Block, md) -> list[str]:
        if not block["ideas"]:
            return md.nothing(block)
        words = md.words
        out = [
            f"{c['rank']}. **{md.escape(c['text'])}**{self.tag(c, md)} — {dots(c['votes'], words)}"
            for c in block["chosen"]
        ]
        out += ["", f"### {words['all_ideas']}", ""]
        rows = [
            [md.cell(i["text"] + from_table(i, words)), str(i["votes"]), words["chosen"] if i["chosen"] else ""]
            for i in block["ideas"]
        ]
        out += md.table([words["idea"], words["votes"], words["chosen"]], rows, ["---", "---:", "---"])
        return out + [words["voters"].format(voters=block["voters"], votes=block["votes_cast"]), ""]

    def docx(self, block: Block, word) -> None:
        words = word.words
        for chosen in block["chosen"]:
            word.item(
                chosen["text"] + from_table(chosen, words),
                dots(chosen["votes"], words),
                style="List Number",
            )
        if not block["ideas"]:
            word.nothing(block)
            return
        word.heading(words["all_ideas"], 2)
        word.table(
            [words["idea"], words["votes"], words["chosen"]],
            [
                [i["text"] + from_table(i, words), str(i["votes"]), words["chosen"] if i["chosen"] else ""]
                for i in block["ideas"]
            ],
            [115, 25, 30],
        )
        word.para(words["voters"].format(voters=block["voters"], votes=block["votes_cast"]), muted=True)
