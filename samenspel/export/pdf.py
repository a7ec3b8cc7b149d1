"""The plan as a print-ready A4 PDF: the HTML of the plan page, laid out by WeasyPrint.

Header (initiative, date or DRAFT), footer with page x of y, a table of contents with page
numbers, the action path on a page of its own, charts as inline SVG. The PDF is tagged
(PDF/UA-1) so screen readers can follow it, which Dutch public bodies need for documents
they publish.
"""

from __future__ import annotations

import logging
from typing import Any, Mapping

from samenspel.config import PROJECT_ROOT
from samenspel.export.html import render_page

#: PDF/UA-1 makes WeasyPrint tag the structure (headings, tables, lists) and embed the fonts.
PDF_VARIANT = "pdf/ua-1"

# WeasyPrint reports every layout step at INFO ("Step 5 - Creating layout - Page 3"), some
# thirty lines per export, and the app logs INFO. Keep them out unless someone asked.
_progress = logging.getLogger("weasyprint.progress")
if _progress.level == logging.NOTSET:
    _progress.setLevel(logging.WARNING)


def render(document: Mapping[str, Any]) -> bytes:
    import weasyprint  # heavy (Pango, fontTools): only imported when a PDF is asked for

    html = render_page(document, for_print=True)
    page = weasyprint.HTML(string=html, base_url=str(PROJECT_ROOT))
    return page.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
