"""HTML pages: the start page, the phone, the projector, the console and a table's screen.

The pages are shells. Everything live is drawn by the ES modules in static/js/ from the
Socket.IO snapshot and broadcasts (docs/protocol.md); the server only renders what is
known before the connection (the session, the roles, the join address) and the UI strings.
"""

from __future__ import annotations

import re

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from samenspel.engine import wall
from samenspel.engine.errors import Rejected
from samenspel.engine.flow import EXTEND_MINUTES
from samenspel.engine.tables import names
from samenspel.engine.tables import setup as table_setup
from samenspel.export import DOWNLOADS
from samenspel.i18n import current_language
from samenspel.rules.mechanics import cards as cards_rules
from samenspel.services import context, people
from samenspel.services import create as creating
from samenspel.web.shared import UnknownCode, facilitator_required, query_args, session_or_404
from samenspel.web.urls import facilitator_url, join_base_url, join_url, plan_url, projector_url, table_join_url

bp = Blueprint("pages", __name__)
#: How often an open join page asks whether the session still takes newcomers (locked, full,
#: ended): a latecomer sees "closed" before typing, and "open" again once the facilitator unlocks.
DOOR_POLL_MS = 4_000


def _roles(lang: str, door) -> list[dict]:
    """The game's roles; ``open``: whether a newcomer can still choose it (it has room)."""
    with_room = {r.id for r in door.roles}
    return [
        {
            "id": r.id,
            "name": r.name.get(lang),
            "colour": r.colour,
            "description": r.description.get(lang),
            "open": r.id in with_room,
        }
        for r in door.every_role
    ]


# --- facilitator: start a session -------------------------------------------------------


@bp.get("/")
def start():
    return _render_start({}, {})


def _render_start(values: dict, errors: dict, status: int = 200):
    catalogue = context.current().catalogue
    lang = current_language()
    games = [
        {
            "id": gid,
            "title": g.title.get(lang),
            "summary": g.summary.get(lang),
            "minutes": g.minutes,
            "players_min": g.players_min,
            "players_max": g.players_max,
            "rounds": len(g.rounds),
        }
        for gid, g in catalogue.games.items()
    ]
    refused = [{"file": str(name), "problems": [str(p) for p in problems]} for name, problems in catalogue.refused]
    return render_template(
        "start.html",
        games=games,
        refused=refused,
        values=values,
        errors=errors,
        limits=creating.LIMITS,
        tables_limits=_tables_limits(),
        needs_password=bool(current_app.config.get("INSTANCE_PASSWORD")),
    ), status


@bp.post("/new")
def new():
    ctx = context.current()
    form = request.form
    values = {k: (form.get(k) or "").strip() for k in ("game", "title", "question", "place", *TABLE_FIELDS)}
    if ctx.config.get("INSTANCE_PASSWORD") and not creating.instance_password_ok(ctx, form.get("password") or ""):
        return _render_start(
            values, {"password": _("This password is not right. Ask the person who runs this server.")}, 400
        )
    # Say everything that is missing at once; the use case's checks do the rest.
    errors = {field: _field_message(field, Rejected("empty")) for field in creating.REQUIRED if not values[field]}
    if values["game"] not in ctx.catalogue.games:
        errors["game"] = _field_message("game", Rejected("unknown_game"))
    seating = _seating(values, errors)
    if not errors:
        try:
            fields = {k: values[k] for k in ("game", *creating.LIMITS)}
            created = creating.create(ctx, {**fields, **seating})
        except Rejected as rejected:
            field = rejected.params.get("field") or "game"
            errors[field] = _field_message(field, rejected)
    if errors:
        return _render_start(values, errors, 400)
    return redirect(facilitator_url(created.code, created.key), code=303)


#: the start page's table fields: off / a number of tables / people per table, the number, the mode
TABLE_FIELDS = ("tables_kind", "tables_number", "assign")


def _seating(values: dict, errors: dict) -> dict:
    """The form's tables as the create use case takes them (``tables``, ``assign``; nothing
    when off); a number that is not a whole number is said in ``errors``."""
    kind = values["tables_kind"]
    if kind not in ("count", "size"):
        return {}
    if not values["tables_number"].isdigit():
        errors["tables"] = _field_message("tables", Rejected("bad_request"))
        return {}
    return {"tables": {kind: int(values["tables_number"])}, "assign": values["assign"] or None}


def _field_message(field: str, rejected: Rejected) -> str:
    if field in ("tables", "assign"):
        limits = _tables_limits()
        return _(
            "Fill in a whole number: 1 to %(tables)d tables, or %(min)d to %(max)d people per table.",
            tables=limits["max_tables"],
            min=limits["min_size"],
            max=limits["max_size"],
        )
    if field == "game":
        return _("Choose a game from the list.")
    if rejected.code == "too_long":
        return _("Make this shorter: at most %(n)d characters.", n=creating.LIMITS.get(field, 0))
    if field == "title":
        return _("Give the session a short title, for example the name of the initiative.")
    if field == "question":
        return _("Write down the question you will work on together.")
    return _("Check this field.")


