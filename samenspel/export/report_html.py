"""The initiative report as HTML, from templates/plan/report.html in the plan's Jinja
environment (export/html.py) with the plan's stylesheet: a standalone file, and the input of
the report's PDF (export/report_pdf.py)."""

from __future__ import annotations

from typing import Any, Mapping

from samenspel.export.blocks.vote import dots
from samenspel.export.formatting import long_date, short_date
from samenspel.export.html import PRINT_CSS, css_string, environment, generated_text, stylesheet
from samenspel.export.report_labels import figure_lines, local_day, progress_line, words

TEMPLATE = "plan/report.html"


def page_rules(document: Mapping[str, Any]) -> str:
    """Paged media: page x of y and the report's name, in the document's language."""
    w = words(document["lang"])
    return (
        "@page { @bottom-right { content: "
        + css_string(w["page"] + " ")
        + " counter(page) "
        + css_string(" " + w["of"] + " ")
        + " counter(pages); }\n"
        "  @bottom-left { content: " + css_string(w["report"]) + "; } }\n"
    )


def render_page(document: Mapping[str, Any], *, for_print: bool = False) -> str:
    lang = document["lang"]
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            doc=document,
            W=words(lang),
            css=stylesheet(PRINT_CSS),
            page_css=page_rules(document) if for_print else None,
            generated=generated_text(document),
            long_date=lambda iso: long_date(iso, lang),
            short_date=lambda iso: short_date(iso, lang),
            local_day=local_day,
            figure_lines=lambda session: figure_lines(session, lang),
            progress_line=lambda progress: progress_line(progress, lang),
            dots=lambda count: dots(count, words(lang)),
        )
    )


def render(document: Mapping[str, Any]) -> bytes:
    return render_page(document).encode("utf-8")
