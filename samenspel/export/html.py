"""The plan as HTML, from templates/plan/plan.html: a standalone file (CSS inline), the web
plan page (CSS linked, for the Content-Security-Policy) and the input of the PDF.

Runs outside Flask: its own Jinja environment, autoescaped, strict about undefined names.
The frame is templates/plan/plan.html; each block is the template of its type next to its
renderer, samenspel/export/blocks/<type>.html (loaded as ``blocks/<type>.html``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Callable, Mapping

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from samenspel.config import PROJECT_ROOT
from samenspel.engine.document import TIMEZONE
from samenspel.export import blocks, tables
from samenspel.export.blocks.vote import dots
from samenspel.export.labels import decimal, figures, in_short, labels, long_date, short_date

TEMPLATE = "plan/plan.html"
CSS_DIR = PROJECT_ROOT / "static" / "css"
#: plan.css serves screen and paper; plan-screen.css only browsers (the PDF never loads it).
PRINT_CSS = ("plan.css",)
SCREEN_CSS = ("plan.css", "plan-screen.css")
#: On paper a group (a role's cards, an idea's offers, a chart) of at most this many lines
#: stays on one page; a longer one may run over to the next page, heading kept with its first
#: lines. Keeping a long one whole would push it to a new page and leave the page before
#: almost empty (a chart of 31 ideas left two lines on a page of their own).
KEEP_TOGETHER = 12


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader([str(PROJECT_ROOT / "templates"), str(blocks.FOLDER.parent)]),
        autoescape=select_autoescape(("html",), default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )


@lru_cache(maxsize=4)
def stylesheet(names: tuple[str, ...]) -> str:
    return "\n".join((CSS_DIR / name).read_text(encoding="utf-8") for name in names)


def css_string(text: str) -> str:
    """A CSS string literal that cannot break out of its quotes, whatever ``text`` is."""
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in text) + '"'


def page_rules(document: Mapping[str, Any]) -> str:
    """The paged-media rules that need words in the document's language (page x of y, draft);
    the running title itself comes from the h1 through string-set, never from CSS text."""
    words = labels(document["lang"])
    draft = document["status"] == "draft"
    right = (
        css_string(words["draft"].upper())
        if draft
        else css_string(long_date(document["initiative"]["date"], document["lang"]))
    )
    colour = "; color: #8a4b00; font-weight: 700" if draft else ""
    return (
        "@page { @top-right { content: " + right + colour + "; }\n"
        "  @bottom-right { content: "
        + css_string(words["page"] + " ")
        + " counter(page) "
        + css_string(" " + words["of"] + " ")
        + " counter(pages); }\n"
        "  @bottom-left { content: " + css_string(words["plan"] + " · " + document["game"]["title"]) + "; } }\n"
    )


def generated_text(document: Mapping[str, Any]) -> str:
    moment = dt.datetime.fromisoformat(document["generated_at"].replace("Z", "+00:00")).astimezone(TIMEZONE)
    return f"{long_date(moment.date().isoformat(), document['lang'])}, {moment:%H:%M}"


def in_short_lines(document: Mapping[str, Any]) -> list[Markup]:
    """The lines of "in short" with their figures in bold (the words are our own, not typed)."""
    words = labels(document["lang"])
    bold = {k: Markup("<strong>%s</strong>") % v for k, v in figures(document).items()}
    return [Markup(words[key]).format(**bold) for key in in_short(document)]


def _any(section: Mapping[str, Any], flag: str) -> bool:
    return any(getattr(blocks.renderer_for(b["type"]), flag) for b in section["blocks"])


def render_page(
    document: Mapping[str, Any],
    *,
    static_url: Callable[[str], str] | None = None,
    nav: Mapping[str, Any] | None = None,
    for_print: bool = False,
) -> str:
    """The plan page as a string. ``static_url`` (path under static/ -> URL) links the stylesheets
    instead of inlining them, as the web page must under its Content-Security-Policy;
    ``nav`` adds language and download links; ``for_print`` is the PDF's variant."""
    lang = document["lang"]
    template = environment().get_template(TEMPLATE)
    names = PRINT_CSS if for_print else SCREEN_CSS
    return template.render(
        doc=document,
        L=labels(lang),
        nav=nav,
        stylesheets=[static_url(f"css/{name}") for name in names] if static_url and not for_print else [],
        icon=static_url("img/favicon.svg") if static_url and not for_print else None,
        css=None if static_url and not for_print else stylesheet(names),
        page_css=page_rules(document) if for_print else None,
        generated=generated_text(document),
        long_date=lambda iso: long_date(iso, lang),
        short_date=lambda iso: short_date(iso, lang),
        decimal=lambda value: decimal(value, lang),
        in_short=in_short_lines(document),
        renderer=blocks.renderer_for,
        block_template=blocks.html_template,
        wide=lambda section: _any(section, "wide"),
        lists_participants=lambda section: _any(section, "lists_participants"),
        tables_after=tables.after_section(document) if document.get("tables") else False,
        people_line=tables.people_line,
        dots=lambda count: dots(count, labels(lang)),
        long=lambda lines: len(lines) > KEEP_TOGETHER,
    )


def render(document: Mapping[str, Any]) -> bytes:
    """A standalone HTML file: opens offline, in any browser, without the server."""
    return render_page(document).encode("utf-8")
