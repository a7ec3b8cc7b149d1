"""The library's entries (issue 14): storing a published or imported entry, finding one,
searching the visible ones in full text with filters, hiding and withdrawing.

Full-text search has one function (``search``) and two dialects behind it, chosen by the
database in use:

- SQLite (the embedded default): an FTS5 table ``library_search`` (migration 0012) holding
  each visible entry's search text, kept in step here — every write of an entry writes or
  deletes its row in the same transaction; results ordered by ``bm25``.
- PostgreSQL (the scaled setup): ``search_vector``, a stored generated column
  ``to_tsvector('simple', search_text)`` with a GIN index (migration 0015), matched against
  ``websearch_to_tsquery('simple', q)``; results ordered by ``ts_rank``.

Both take the same query language, a web search's: words (all must occur), ``"a phrase"``,
``or`` between two words, and ``-word`` to leave out. For SQLite the query is translated to
FTS5's syntax (``fts5_query``) or written back cleanly for PostgreSQL (``websearch_query``)
from one reading of it (``parse``), so both find the same, and what a visitor types never
reaches either as syntax of its own. Both dialects use the ``simple`` configuration (no
stemming, Dutch and English alike), so they find the same entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from sqlalchemy import column, delete, func, insert, literal_column, select, table, text, update
from sqlalchemy.orm import Session

from samenspel.store.clock import now_ms
from samenspel.store.models import LibraryEntry, LibraryProposal, Participant

#: the filters the pages offer, each a column of the entry
FILTERS = ("theme", "municipality", "game", "year", "status")
_search = table("library_search", column("entry_id"), column("body"))
_WORD = re.compile(r"\w+", re.UNICODE)
_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
#: what the pages and exports may show: neither hidden nor withdrawn
_SHOWN = (LibraryEntry.hidden.is_(False), LibraryEntry.withdrawn.is_(False))


@dataclass(frozen=True)
class Found:
    entries: list[LibraryEntry]
    total: int


def add(db: Session, entry: Mapping[str, Any]) -> LibraryEntry:
    """Store one entry (its columns as a mapping) and index its search text."""
    row = LibraryEntry(
        id=entry["id"],
        initiative_id=entry.get("initiative_id"),
        source=entry.get("source") or "",
        licence=entry["licence"],
        hidden=bool(entry.get("hidden")),
        withdrawn=bool(entry.get("withdrawn")),
        document=entry["document"],
        search_text=entry["search_text"],
        theme=entry.get("theme") or "",
        municipality=entry.get("municipality") or "",
        game=entry.get("game") or "",
        year=entry.get("year"),
        status=entry.get("status") or "",
        created_ms=entry.get("created_ms") or now_ms(),
    )
    db.add(row)
    db.flush()
    if not row.withdrawn:
        _index(db, row.id, row.search_text)
    return row


def get(db: Session, entry_id: str) -> LibraryEntry | None:
    return db.get(LibraryEntry, entry_id) if isinstance(entry_id, str) else None


def visible(db: Session, entry_id: str) -> LibraryEntry | None:
    """The entry when the pages and exports may show it (neither hidden nor withdrawn)."""
    row = get(db, entry_id)
    return row if row is not None and not row.hidden and not row.withdrawn else None


def known_ids(db: Session, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` are stored already, in whatever state (an import skips them)."""
    wanted = list(ids)
    if not wanted:
        return set()
    return set(db.scalars(select(LibraryEntry.id).where(LibraryEntry.id.in_(wanted))))


def participant_names(db: Session, session_ids: Iterable[int]) -> tuple:
    """The names of everyone who joined these sessions, also those who left (the checks
    look for them; a name someone asked to be forgotten is gone already)."""
    ids = list(session_ids)
    return tuple(db.scalars(select(Participant.name).where(Participant.session_id.in_(ids)))) if ids else ()


def search(
    db: Session,
    q: str = "",
    filters: Mapping[str, Any] | None = None,
    *,
    limit: int | None = 50,
    offset: int = 0,
) -> Found:
    """The visible entries matching the query ``q`` (web-search syntax, see the module's
    docstring; empty: all) and the filters (column -> value), best match first (newest
    first without a query), and how many match in all."""
    query = select(LibraryEntry).where(*_SHOWN)
    for name, value in (filters or {}).items():
        if name in FILTERS and value not in (None, ""):
            query = query.where(getattr(LibraryEntry, name) == value)
    order = [LibraryEntry.created_ms.desc(), LibraryEntry.id]
    terms = parse(q)
    if any(not negated for group in terms for negated, _ in group):
        if db.get_bind().dialect.name == "postgresql":
            vector = literal_column("library_entries.search_vector")  # stored, GIN-indexed (0015)
            wanted = func.websearch_to_tsquery(literal_column("'simple'::regconfig"), websearch_query(terms))
            query = query.where(vector.op("@@")(wanted))
            order = [func.ts_rank(vector, wanted).desc(), *order]
        else:
            query = query.join(_search, _search.c.entry_id == LibraryEntry.id).where(
                text("library_search MATCH :fts").bindparams(fts=fts5_query(terms))
            )
            order = [text("bm25(library_search)"), *order]
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = query.order_by(*order).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return Found(list(db.scalars(query)), total)


