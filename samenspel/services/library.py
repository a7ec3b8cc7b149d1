"""The library's use cases (issue 14): publishing a played session's initiative, searching
and reading the public entries, the open-data export, starting a new session from an entry
("Begin hiermee"), importing another instance's export, and moderation.

What may be published is decided in engine/library/publish.py; the entries and their
full-text search live in store/library.py. The plan is read with the participants' names
(never published) so the checks can flag them; names of people who left are added from
the participants table.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, Mapping

from jsonschema import Draft202012Validator

from samenspel.engine.apply import Action, apply
from samenspel.engine.document import build_document
from samenspel.engine.errors import Rejected
from samenspel.engine.initiative_document import build_initiative_document, lesson_rounds
from samenspel.engine.library import publish as publishing
from samenspel.engine.library import seed
from samenspel.engine.library.themes import STATUSES, THEMES
from samenspel.engine.views import FACILITATOR
from samenspel.export import library as open_data
from samenspel.services import create as creating
from samenspel.services.context import Context
from samenspel.services.plan import document_info
from samenspel.services.unit import reading, writing
from samenspel.store import library as entries
from samenspel.store.clock import now_ms
from samenspel.store.initiatives import opened_by_key, sessions_of
from samenspel.store.models import Initiative, LibraryEntry
from samenspel.store.sessions import find_by_code

#: the filters the pages offer (store/library.py)
FILTERS = entries.FILTERS
#: entries on one page of results
PAGE_SIZE = 20
#: the longest title a session started from an entry gets (from its question)
TITLE_FROM_QUESTION = 80


@dataclass(frozen=True)
class Entry:
    """One entry as the pages and exports show it."""

    id: str
    document: dict
    source: str
    licence: str
    created_ms: int

    @property
    def published(self) -> str:
        return dt.datetime.fromtimestamp(self.created_ms / 1000, dt.timezone.utc).date().isoformat()


def _entry(row: LibraryEntry) -> Entry:
    return Entry(row.id, dict(row.document), row.source, row.licence, row.created_ms)


# --- publishing -------------------------------------------------------------------------


def material(ctx: Context, session_id: int, lang: str) -> tuple[dict, dict | None, tuple, int | None]:
    """The session's plan (with names), its initiative's report when the initiative has more
    than this session or any progress, every name seen in the initiative, its id."""
    with reading(ctx, session_id) as unit:
        state = unit.state()
        plan = build_document(state, document_info(unit.session), lang)
        initiative_id = unit.session.initiative_id
        sessions = sessions_of(unit.db, initiative_id) if initiative_id is not None else [unit.session]
        ids = [s.id for s in sessions]
        names = entries.participant_names(unit.db, ids)
        initiative = unit.db.get(Initiative, initiative_id) if initiative_id is not None else None
        fields = {
            "id": initiative_id,
            "title": initiative.title if initiative else unit.session.title,
            "question": initiative.question if initiative else unit.session.question,
            "place": initiative.place if initiative else unit.session.place,
        }
        lessons = lesson_rounds(state.game)
    played = []
    for other in ids:
        if other == session_id:
            played.append({"document": plan, "lessons": lessons})
            continue
        with reading(ctx, other) as unit:
            other_state = unit.state()
            document = build_document(other_state, document_info(unit.session), lang)
        played.append({"document": document, "lessons": lesson_rounds(other_state.game)})
    report = build_initiative_document(fields, played, lang)
    return plan, report, names, initiative_id


def preview(ctx: Context, session_id: int, *, lang: str = "nl", municipality: str | None = None):
    """Every text publishing would put out, each with its flags (engine/library/publish.py)."""
    plan, report, names, _ = material(ctx, session_id, lang)
    return publishing.preview(plan, report, municipality=municipality, names=names)


def publish(
    ctx: Context,
    session_id: int,
    *,
    theme: str,
    municipality: str | None = None,
    edits: Mapping[str, Mapping[str, Any]] | None = None,
    lang: str = "nl",
) -> str:
    """Publish the session's initiative in the library; the new entry's id."""
    if theme not in THEMES:
        raise Rejected("bad_request", "unknown theme", field="theme")
    plan, report, names, initiative_id = material(ctx, session_id, lang)
    document = publishing.publish(plan, report, theme=theme, municipality=municipality, edits=edits, names=names)
    entry_id = str(uuid.uuid4())
    document["id"] = entry_id
    with ctx.database.unit_of_work() as db:
        entries.add(db, columns(document, initiative_id=initiative_id, licence=publishing.LICENCE))
    return entry_id


def columns(document: Mapping[str, Any], **more) -> dict:
    theme = document.get("theme") or ""
    labels = " ".join(THEMES.get(theme, {}).values())
    return {
        "id": document["id"],
        "document": dict(document),
        "search_text": publishing.search_text(document, labels),
        "theme": theme,
        "municipality": document.get("municipality") or "",
        "game": (document.get("game") or {}).get("id") or "",
        "year": document.get("year"),
        "status": document.get("status") or "",
        **more,
    }


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Results:
    entries: list[Entry]
    total: int
    facets: dict
    page: int
    pages: int


def search(ctx: Context, q: str = "", filters: Mapping[str, Any] | None = None, page: int = 1) -> Results:
    page = max(1, page)
    with ctx.database.unit_of_work(write=False) as db:
        found = entries.search(db, q or "", filters or {}, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        facets = entries.facets(db)
    pages = max(1, -(-found.total // PAGE_SIZE))
    return Results([_entry(r) for r in found.entries], found.total, facets, page, pages)


def theme_counts(ctx: Context) -> dict[str, int]:
    """Every theme (engine/library/themes.py, in its order) with its number of visible entries."""
    with ctx.database.unit_of_work(write=False) as db:
        found = entries.theme_counts(db)
    return {key: found.get(key, 0) for key in THEMES}


def entry(ctx: Context, entry_id: str) -> Entry | None:
    """A visible entry (None when unknown, hidden or withdrawn)."""
    with ctx.database.unit_of_work(write=False) as db:
        row = entries.visible(db, entry_id)
        return _entry(row) if row is not None else None


def every_entry(ctx: Context) -> tuple[list[Entry], dict]:
    """Every visible entry (oldest first) and the counts, for the open-data export."""
    with ctx.database.unit_of_work(write=False) as db:
        found = entries.search(db, "", {}, limit=None)
        counts = entries.counts(db)
    return sorted((_entry(r) for r in found.entries), key=lambda e: (e.created_ms, e.id)), counts


# --- "Begin hiermee" ----------------------------------------------------------------------


def start_from(ctx: Context, entry_id: str, form: Mapping[str, Any], address: str | None = None):
    """A new session (services/create.py) with the entry's question, its chosen ideas as
    starting cards; ``form`` may name the game, title and place. Returns ``Created``."""
    found = entry(ctx, entry_id)
    if found is None:
        raise Rejected("not_found", "no such library entry")
    document = found.document
    question = (document.get("question") or "").strip() or "?"
    title = (form.get("title") or "").strip() or _title(question)
    game = form.get("game") or (document.get("game") or {}).get("id")
    if game not in ctx.catalogue.games:
        game = next(iter(ctx.catalogue.games))
    created = creating.create(
        ctx,
        {"game": game, "title": title, "question": question, "place": form.get("place") or ""},
        address,
    )
    ideas = [i["text"] for i in document.get("ideas") or () if i.get("text")]
    if ideas:
        with ctx.database.unit_of_work(write=False) as db:
            session_id = find_by_code(db, created.code).id
        with writing(ctx, session_id) as unit:
            if seed.ideas_round(unit.state()) is not None:
                action = Action(seed.EVENT, {"entry": entry_id, "ideas": ideas}, now_ms())
                unit.save(apply(unit.state(), action), action, actor=FACILITATOR, participant_id=None)
    return created


def _title(question: str) -> str:
    if len(question) <= TITLE_FROM_QUESTION:
        return question
    return question[:TITLE_FROM_QUESTION].rsplit(" ", 1)[0] + "…"


# --- moderation -----------------------------------------------------------------------------


def hide(ctx: Context, entry_id: str, hidden: bool = True) -> bool:
    """The instance administrator's hide (or show again); False when there is no such entry."""
    with ctx.database.unit_of_work() as db:
        return entries.set_hidden(db, entry_id, hidden) is not None


