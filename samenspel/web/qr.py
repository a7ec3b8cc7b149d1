"""QR codes as PNG (projector, print) and SVG (sharp at any size): of a session's join URL,
and of its read-only plan (shown at the end so everyone takes the plan home on their phone)."""
from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from flask import Blueprint, abort, send_file

from samenspel.web.lookup import find_session
from samenspel.web.urls import join_base_url, join_url

bp = Blueprint("qr", __name__)

TARGETS = {
    "qr": join_url,
    "plan-qr": lambda code: f"{join_base_url()}/s/{code}/plan",
}


def _qr(code: str, target: str) -> qrcode.QRCode:
    session = find_session(code)
    if session is None:
        abort(404)
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=20, border=2)
    qr.add_data(TARGETS[target](session.code))
    qr.make(fit=True)
    return qr


@bp.get("/s/<code>/<any(qr, 'plan-qr'):target>.png")
def qr_png(code: str, target: str):
    buffer = io.BytesIO()
    _qr(code, target).make_image().save(buffer, format="PNG")
    buffer.seek(0)
    return send_file(buffer, mimetype="image/png", max_age=300)


@bp.get("/s/<code>/<any(qr, 'plan-qr'):target>.svg")
def qr_svg(code: str, target: str):
    buffer = io.BytesIO()
    _qr(code, target).make_image(image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    buffer.seek(0)
    return send_file(buffer, mimetype="image/svg+xml", max_age=300)