# --- phone ------------------------------------------------------------------------------


@bp.get("/j")
def join_code():
    code = "".join((request.args.get("code") or "").split()).upper()
    if code:
        return redirect(url_for("pages.phone", code=code))
    return render_template("join_code.html")


@bp.get("/j/<code>")
def phone(code: str):
    session = session_or_404(code)
    if session.code != code:
        return redirect(url_for("pages.phone", code=session.code, **query_args()))
    lang = current_language()
    door = people.door(context.current(), session.id)
    roles = _roles(lang, door)
    return render_template(
        "phone.html",
        session=session,
        roles=roles,
        closed=door.closed,
        page={
            "code": session.code,
            "lang": lang,
            "roles": roles,
            "join_api": url_for("api.join", code=session.code),
            "door_api": url_for("api.door", code=session.code),
            "door_poll_ms": DOOR_POLL_MS,
            "closed": door.closed,
            # joined through a table's QR code (its card or screen): the table the phone asks for
            "table": _table_arg(),
        },
    )


def _table_arg() -> int | None:
    """``?table=N`` of a table's join address, when it names a table that may exist."""
    value = request.args.get("table", "")
    return int(value) if value.isdigit() and 1 <= int(value) <= table_setup.MAX_TABLES else None


# --- projector and console ----------------------------------------------------------------


@bp.get("/s/<code>/projector")
def projector(code: str):
    session = session_or_404(code)
    return render_template(
        "projector.html",
        session=session,
        join_url=join_url(session.code),
        join_base=join_base_url().split("://", 1)[-1],
        join_base_parts=_join_base_parts(),
        qr_url=url_for("qr.qr_svg", code=session.code, target="qr"),
        # The end screen: a QR code of the read-only plan, and its address in words.
        page=_projector_page(session),
    )


def _join_base_parts() -> list[str]:
    """The join address without its scheme, in parts: the corner's address may wrap, but
    only after a dot or a colon."""
    return re.split(r"(?<=[.:])", join_base_url().split("://", 1)[-1])


def _projector_page(session) -> dict:
    """What the projector and a table's screen need before they connect."""
    return {
        "code": session.code,
        "lang": current_language(),
        "plan_qr_url": url_for("qr.qr_svg", code=session.code, target="plan-qr"),
        "plan_url": plan_url(session.code),
        # a full wall turns its pages by itself (static/js/wall-pager.js); a few categories
        # stand side by side (static/js/mechanics/cards.js)
        "wall": {
            "page_seconds": wall.PAGE_SECONDS,
            "new_seconds": wall.NEW_SECONDS,
            "side_by_side": cards_rules.SIDE_BY_SIDE_MOST,
        },
    }


@bp.get("/s/<code>/t/<int:table>")
def table_screen(code: str, table: int):
    """One table's wall, read-only, for a tablet on that table, with a QR code that joins
    straight into this table. Any table number the set-up allows: tables may be set up (or
    grow) after the tablet was put down; the page says when the table is not there (yet)."""
    session = session_or_404(code)
    if not 1 <= table <= table_setup.MAX_TABLES:
        raise UnknownCode()
    address = table_join_url(session.code, table)
    named = names.table(table)
    return render_template(
        "table_screen.html",
        session=session,
        table={"id": table, "name": named.name.get(current_language()), "colour": named.colour},
        join_url=address,
        join_base_parts=_join_base_parts(),
        qr_url=url_for("tables.qr_svg", code=session.code, table=table),
        page={**_projector_page(session), "table": table, "join_url": address},
    )


def _export_url(code: str, fmt: str, key: str) -> str:
    return url_for("plan.export", code=code, fmt=fmt, key=key, lang=current_language())


@bp.get("/s/<code>/console")
@facilitator_required
def console(session, key: str):
    response = current_app.make_response(
        render_template(
            "console.html",
            session=session,
            join_url=join_url(session.code),
            projector_url=projector_url(session.code),
            extend_minutes=EXTEND_MINUTES,
            plan_url=url_for("plan.page", code=session.code, key=key),
            publish_url=url_for("publish.review", code=session.code, key=key),
            # The end: the plan's address and QR code for everyone, the downloads for the facilitator.
            plan_public_url=plan_url(session.code),
            plan_qr_url=url_for("qr.qr_svg", code=session.code, target="plan-qr"),
            downloads=[{"fmt": fmt, "url": _export_url(session.code, fmt, key)} for fmt in DOWNLOADS],
            tables_limits=_tables_limits(),
            table_cards_url=url_for("tables.cards", code=session.code, key=key, lang=current_language()),
            page={"code": session.code, "key": key, "lang": current_language(), "tables": _tables_limits()},
        )
    )
    # The key is in the address: do not let it leak to other sites or caches.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def _tables_limits() -> dict:
    """What the console offers for tables (engine/tables/setup.py, the one source)."""
    return {**table_setup.limits(), "message_max": table_setup.MESSAGE_MAX}
