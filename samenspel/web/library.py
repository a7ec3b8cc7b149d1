"""The public library (issue 14): ``/bibliotheek`` (search with ``?q=`` and the filters
theme, municipality, game, year, status), the themes (``/bibliotheek/themas``, a page per
theme at ``/bibliotheek/thema/<key>``), an entry's page, "Begin hiermee" (a form that
starts a new session from an entry and sends the facilitator to its console), the open
data (``export.json``, ``export.csv``), and moderation: the instance administrator hides,
whoever published an entry withdraws it. No login and no scripts on these pages."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request, url_for
from flask_babel import format_date, format_decimal

from samenspel.engine.errors import Rejected
from samenspel.engine.library.themes import ABOUT, STATUSES, THEMES, label
from samenspel.export import library as open_data
from samenspel.i18n import LANGUAGES, current_language
from samenspel.services import context, library
from samenspel.services import create as creating
from samenspel.web.urls import facilitator_url, for_phones, join_base_url

bp = Blueprint("library", __name__)


def _filters() -> dict:
    chosen = {}
    for name in library.FILTERS:
        value = (request.args.get(name) or "").strip()
        if value:
            chosen[name] = int(value) if name == "year" and value.isdigit() else value
    return chosen


def _page() -> int:
    page = request.args.get("page", "1")
    return int(page) if page.isdigit() else 1


@bp.get("/bibliotheek")
def index():
    q = (request.args.get("q") or "").strip()[:200]
    chosen, page = _filters(), _page()
    results = library.search(context.current(), q, chosen, page)
    labels = _labels()
    shown = {"theme": labels["theme_label"], "status": labels["status_label"], "game": _game_title}
    options = {
        name: [(value, shown.get(name, str)(value)) for value in values] for name, values in results.facets.items()
    }
    return render_template(
        "library/index.html",
        q=q,
        chosen=chosen,
        results=results,
        options=options,
        **labels,
        **_addresses("library.index", q=q, page=page, **chosen),
    )


@bp.get("/bibliotheek/themas")
def themes():
    """Every theme with what it is about and how many entries it has."""
    lang = current_language()
    listed = [
        (key, label(key, lang), label(key, lang, ABOUT), count)
        for key, count in library.theme_counts(context.current()).items()
    ]
    return render_template("library/themes.html", listed=listed, **_labels(), **_addresses("library.themes"))


@bp.get("/bibliotheek/thema/<key>")
def theme(key: str):
    """One theme's entries, newest first, a page at a time like the search."""
    if key not in THEMES:
        abort(404)
    lang, page = current_language(), _page()
    results = library.search(context.current(), "", {"theme": key}, page)
    return render_template(
        "library/theme.html",
        key=key,
        name=label(key, lang),
        about=label(key, lang, ABOUT),
        results=results,
        **_labels(),
        **_addresses("library.theme", key=key, page=page),
    )


def _game_title(game_id: str) -> str:
    game = context.current().catalogue.games.get(game_id)
    return game.title.get(current_language()) if game is not None else game_id


def _labels() -> dict:
    lang = current_language()
    return {
        "theme_label": lambda key: label(key, lang),
        "theme_url": lambda key: url_for("library.theme", key=key) if key in THEMES else None,
        "status_label": lambda key: label(key, lang, STATUSES),
        "themes": [(key, label(key, lang)) for key in THEMES],
        "licence_url": open_data.LICENCE_URL,
        "month_label": _month,
        "decimal": lambda value: format_decimal(value, format="0.0"),
    }


def _addresses(endpoint: str, **args) -> dict:
    """The page's canonical address (in the page's language, absolute like the export's
    entry addresses) and the same page in every language, for ``hreflang`` (``x-default``:
    without ``lang``, where the visitor's browser chooses). Empty arguments and page 1 are
    left out, so one page has one address."""
    args = {k: v for k, v in args.items() if v not in (None, "") and not (k == "page" and v == 1)}
    alternates = [(lang, for_phones(endpoint, **args, lang=lang)) for lang in LANGUAGES]
    return {
        "canonical": for_phones(endpoint, **args, lang=current_language()),
        "alternates": [*alternates, ("x-default", for_phones(endpoint, **args))],
    }