def facets(db: Session) -> dict[str, list]:
    """Per filter, the values the visible entries have (the filter's choices)."""
    out = {}
    for name in FILTERS:
        col = getattr(LibraryEntry, name)
        rows = db.scalars(select(col).where(*_SHOWN, col.is_not(None)).distinct().order_by(col))
        out[name] = [value for value in rows if value != ""]
    return out


def theme_counts(db: Session) -> dict[str, int]:
    """How many visible entries each theme has (themes without any are left out)."""
    query = select(LibraryEntry.theme, func.count()).where(*_SHOWN).group_by(LibraryEntry.theme)
    return {theme: count for theme, count in db.execute(query)}


def counts(db: Session) -> dict[str, int]:
    """How many entries are visible, published here, and imported."""
    base = select(func.count()).select_from(LibraryEntry)
    shown = base.where(*_SHOWN)
    return {
        "entries": db.scalar(shown) or 0,
        "local": db.scalar(shown.where(LibraryEntry.source == "")) or 0,
        "imported": db.scalar(shown.where(LibraryEntry.source != "")) or 0,
    }


def set_hidden(db: Session, entry_id: str, hidden: bool) -> LibraryEntry | None:
    """The administrator's hide (or show again): the entry is kept, the pages skip it."""
    row = get(db, entry_id)
    if row is not None and not row.withdrawn:
        row.hidden = hidden
    return row


def withdraw(db: Session, entry_id: str) -> LibraryEntry | None:
    """Withdrawn for good: off the pages, the search and every export from now on. The row
    stays, emptied, so the same entry is not imported back from another's export."""
    row = get(db, entry_id)
    if row is None or row.withdrawn:
        return row
    db.execute(
        update(LibraryEntry)
        .where(LibraryEntry.id == entry_id)
        .values(withdrawn=True, document={}, search_text="", theme="", municipality="", status="")
    )
    _unindex(db, entry_id)
    db.expire(row)
    db.info["checkpoint"] = True  # the published text is erased: not left in SQLite's WAL
    return row


def _index(db: Session, entry_id: str, body: str) -> None:
    if db.get_bind().dialect.name == "sqlite":
        _unindex(db, entry_id)
        db.execute(insert(_search).values(entry_id=entry_id, body=body))


def _unindex(db: Session, entry_id: str) -> None:
    if db.get_bind().dialect.name == "sqlite":
        db.execute(delete(_search).where(_search.c.entry_id == entry_id))


def parse(q: str | None) -> list[list[tuple[bool, str]]]:
    """A web search's query as groups that must all match, each group one or more
    alternatives (``or``), each ``(negated, phrase)``; a phrase is its words joined by a
    space (punctuation is no part of a word, as neither index keeps it)."""
    groups: list[list[tuple[bool, str]]] = []
    joining = False
    for negation, quoted, bare in _TERM.findall(q or ""):
        if bare and bare.lower() == "or" and groups:
            joining = True
            continue
        negated = bool(negation) or (bool(bare) and bare.startswith("-"))
        phrase = " ".join(_WORD.findall(quoted if quoted else bare))
        if not phrase:
            continue
        if joining and not negated:
            groups[-1].append((False, phrase))
        else:
            groups.append([(negated, phrase)])
        joining = False
    return groups


def websearch_query(groups: list[list[tuple[bool, str]]]) -> str:
    """The groups written back as a web search, as PostgreSQL's ``websearch_to_tsquery``
    reads it: the same terms SQLite searches for, whatever stray quotes the visitor typed."""
    return " ".join(
        " or ".join(("-" if negated else "") + f'"{phrase}"' for negated, phrase in group) for group in groups
    )


def fts5_query(groups: list[list[tuple[bool, str]]]) -> str:
    """The groups in FTS5's syntax: every phrase quoted (so nothing a visitor types is an
    operator), positive groups joined by AND, alternatives by OR, exclusions by NOT."""
    positive = [g for g in groups if not g[0][0]]
    negative = [g[0][1] for g in groups if g[0][0]]
    expression = " AND ".join("(" + " OR ".join(f'"{phrase}"' for _, phrase in g) + ")" for g in positive)
    for phrase in negative:
        expression = f'({expression}) NOT "{phrase}"'
    return expression


# --- proposals: publishing with consent ----------------------------------------------------


def propose(
    db: Session, session_id: int, document: Mapping[str, Any], choices: Mapping[str, Any] | None = None
) -> LibraryProposal:
    """The session's proposal, replacing any earlier one (its answers are void: the phones
    are asked again about what they see now)."""
    row = db.get(LibraryProposal, session_id)
    if row is None:
        row = LibraryProposal(session_id=session_id, document=dict(document), answers={}, created_ms=now_ms())
        db.add(row)
    else:
        row.document, row.answers, row.created_ms = dict(document), {}, now_ms()
    row.choices = dict(choices or {})
    db.flush()
    return row


def proposal(db: Session, session_id: int) -> LibraryProposal | None:
    return db.get(LibraryProposal, session_id)


def answer(db: Session, session_id: int, participant_id: int, agree: bool) -> LibraryProposal | None:
    """Record one participant's answer (a later answer replaces theirs). Called under the
    session's lock, so two answers never overwrite each other's."""
    row = db.get(LibraryProposal, session_id)
    if row is not None:
        row.answers = {**row.answers, str(participant_id): bool(agree)}
    return row


def close_proposal(db: Session, session_id: int) -> None:
    db.execute(delete(LibraryProposal).where(LibraryProposal.session_id == session_id))
