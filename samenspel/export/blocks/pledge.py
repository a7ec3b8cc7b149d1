"""What the participants bring in ("Wie brengt wat in"), under each chosen idea: every offer
with what it is (time with its hours, materials, network, expertise, money with its amount),
its text and who made it. A table of offers in the CSV; a to-do per offer in the calendar
(offers have no date, so they are VTODOs, not events)."""

from __future__ import annotations

from icalendar import Todo

from samenspel.export.blocks.base import Block, BlockRenderer, Table, register
from samenspel.export.formatting import number


@register
class Pledges(BlockRenderer):
    type = "pledge"
    in_short = ("in_short_pledges",)
    labels = {
        "nl": {
            "pledge_heading": "Wie brengt wat in",
            "pledge_resource": "Soort",
            "pledge_who": "Wie",
            "pledge_hours": "Uren",
            "pledge_amount": "Bedrag (euro)",
            "pledge_none": "Nog niemand brengt hier iets voor in.",
            "pledge_not_chosen": "niet meer gekozen",
            "pledge_text": "Wat",
            "pledge_total": "Samen: {n} bijdragen",
            "pledge_total_hours": "{hours} uur",
            "pledge_total_amount": "€ {amount}",
            "hours_unit": "{n} uur",
            "amount_unit": "€ {n}",
            "resource_time": "Tijd",
            "resource_materials": "Materiaal",
            "resource_network": "Netwerk",
            "resource_expertise": "Kennis",
            "resource_money": "Geld",
            "in_short_pledges": "{pledges} bijdragen, samen {pledged_hours} uur",
        },
        "en": {
            "pledge_heading": "Who brings what",
            "pledge_resource": "Kind",
            "pledge_who": "Who",
            "pledge_hours": "Hours",
            "pledge_amount": "Amount (euro)",
            "pledge_none": "Nobody brings anything in for this yet.",
            "pledge_not_chosen": "no longer chosen",
            "pledge_text": "What",
            "pledge_total": "Together: {n} contributions",
            "pledge_total_hours": "{hours} hours",
            "pledge_total_amount": "€{amount}",
            "hours_unit": "{n} hours",
            "amount_unit": "€{n}",
            "resource_time": "Time",
            "resource_materials": "Materials",
            "resource_network": "Network",
            "resource_expertise": "Expertise",
            "resource_money": "Money",
            "in_short_pledges": "{pledges} contributions, {pledged_hours} hours in all",
        },
    }

    @staticmethod
    def what(pledge, words, lang: str) -> str:
        """ "Tijd (4 uur)", "Geld (€ 250)", "Materiaal"."""
        label = words.get(f"resource_{pledge['resource']}", pledge["resource"])
        if pledge["hours"] is not None:
            return f"{label} ({words['hours_unit'].format(n=number(pledge['hours'], lang))})"
        if pledge["amount"] is not None:
            return f"{label} ({words['amount_unit'].format(n=number(pledge['amount'], lang))})"
        return label

    @staticmethod
    def total(idea, words, lang: str) -> str:
        parts = [words["pledge_total"].format(n=len(idea["pledges"]))]
        if idea["hours"]:
            parts.append(words["pledge_total_hours"].format(hours=number(idea["hours"], lang)))
        if idea["amount"]:
            parts.append(words["pledge_total_amount"].format(amount=number(idea["amount"], lang)))
        return ", ".join(parts) + "."

    def markdown(self, block: Block, md) -> list[str]:
        if not block["ideas"]:
            return md.nothing(block)
        words, out = md.words, []
        for idea in block["ideas"]:
            suffix = "" if idea["chosen"] else f" ({words['pledge_not_chosen']})"
            out += [f"### {md.escape(idea['text'])}{suffix}", "", f"**{words['pledge_heading']}:**", ""]
            if not idea["pledges"]:
                out += [f"_{words['pledge_none']}_", ""]
                continue
            out += [
                f"- **{self.what(p, words, md.lang)}:** {md.escape(p['text'])}{md.byline(p['author'])}"
                for p in idea["pledges"]
            ]
            out += ["", self.total(idea, words, md.lang), ""]
        return out

    def docx(self, block: Block, word) -> None:
        if not block["ideas"]:
            word.nothing(block)
            return
        words = word.words
        for idea in block["ideas"]:
            word.heading(idea["text"] + ("" if idea["chosen"] else f" ({words['pledge_not_chosen']})"), 2)
            word.para(f"{words['pledge_heading']}:", bold=True)
            if not idea["pledges"]:
                word.para(words["pledge_none"], muted=True)
                continue
            for pledge in idea["pledges"]:
                word.item(f"{self.what(pledge, words, word.lang)}: {pledge['text']}", word.byline(pledge["author"]))
            word.para(self.total(idea, words, word.lang), muted=True)

    def csv(self, block: Block, sheet) -> list[Table]:
        """One row per offer; none when nobody brought anything in."""
        words = sheet.words
        rows = [
            [
                idea["text"],
                words["yes"] if idea["chosen"] else words["no"],
                words.get(f"resource_{p['resource']}", p["resource"]),
                p["text"],
                number(p["hours"], sheet.lang),
                number(p["amount"], sheet.lang),
                (p["author"] or {}).get("name") or "",
                (p["author"] or {}).get("role_name") or "",
                sheet.status,
            ]
            for idea in block["ideas"]
            for p in idea["pledges"]
        ]
        if not rows:
            return []
        header = [
            words["idea"],
            words["chosen"],
            words["pledge_resource"],
            words["pledge_text"],
            words["pledge_hours"],
            words["pledge_amount"],
            words["pledge_who"],
            words["role"],
            words["status"],
        ]
        return [(header, rows)]

    def ics(self, block: Block, cal) -> list:
        words, todos = cal.words, []
        for idea in block["ideas"]:
            for pledge in idea["pledges"]:
                author = pledge["author"] or {}
                who = " · ".join(x for x in (author.get("name"), author.get("role_name")) if x)
                lines = [f"{words['idea']}: {idea['text']}"] + ([f"{words['pledge_who']}: {who}"] if who else [])
                lines.append(f"{words['plan']}: {cal.document['initiative']['title']}")
                todo = Todo()
                todo.add("uid", cal.uid(f"pledge-{pledge['id']}"))
                todo.add("dtstamp", cal.stamp)
                todo.add("summary", f"{self.what(pledge, words, cal.lang)}: {pledge['text']}")
                todo.add("description", "\n".join(lines))
                todo.add("status", "NEEDS-ACTION")
                todo.add("categories", [words["pledge_heading"]])
                todos.append(todo)
        return todos
