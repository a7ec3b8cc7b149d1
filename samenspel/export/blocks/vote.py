"""The vote: the chosen ideas with their rank, then every idea with its votes (a bar chart on
the plan page and in the PDF)."""

from __future__ import annotations

from samenspel.export.blocks.base import Block, BlockRenderer, from_table, register


@register
class Vote(BlockRenderer):
    type = "vote"
    shows_prompt = False
    in_short = ("in_short_vote",)
    labels = {
        "nl": {
            "all_ideas": "Alle ideeën en hun stemmen",
            "votes": "Stemmen",
            "votes_unit": "stemmen",
            "vote_unit": "stem",
            "voters": "{voters} deelnemers brachten {votes} stemmen uit.",
            "in_short_vote": "{ideas} ideeën, {chosen} gekozen",
        },
        "en": {
            "all_ideas": "All ideas and their votes",
            "votes": "Votes",
            "votes_unit": "votes",
            "vote_unit": "vote",
            "voters": "{voters} participants cast {votes} votes.",
            "in_short_vote": "{ideas} ideas, {chosen} chosen",
        },
    }

    @staticmethod
    def unit(votes: int, words) -> str:
        return words["vote_unit"] if votes == 1 else words["votes_unit"]

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
            f"{c['rank']}. **{md.escape(c['text'])}**{self.tag(c, md)} — {c['votes']} {self.unit(c['votes'], words)}"
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
                f"{chosen['votes']} {self.unit(chosen['votes'], words)}",
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
