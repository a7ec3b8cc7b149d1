"""The library's store on both databases: migration 0012 on a database at 0011, full-text
search (FTS5 on SQLite, tsvector/GIN on PostgreSQL) with the same results, filters,
hiding and withdrawing."""

import pytest
from sqlalchemy import text

from samenspel.store import library
from samenspel.store.db import Database
from samenspel.store.migrate import upgrade
from tests.support.databases import BOTH, database_url

ENTRIES = [
    ("a1", "Moestuin met kas bij het buurthuis", "groen", "Terneuzen", 2026),
    ("b2", "Zonnepanelen op het dak van de school", "energie", "Utrecht", 2025),
    ("c3", "Een moestuin voor de school en de buurt", "groen", "Utrecht", 2026),
    ("d4", "Wateropvang in de straat: regentonnen", "klimaatadaptatie", "Terneuzen", 2024),
]


def _entry(entry_id, body, theme, municipality, year):
    return {
        "id": entry_id,
        "licence": "CC-BY-4.0",
        "document": {"question": body},
        "search_text": body,
        "theme": theme,
        "municipality": municipality,
        "game": "het-nieuwe-samenspel",
        "year": year,
        "status": "final",
    }


def _ids(db, q="", **filters):
    return sorted(e.id for e in library.search(db, q, filters).entries)


def _check(url: str) -> None:
    database = Database(url)
    upgrade(database.engine, "0011")
    upgrade(database.engine)
    with database.unit_of_work() as db:
        for entry in ENTRIES:
            library.add(db, _entry(*entry))
    with database.unit_of_work(write=False) as db:
        assert _ids(db) == ["a1", "b2", "c3", "d4"]
        assert _ids(db, "moestuin") == ["a1", "c3"]
        assert _ids(db, "moestuin school") == ["c3"]
        assert _ids(db, "moestuin -school") == ["a1"]
        assert _ids(db, "zonnepanelen or regentonnen") == ["b2", "d4"]
        assert _ids(db, '"de school"') == ["b2", "c3"]
        assert _ids(db, 'school") OR * NEAR(') == ["b2", "c3"]  # no syntax of its own
        assert _ids(db, "moestuin", municipality="Utrecht") == ["c3"]
        assert _ids(db, theme="groen", year=2026) == ["a1", "c3"]
        assert _ids(db, "fietsenstalling") == []
        assert library.search(db, "school", limit=1).total == 2
        assert library.facets(db)["theme"] == ["energie", "groen", "klimaatadaptatie"]
    with database.unit_of_work() as db:
        library.set_hidden(db, "a1", True)
        library.withdraw(db, "c3")
    with database.unit_of_work(write=False) as db:
        assert _ids(db, "moestuin") == []
        assert _ids(db) == ["b2", "d4"]
        assert library.visible(db, "a1") is None and library.visible(db, "b2") is not None
        assert library.get(db, "c3").document == {}
        assert library.known_ids(db, ["a1", "c3", "zz"]) == {"a1", "c3"}
        assert library.counts(db)["entries"] == 2
        if database.engine.dialect.name == "sqlite":  # the withdrawn text left the index too
            assert db.execute(text("SELECT COUNT(*) FROM library_search WHERE entry_id = 'c3'")).scalar() == 0
    with database.unit_of_work() as db:
        library.set_hidden(db, "a1", False)
    with database.unit_of_work(write=False) as db:
        assert _ids(db, "moestuin") == ["a1"]
    database.dispose()


@pytest.mark.parametrize("kind", [BOTH[0], pytest.param(BOTH[1], marks=pytest.mark.scaled)])
def test_on_each_database(kind, tmp_path):
    with database_url(kind, tmp_path) as url:
        _check(url)


def test_parse_reads_a_web_search():
    assert library.parse('moestuin "de school" or buurt -kas') == [
        [(False, "moestuin")],
        [(False, "de school"), (False, "buurt")],
        [(True, "kas")],
    ]
    assert library.fts5_query(library.parse("a -b")) == '(("a")) NOT "b"'
