"""The action path: the chosen ideas, then the steps as a table (landscape in DOCX, a page of
its own in the PDF); a row per step in the CSV and an all-day event per dated step in the
calendar."""

from __future__ import annotations

import datetime as dt

from samenspel.export.blocks.base import Block, BlockRenderer, Table, from_table, register


@register
class Plan(BlockRenderer):
    type = "plan"
    shows_prompt = False
    wide = True
    in_short = ("in_short_steps", "in_short_owners")
    labels = {
        "nl": {
            "chosen_ideas": "Gekozen ideeën",
            "number": "Nr.",
            "what": "Wat",
            "owner": "Trekker",
            "partners": "Met wie",
            "due": "Klaar op",
            "needs": "Wat is nodig",
            "no_owner": "nog niemand",
            "no_date": "geen datum",
            "for_idea": "Bij idee",
            "not_chosen": "niet gekozen",
            "calendar": "Actiepad",
            "in_short_steps": "{steps} stappen in het actiepad",
            "in_short_owners": "{steps_with_owner} met een trekker, {steps_with_date} met een datum",
        },
        "en": {
            "chosen_ideas": "Chosen ideas",
            "number": "No.",
            "what": "What",
            "owner": "Owner",
            "partners": "With whom",
            "due": "Done by",
            "needs": "What is needed",
            "no_owner": "nobody yet",
            "no_date": "no date",
            "for_idea": "For idea",
            "not_chosen": "not chosen",
            "calendar": "Action path",
            "in_short_steps": "{steps} steps in the action path",
            "in_short_owners": "{steps_with_owner} with an owner, {steps_with_date} with a date",
        },
    }

    #: The DOCX columns in mm (a landscape page holds 259): narrow for the number and the
    #: date, wide for what, with whom, what is needed and the idea.
    DOCX_WIDTHS = (11, 27, 56, 30, 40, 48, 47)

    @staticmethod
    def header(words) -> list[str]:
        return [
            words["number"],
            words["due"],
            words["what"],
            words["owner"],
            words["partners"],
            words["needs"],
            words["idea"],
        ]

    def markdown(self, block: Block, md) -> list[str]:
        out = []
        if block["ideas"]:
            out += [f"**{md.words['chosen_ideas']}:**", ""]
            out += [
                f"{n}. {md.escape(i['text'] + from_table(i, md.words))}" for n, i in enumerate(block["ideas"], 1)
            ] + [""]
        if not block["steps"]:
            return out + md.nothing(block)
        words = md.words
        rows = [
            [
                str(s["number"]),
                md.short_date(s["due"]) or f"_{words['no_date']}_",
                md.cell(s["what"]),
                md.cell(s["owner"]) if s["owner"] else f"_{words['no_owner']}_",
                md.cell(", ".join(s["partners"])),
                md.cell(s["needs"]),
                md.cell(s["idea"]["text"] + from_table(s["idea"], words)) if s["idea"] else " ",
            ]
            for s in block["steps"]
        ]
        return out + md.table(self.header(words), rows, ["---:", "---", "---", "---", "---", "---", "---"])

    def docx(self, block: Block, word) -> None:
        words = word.words
        if block["ideas"]:
            word.para(f"{words['chosen_ideas']}:", bold=True)
            for idea in block["ideas"]:
                word.item(idea["text"] + from_table(idea, words), style="List Number 2")
        if not block["steps"]:
            word.nothing(block)
            return
        word.table(
            self.header(words),
            [
                [
                    str(s["number"]),
                    word.short_date(s["due"]) or words["no_date"],
                    s["what"],
                    s["owner"] or words["no_owner"],
                    ", ".join(s["partners"]),
                    s["needs"],
                    (
                        s["idea"]["text"]
                        + from_table(s["idea"], words)
                        + ("" if s["idea"]["chosen"] else f" ({words['not_chosen']})")
                    )
                    if s["idea"]
                    else "",
                ]
                for s in block["steps"]
            ],
            self.DOCX_WIDTHS,
        )

    def csv(self, block: Block, sheet) -> list[Table]:
        """The documented columns (docs/exports.md); the table is there even without steps."""
        words = sheet.words
        header = [*self.header(words), words["chosen"], words["status"]]
        at_tables = bool(sheet.document.get("tables"))
        if at_tables:  # a session at tables: the table each step's idea came from
            header.append(words["table"])
        rows = []
        for step in block["steps"]:
            idea = step["idea"]
            rows.append(
                [
                    step["number"],
                    step["due"] or "",
                    step["what"],
                    step["owner"],
                    ", ".join(step["partners"]),
                    step["needs"],
                    idea["text"] if idea else "",
                    (words["yes"] if idea["chosen"] else words["no"]) if idea else "",
                    sheet.status,
                    *([(idea or {}).get("table", {}).get("name", "")] if at_tables else []),
                ]
            )
        return [(header, rows)]

    def ics(self, block: Block, cal) -> list:
        events = []
        for step in block["steps"]:
            if step["due"]:
                events.append(
                    cal.event(
                        f"step-{step['id']}",
                        dt.date.fromisoformat(step["due"]),
                        step["what"],
                        self.description(step, cal),
                        cal.words["calendar"],
                        remind=True,
                    )
                )
        return events

    @staticmethod
    def description(step, cal) -> str:
        words, lines = cal.words, []
        if step["owner"]:
            lines.append(f"{words['owner']}: {step['owner']}")
        if step["partners"]:
            lines.append(f"{words['partners']}: {', '.join(step['partners'])}")
        if step["needs"]:
            lines.append(f"{words['needs']}: {step['needs']}")
        if step["idea"]:
            lines.append(f"{words['idea']}: {step['idea']['text']}{from_table(step['idea'], words)}")
        lines.append(f"{words['plan']}: {cal.document['initiative']['title']}")
        return "\n".join(lines)
