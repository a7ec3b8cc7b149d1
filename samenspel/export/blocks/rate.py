"""The reflection: the average per item on the round's scale (a bar chart on the plan page
and in the PDF), the number of answers and the words.

The document lists a word once per answer (open data: "betrokken" three times when three
people gave it). A reader wants to see which words came up and how often, as the projector
shows them, so every format writes each word once with its count, most given first:
"hoopvol (7), betrokken (3), moe"."""

from __future__ import annotations

from typing import Iterable

from samenspel.export.blocks.base import Block, BlockRenderer, register


def word_counts(words: Iterable[str]) -> list[tuple[str, int]]:
    """Each word once with how often it was given, most given first, then alphabetically.
    Case does not count and the first spelling stays, as on the projector (``wordCounts`` in
    static/js/mechanics/rate.js)."""
    counts: dict[str, list] = {}
    for word in words:
        entry = counts.setdefault(word.casefold(), [word, 0])
        entry[1] += 1
    return sorted(((w, n) for w, n in counts.values()), key=lambda wn: (-wn[1], wn[0].casefold(), wn[0]))


def counted(word: str, count: int) -> str:
    """ "betrokken (3)"; a word given once stands alone."""
    return f"{word} ({count})" if count > 1 else word


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
        out = [f"**{scale}**", ""] + md.table(
            [" ", words["average"], words["answers"].capitalize()], rows, ["---", "---:", "---:"]
        )
        out += [words["respondents"].format(n=block["respondents"]), ""]
        if block["words"]:
            out += [
                f"**{words['words']}:** " + ", ".join(counted(md.escape(w), n) for w, n in self.grouped_words(block)),
                "",
            ]
        return out

    def docx(self, block: Block, word) -> None:
        if not block["respondents"]:
            word.nothing(block)
            return
        words = word.words
        word.para(words["reflection_scale"].format(min=block["scale"]["min"], max=block["scale"]["max"]), bold=True)
        word.table(
            ["", words["average"], words["answers"].capitalize()],
            [[i["label"], word.decimal(i["average"]), str(i["count"])] for i in block["items"]],
            [110, 30, 30],
        )
        word.para(words["respondents"].format(n=block["respondents"]), muted=True)
        if block["words"]:
            word.para(f"{words['words']}: " + ", ".join(counted(w, n) for w, n in self.grouped_words(block)))

    @staticmethod
    def grouped_words(block: Block) -> list[tuple[str, int]]:
        """The block's words, each once with its count (the HTML template asks for them too)."""
        return word_counts(block["words"])
