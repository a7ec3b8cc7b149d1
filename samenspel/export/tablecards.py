"""Table cards: one A5 page per table, to stand on the table — its name in large type on its
colour, the QR code that joins straight into this table, and the address for those who type.
The document is made by web/tables.py (texts already in the page's language); WeasyPrint lays
it out like the plan's PDF (export/pdf.py), in the same export worker."""

from __future__ import annotations

import re
from html import escape
from typing import Any, Mapping

from samenspel.config import PROJECT_ROOT
from samenspel.export.pdf import PDF_VARIANT

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

STYLE = """
@page { size: A5 portrait; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; }
.card { page-break-after: always; height: 210mm; display: flex; flex-direction: column; }
.card:last-child { page-break-after: auto; }
.band { color: #fff; padding: 12mm 10mm 10mm; }
.band h1 { margin: 0; font-size: 30pt; line-height: 1.1; }
.band p { margin: 2mm 0 0; font-size: 12pt; }
.qr { text-align: center; margin: 10mm auto 4mm; width: 95mm; height: 95mm; }
.qr svg { width: 95mm; height: 95mm; }
.scan { text-align: center; font-size: 15pt; font-weight: bold; margin: 2mm 10mm; }
.url { text-align: center; font-size: 11pt; margin: 2mm 10mm; word-break: break-all; }
.code { text-align: center; font-size: 22pt; letter-spacing: 2pt; font-weight: bold; margin: 1mm 0; }
.none { padding: 20mm 12mm; font-size: 14pt; }
"""


def _svg(markup: str) -> str:
    """The QR code's SVG for inline use: no XML declaration, sized by the stylesheet."""
    markup = re.sub(r"<\?xml[^>]*\?>", "", markup)
    return re.sub(r'\s(width|height)="[^"]*"', "", markup, count=2)


def _card(card: Mapping[str, Any], document: Mapping[str, Any]) -> str:
    colour = card["colour"] if _COLOUR.match(card.get("colour") or "") else "#333333"
    texts = document["texts"]
    return (
        '<section class="card">'
        f'<div class="band" style="background:{colour}"><h1>{escape(card["name"])}</h1>'
        f"<p>{escape(document['title'])}</p></div>"
        f'<div class="qr">{_svg(card["qr_svg"])}</div>'
        f'<p class="scan">{escape(texts["scan"])}</p>'
        f'<p class="url">{escape(texts["or_go"])}</p>'
        f'<p class="code">{escape(document["code"])}</p>'
        "</section>"
    )


def page(document: Mapping[str, Any]) -> str:
    cards = document.get("cards") or []
    body = "".join(_card(c, document) for c in cards) or f'<p class="none">{escape(document["texts"]["none"])}</p>'
    title = escape(document["title"])
    return (
        f'<!doctype html><html lang="{escape(document.get("lang") or "nl")}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{STYLE}</style></head><body>{body}</body></html>"
    )


def render(document: Mapping[str, Any]) -> bytes:
    import weasyprint  # heavy: only when the cards are asked for

    html = weasyprint.HTML(string=page(document), base_url=str(PROJECT_ROOT))
    return html.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