def withdraw(ctx: Context, entry_id: str) -> bool:
    """Withdraw an entry for good: off the pages and every export from now on."""
    with ctx.database.unit_of_work() as db:
        return entries.withdraw(db, entry_id) is not None


def withdraw_by_key(ctx: Context, entry_id: str, key: str) -> bool:
    """The facilitator's withdrawal: the key of a session of the entry's initiative."""
    with ctx.database.unit_of_work() as db:
        row = entries.get(db, entry_id)
        if row is None or row.initiative_id is None or opened_by_key(db, row.initiative_id, key) is None:
            return False
        entries.withdraw(db, entry_id)
        return True


__all__ = ["STATUSES", "THEMES", "Entry", "Results", "preview", "publish", "search", "entry", "start_from"]


# --- open data: export and import ---------------------------------------------------------


def export(ctx: Context, *, source: str, url_of, now=None) -> dict:
    """The export document (export/library.py) of every visible entry; ``url_of(id)`` is
    an entry's page address, ``source`` this instance's address."""
    found, counts = every_entry(ctx)
    listed = [
        open_data.entry_of(e.document, url=url_of(e.id), source=e.source, licence=e.licence, published=e.published)
        for e in found
    ]
    return open_data.export_document(listed, counts, source=source, now=now)


@dataclass(frozen=True)
class Imported:
    added: list[str]
    skipped: list[str]
    source: str


def import_export(ctx: Context, data: Any) -> Imported:
    """Load another instance's export: each entry it holds that is not here yet (by id,
    whatever its state here: a withdrawn entry stays withdrawn) is stored read-only with
    its source and licence. Raises Rejected ``bad_export`` when ``data`` is no export."""
    problems = sorted(Draft202012Validator(open_data.schema()).iter_errors(data), key=lambda e: list(e.path))
    if problems:
        where = "/".join(str(p) for p in problems[0].path)
        raise Rejected("bad_export", f"{where or 'export'}: {problems[0].message}")
    origin = data["source"] or "?"
    with ctx.database.unit_of_work() as db:
        known = entries.known_ids(db, (e["id"] for e in data["entries"]))
        added = []
        for item in data["entries"]:
            if item["id"] in known or item["id"] in added:
                continue
            document = open_data.document_of(item)
            source = item["source"] or origin
            entries.add(db, columns(document, source=source, licence=item["licence"] or open_data.LICENCE))
            added.append(item["id"])
    return Imported(added, sorted(known), origin)
