"""QR codes of a session's join URL, as PNG (projector, print) and SVG (sharp at any size)."""
from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from flask import Blueprint, abort, send_file

from samenspel.web.lookup import find_session
from samenspel.web.urls import join_url

bp = Blueprint("qr", __name__)


def _qr(code: str) -> qrcode.QRCode:
    session = find_session(code)
    if session is None:
        abort(404)
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=20, border=2)
    qr.add_data(join_url(session.code))
    qr.make(fit=True)
    return qr


@bp.get("/s/<code>/qr.png")
def qr_png(code: str):
    buffer = io.BytesIO()
    _qr(code).make_image().save(buffer, format="PNG")
    buffer.seek(0)
    return send_file(buffer, mimetype="image/png", max_age=300)


@bp.get("/s/<code>/qr.svg")
def qr_svg(code: str):
    buffer = io.BytesIO()
    _qr(code).make_image(image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    buffer.seek(0)
    return send_file(buffer, mimetype="image/svg+xml", max_age=300)
