"""The initiative report as an A4 PDF: its HTML (export/report_html.py) laid out by
WeasyPrint, tagged PDF/UA-1 like the plan's PDF (export/pdf.py)."""

from __future__ import annotations

from typing import Any, Mapping

from samenspel.config import PROJECT_ROOT
from samenspel.export.pdf import PDF_VARIANT
from samenspel.export.report_html import render_page


def render(document: Mapping[str, Any]) -> bytes:
    import weasyprint  # heavy: only imported when a PDF is asked for

    page = weasyprint.HTML(string=render_page(document, for_print=True), base_url=str(PROJECT_ROOT))
    return page.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