def _month(month: str) -> str:
    """``2026-03`` as people read it: "maart 2026", "March 2026"."""
    try:
        return format_date(dt.date.fromisoformat(f"{month}-01"), "LLLL y")
    except ValueError:
        return month or ""


@bp.get("/bibliotheek/<entry_id>")
def entry(entry_id: str):
    found = library.entry(context.current(), entry_id)
    if found is None:
        abort(404)
    ctx = context.current()
    return render_template(
        "library/entry.html",
        entry=found,
        doc=found.document,
        games=[(gid, g.title.get(current_language())) for gid, g in ctx.catalogue.games.items()],
        needs_password=bool(ctx.config.get("INSTANCE_PASSWORD")),
        error=request.args.get("error"),
        **_labels(),
        **_addresses("library.entry", entry_id=entry_id),
    )


@bp.post("/bibliotheek/<entry_id>/begin")
def begin(entry_id: str):
    """ "Begin hiermee": a new session with the entry's question and ideas; the console next."""
    ctx = context.current()
    form = request.form
    if ctx.config.get("INSTANCE_PASSWORD") and not creating.instance_password_ok(ctx, form.get("password") or ""):
        return redirect(url_for("library.entry", entry_id=entry_id, error="password") + "#begin", code=303)
    try:
        created = library.start_from(ctx, entry_id, form.to_dict(), request.remote_addr)
    except Rejected as rejected:
        if rejected.code == "not_found":
            abort(404)
        return redirect(url_for("library.entry", entry_id=entry_id, error="begin") + "#begin", code=303)
    return redirect(facilitator_url(created.code, created.key), code=303)


@bp.post("/bibliotheek/<entry_id>/hide")
def hide(entry_id: str):
    """The instance administrator hides an entry (``hidden=0`` shows it again)."""
    ctx = context.current()
    password = request.form.get("password") or ""
    if not ctx.config.get("INSTANCE_PASSWORD") or not creating.instance_password_ok(ctx, password):
        return _moderation_refused(entry_id)
    hidden = request.form.get("hidden", "1") != "0"
    if not library.hide(ctx, entry_id, hidden):
        abort(404)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(ok=True, hidden=hidden)
    return redirect(url_for("library.index"), code=303)


@bp.post("/bibliotheek/<entry_id>/withdraw")
def withdraw(entry_id: str):
    """Withdrawn for good: by the administrator, or by a facilitator key of the initiative."""
    ctx = context.current()
    password, key = request.form.get("password") or "", request.form.get("key") or ""
    admin = bool(ctx.config.get("INSTANCE_PASSWORD")) and creating.instance_password_ok(ctx, password)
    done = library.withdraw(ctx, entry_id) if admin else bool(key) and library.withdraw_by_key(ctx, entry_id, key)
    if not done:
        return _moderation_refused(entry_id)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(ok=True, withdrawn=True)
    return redirect(url_for("library.index"), code=303)


def _moderation_refused(entry_id: str):
    if request.accept_mimetypes.best == "application/json":
        return jsonify(ok=False, error="unauthorised"), 403
    return redirect(url_for("library.entry", entry_id=entry_id, error="moderation") + "#moderation", code=303)


def _export() -> dict:
    base = join_base_url()
    return library.export(
        context.current(),
        source=base + url_for("library.index"),
        url_of=lambda entry_id: base + url_for("library.entry", entry_id=entry_id),
    )


@bp.get("/bibliotheek/export.json")
def export_json():
    response = Response(open_data.render_json(_export()), mimetype="application/json")
    return _download(response, "samenspel-bibliotheek.json")


@bp.get("/bibliotheek/export.csv")
def export_csv():
    response = Response(open_data.render_csv(_export()), mimetype="text/csv; charset=utf-8")
    return _download(response, "samenspel-bibliotheek.csv")


def _download(response: Response, name: str) -> Response:
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Link"] = f'<{open_data.LICENCE_URL}>; rel="license"'
    response.headers["Cache-Control"] = "no-store"  # a withdrawn entry leaves at once
    response.headers["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response
