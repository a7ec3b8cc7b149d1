"""What a session at tables prints and scans: each table's join QR code (it seats a newcomer
at that table) and the table cards, one A5 page per table with its name, colour and QR code.

GET /s/<code>/t/<table>/qr.svg   the QR code of a table's join address (its screen shows it)
GET /s/<code>/tables.pdf?key=    the table cards (facilitator), rendered like the plan's PDF
                                 (samenspel/export/tablecards.py, in the export worker)
"""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from flask import Blueprint, Response, abort, send_file
from flask_babel import gettext as _

from samenspel.engine.tables import names
from samenspel.engine.tables.setup import MAX_TABLES
from samenspel.i18n import current_language
from samenspel.web.offload import render_export
from samenspel.web.shared import facilitator_required, session_or_404
from samenspel.web.urls import join_base_url, table_join_url

bp = Blueprint("tables", __name__)


def _qr(address: str) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=20, border=2)
    qr.add_data(address)
    qr.make(fit=True)
    return qr


def _svg(address: str) -> bytes:
    buffer = io.BytesIO()
    _qr(address).make_image(image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return buffer.getvalue()


@bp.get("/s/<code>/t/<int:table>/qr.svg")
def qr_svg(code: str, table: int):
    session = session_or_404(code)
    if not 1 <= table <= MAX_TABLES:
        abort(404)
    return send_file(io.BytesIO(_svg(table_join_url(session.code, table))), mimetype="image/svg+xml", max_age=300)


def table_count(session) -> int:
    """How many tables the session has now (0 without tables): its stored set-up."""
    return int((session.tables or {}).get("count") or 0)


@bp.get("/s/<code>/tables.pdf")
@facilitator_required
def cards(session, key: str):
    lang = current_language()
    count = table_count(session)
    document = {
        "lang": lang,
        "title": session.title,
        "code": session.code,
        "texts": {
            "scan": _("Scan the code to join this table"),
            "or_go": _("Or go to %(url)s and type the code", url=join_base_url().split("://", 1)[-1] + "/j"),
            "none": _("This session plays without tables. Set up tables on the console first."),
        },
        "cards": [
            {
                "name": table.name.get(lang),
                "colour": table.colour,
                "url": table_join_url(session.code, table.id),
                "qr_svg": _svg(table_join_url(session.code, table.id)).decode("utf-8"),
            }
            for table in names.tables(count)
        ],
    }
    response = Response(render_export(document, "tablecards"), content_type="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="tafelkaarten-{session.code.lower()}.pdf"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
