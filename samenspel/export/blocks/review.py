"""The review: every step the follow-up session went through, with its status, owner and
date before the review and now, who helps and the notes given (the "was → is" of the action
path). A table in every format; the steps themselves stay in the action path's block."""

from __future__ import annotations

from samenspel.export.blocks.base import Block, BlockRenderer, register

STATUSES = {
    "nl": {
        "not_started": "nog niet begonnen",
        "under_way": "bezig",
        "done": "klaar",
        "stuck": "vastgelopen",
        "dropped": "gestopt",
    },
    "en": {
        "not_started": "not started",
        "under_way": "under way",
        "done": "done",
        "stuck": "stuck",
        "dropped": "dropped",
    },
}


@register
class Review(BlockRenderer):
    type = "review"
    shows_prompt = False
    wide = True
    in_short = ("in_short_review",)
    labels = {
        "nl": {
            "review_number": "Nr.",
            "review_step": "Stap",
            "review_status": "Stand (was → nu)",
            "review_owner": "Trekker",
            "review_due": "Datum",
            "review_helpers": "Helpen mee",
            "review_notes": "Wat is nodig / waarom",
            "review_untouched": "niet besproken",
            "in_short_review": "{reviewed_steps} stappen besproken: {reviewed_done} klaar, {reviewed_stuck} "
            "vastgelopen, {reviewed_dropped} gestopt",
            **{f"review_{k}": v for k, v in STATUSES["nl"].items()},
        },
        "en": {
            "review_number": "No.",
            "review_step": "Step",
            "review_status": "Status (was → now)",
            "review_owner": "Owner",
            "review_due": "Date",
            "review_helpers": "Helping",
            "review_notes": "What is needed / why",
            "review_untouched": "not discussed",
            "in_short_review": "{reviewed_steps} steps discussed: {reviewed_done} done, {reviewed_stuck} stuck, "
            "{reviewed_dropped} dropped",
            **{f"review_{k}": v for k, v in STATUSES["en"].items()},
        },
    }

    @staticmethod
    def header(words) -> list[str]:
        return [words[f"review_{k}"] for k in ("number", "step", "status", "owner", "due", "helpers", "notes")]

    @staticmethod
    def changed(before, now, shown=str) -> str:
        before, now = shown(before) if before else "—", shown(now) if now else "—"
        return now if before == now else f"{before} → {now}"

    def row(self, step, words, date) -> list[str]:
        status = self.changed(step["status_before"], step["status"], lambda s: words[f"review_{s}"])
        if not step["reviewed"]:
            status += f" ({words['review_untouched']})"
        return [
            str(step["number"]),
            step["what"],
            status,
            self.changed(step["owner_before"], step["owner"]),
            self.changed(step["due_before"], step["due"], date),
            ", ".join(step["helpers"]),
            " / ".join(step["notes"]),
        ]

    def markdown(self, block: Block, md) -> list[str]:
        if not block["steps"]:
            return md.nothing(block)
        rows = [[md.cell(c) for c in self.row(s, md.words, md.short_date)] for s in block["steps"]]
        return md.table(self.header(md.words), rows, ["---:", "---", "---", "---", "---", "---", "---"])

    def docx(self, block: Block, word) -> None:
        if not block["steps"]:
            word.nothing(block)
            return
        rows = [self.row(s, word.words, word.short_date) for s in block["steps"]]
        word.table(self.header(word.words), rows, [12, 60, 40, 36, 30, 36, 58])
