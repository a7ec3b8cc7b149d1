"""The reflection: the average per item on the round's scale (a bar chart on the plan page
and in the PDF), the number of answers and the words."""

from __future__ import annotations

from samenspel.export.blocks.base import Block, BlockRenderer, register


@register
class Rate(BlockRenderer):
    type = "rate"
    labels = {
        "nl": {
            "reflection_scale": "Gemiddelde score op een schaal van {min} tot {max}",
            "average": "Gemiddeld",
            "answers": "antwoorden",
            "no_answers": "geen antwoorden",
            "respondents": "{n} deelnemers vulden de reflectie in.",
            "words": "In één woord",
        },
        "en": {
            "reflection_scale": "Average score on a scale from {min} to {max}",
            "average": "Average",
            "answers": "answers",
            "no_answers": "no answers",
            "respondents": "{n} participants filled in the reflection.",
            "words": "In one word",
        },
    }

    def markdown(self, block: Block, md) -> list[str]:
        if not block["respondents"]:
            return md.nothing(block)
        words = md.words
        scale = words["reflection_scale"].format(min=block["scale"]["min"], max=block["scale"]["max"])
        rows = [[md.escape(i["label"]), md.decimal(i["average"]), str(i["count"])] for i in block["items"]]
        out = [f"**{scale}**", ""] + md.table([" ", words["average"], words["answers"]], rows, ["---", "---:", "---:"])
        out += [words["respondents"].format(n=block["respondents"]), ""]
        if block["words"]:
            out += [f"**{words['words']}:** " + ", ".join(md.escape(w) for w in block["words"]), ""]
        return out

    def docx(self, block: Block, word) -> None:
        if not block["respondents"]:
            word.nothing(block)
            return
        words = word.words
        word.para(words["reflection_scale"].format(min=block["scale"]["min"], max=block["scale"]["max"]), bold=True)
        word.table(
            ["", words["average"], words["answers"]],
            [[i["label"], word.decimal(i["average"]), str(i["count"])] for i in block["items"]],
            [110, 30, 30],
        )
        word.para(words["respondents"].format(n=block["respondents"]), muted=True)
        if block["words"]:
            word.para(f"{words['words']}: " + ", ".join(block["words"]))
