"""QR codes as PNG (projector, print) and SVG (sharp at any size): of a session's join URL,
and of its read-only plan (shown at the end so everyone takes the plan home on their phone);
``svg_bytes`` for other addresses (an owner's own link, web/owner.py)."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from flask import Blueprint, send_file

from samenspel.web.shared import session_or_404
from samenspel.web.urls import join_url, plan_url

bp = Blueprint("qr", __name__)

TARGETS = {"qr": join_url, "plan-qr": plan_url}


def _qr(code: str, target: str) -> qrcode.QRCode:
    session = session_or_404(code)
    return qr_of(TARGETS[target](session.code))


def qr_of(address: str) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=20, border=2)
    qr.add_data(address)
    qr.make(fit=True)
    return qr


def svg_bytes(address: str) -> bytes:
    """The QR code of ``address`` as SVG (an owner's own link: web/owner.py)."""
    buffer = io.BytesIO()
    qr_of(address).make_image(image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return buffer.getvalue()


@bp.get("/s/<code>/<any(qr, 'plan-qr'):target>.png")
def qr_png(code: str, target: str):
    buffer = io.BytesIO()
    _qr(code, target).make_image().save(buffer, format="PNG")
    buffer.seek(0)
    return send_file(buffer, mimetype="image/png", max_age=300)


@bp.get("/s/<code>/<any(qr, 'plan-qr'):target>.svg")
def qr_svg(code: str, target: str):
    session = session_or_404(code)
    return send_file(io.BytesIO(svg_bytes(TARGETS[target](session.code))), mimetype="image/svg+xml", max_age=300)
