"""The plan page and its downloads.

GET /s/<code>/plan               the read-only plan (shareable; also on the phones)
GET /s/<code>/export.<fmt>?key=  pdf, docx, md, csv, ics, json as an attachment (facilitator)

Both take ?lang=nl|en (else the visitor's language) and ?anonymous=1 (no first names).
Thin: find the session, get its document from the plan use case (services/plan.py), render
it (samenspel/export/).
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request, url_for

from samenspel.engine.errors import Rejected
from samenspel.export import DOWNLOADS, FORMATS, filename
from samenspel.export.html import render_page
from samenspel.i18n import LANGUAGES, current_language
from samenspel.services import access, context
from samenspel.services import plan as planning
from samenspel.web.offload import get_ready, render_export
from samenspel.web.shared import UnknownCode, facilitator_required, session_or_404

bp = Blueprint("plan", __name__)

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def _options(session) -> tuple[str, bool]:
    """Language, and anonymity: the facilitator's stored choice, or asked for in the link."""
    return current_language(), bool(session.plan_anonymous) or request.args.get("anonymous") == "1"


def _document(session, lang: str, anonymous: bool) -> dict:
    try:
        return planning.document(context.current(), session.id, lang, anonymous=anonymous)
    except Rejected as rejected:
        if rejected.code == "server_busy":
            raise
        raise UnknownCode() from None  # its game is no longer offered


@bp.get("/s/<code>/plan")
def page(code: str):
    session = session_or_404(code)
    lang, anonymous = _options(session)
    document = _document(session, lang, anonymous)
    extra = {"anonymous": "1"} if anonymous else {}
    key = request.args.get("key") or ""
    downloads = []
    if access.is_facilitator(session, key):
        get_ready()
        downloads = [
            {
                "label": fmt.upper(),
                "url": url_for("plan.export", code=session.code, fmt=fmt, key=key, lang=lang, **extra),
            }
            for fmt in DOWNLOADS
        ]
    languages = [
        {
            "lang": other,
            "label": LANGUAGE_NAMES[other],
            "current": other == lang,
            "url": url_for("plan.page", code=session.code, lang=other, **extra, **({"key": key} if key else {})),
        }
        for other in LANGUAGES
    ]
    html = render_page(
        document,
        static_url=lambda path: url_for("static", filename=path),
        nav={"languages": languages, "downloads": downloads},
    )
    response = Response(html, mimetype="text/html")
    response.headers["Referrer-Policy"] = "no-referrer"  # the address may hold the key
    return response


@bp.get("/s/<code>/export.<fmt>")
@facilitator_required
def export(session, key: str, fmt: str):
    # Issue 5 (publishing) may open the exports of a published plan to everyone.
    if fmt not in DOWNLOADS:
        abort(404)
    lang, anonymous = _options(session)
    # The document is read in its own short transaction, finished before the slow render.
    document = _document(session, lang, anonymous)
    response = Response(render_export(document, fmt), content_type=FORMATS[fmt].media_type)
    # The file name is ASCII (a slug and a date), so it needs no quoting beyond the quotes.
    response.headers["Content-Disposition"] = f'attachment; filename="{filename(document, fmt)}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
