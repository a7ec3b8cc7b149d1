"""The library's theme pages: the overview (/bibliotheek/themas) and a page per theme
(/bibliotheek/thema/<key>), against a real SQLite store holding the sample session
published through the use case, and entries of other themes, hidden, withdrawn, imported
and merely proposed (not published) beside it."""

from __future__ import annotations

import re

import pytest

from samenspel.engine.library.themes import ABOUT, THEMES
from samenspel.services import library
from samenspel.store import library as entries
from samenspel.store.sessions import find_by_code
from tests.support.initiatives import seeded_plan
from tests.support.library import entries_like

FIRST = "Hoe beginnen we?"  # the published sample session: groen, the oldest
NEWER = "Hoe krijgen we bomen in de Kerklaan?"  # groen, published later
ELSEWHERE = "Een pluktuin bij de bibliotheek"  # groen, imported from another library
ENERGY = "Zonnepanelen op het dak van de school"  # energie
HIDDEN = "Een verborgen moestuin"  # groen, hidden by the administrator
WITHDRAWN = "Een ingetrokken plantsoen"  # groen, withdrawn
PROPOSED = "Een voorstel dat nog niet gedeeld is"  # groen, asked about but never published
UNKNOWN = "Een tuin uit een bibliotheek met eigen thema's"  # imported, a theme this instance lacks


#: the instance's public address (else the addresses follow this machine's LAN address)
PUBLIC = "https://samenspel.example"


@pytest.fixture
def shelf(app, make_session):
    """The entries above; their ids by question."""
    app.config["PUBLIC_URL"] = PUBLIC
    created, _ = seeded_plan(app, make_session)
    ctx = app.extensions["samenspel.services"]
    database = app.extensions["samenspel.db"]
    with database.unit_of_work(write=False) as db:
        session_id = find_by_code(db, created["code"]).id
    first = library.publish(ctx, session_id, theme="groen", municipality="Terneuzen")
    later = [
        {"question": NEWER, "theme": "groen"},
        {"question": ELSEWHERE, "theme": "groen", "source": "https://elders.example/bibliotheek"},
        {"question": ENERGY, "theme": "energie"},
        {"question": HIDDEN, "theme": "groen", "hidden": True},
        {"question": WITHDRAWN, "theme": "groen"},
        {"question": UNKNOWN, "theme": "tuinieren", "source": "https://verder.example/bibliotheek"},
    ]
    ids = {FIRST: first, **dict(zip((v["question"] for v in later), entries_like(ctx, first, later)))}
    with database.unit_of_work() as db:
        entries.propose(db, session_id, {**library.entry(ctx, first).document, "question": PROPOSED})
    assert library.withdraw(ctx, ids[WITHDRAWN])
    return ids


def themes_listed(html: str) -> dict[str, str]:
    """Per theme's page address on the overview: the text of its item."""
    items = re.findall(r'<li class="library-theme">(.*?)</li>', html, re.S)
    return {re.search(r'href="([^"]+)"', item).group(1): re.sub(r"\s+", " ", item) for item in items}


@pytest.mark.parametrize(
    ("lang", "one", "many"), [("nl", "initiatief", "initiatieven"), ("en", "initiative", "initiatives")]
)
def test_the_overview_lists_every_theme_with_what_it_is_about_and_its_count(client, shelf, lang, one, many):
    response = client.get(f"/bibliotheek/themas?lang={lang}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    listed = themes_listed(html)
    assert list(listed) == [f"/bibliotheek/thema/{key}" for key in THEMES]  # every theme, in the list's order
    for key, names in THEMES.items():
        item = listed[f"/bibliotheek/thema/{key}"]
        assert f">{names[lang]}</a>" in item and ABOUT[key][lang] in item
    assert f"3 {many}<" in listed["/bibliotheek/thema/groen"]  # not the hidden, withdrawn or proposed
    assert f"1 {one}<" in listed["/bibliotheek/thema/energie"]
    assert f"0 {many}<" in listed["/bibliotheek/thema/wonen"]
    title = {"nl": "Thema's · Bibliotheek van initiatieven", "en": "Themes · Library of initiatives"}[lang]
    assert f"<title>{title}</title>" in html


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_theme_page_lists_its_published_entries_newest_first(client, shelf, lang):
    html = client.get(f"/bibliotheek/thema/groen?lang={lang}").get_data(as_text=True)
    main = html.split("<main", 1)[1]
    assert -1 < main.index(ELSEWHERE) < main.index(NEWER) < main.index(FIRST)  # newest first
    for absent in (ENERGY, HIDDEN, WITHDRAWN, PROPOSED):
        assert absent not in html
    for question in (NEWER, ELSEWHERE, FIRST):
        entry_id = shelf[question]
        assert f'href="/bibliotheek/{entry_id}"' in main and f'href="/bibliotheek/{entry_id}#begin"' in main
    texts = {
        "nl": ("<h1>Groen</h1>", ABOUT["groen"]["nl"], "3 initiatieven", "Begin hiermee", "Uit een andere bibliotheek"),
        "en": (
            "<h1>Green spaces</h1>",
            ABOUT["groen"]["en"],
            "3 initiatives",
            "Start with this",
            "From another library",
        ),
    }[lang]
    for text in texts:
        assert text in main, text
    assert 'href="/bibliotheek?theme=groen"' in main and 'href="/bibliotheek/themas"' in main
    assert "Zonnepanelen" in client.get(f"/bibliotheek/thema/energie?lang={lang}").get_data(as_text=True)


def test_a_theme_without_entries_says_so_and_an_unknown_theme_is_not_found(client, shelf):
    empty = client.get("/bibliotheek/thema/wonen?lang=nl")
    assert empty.status_code == 200 and "Er zijn nog geen initiatieven met dit thema." in empty.get_data(as_text=True)
    for key in ("tuinieren", "Groen", "themas", "groen%20"):
        assert client.get(f"/bibliotheek/thema/{key}").status_code == 404, key


def test_the_theme_page_has_a_canonical_address_and_switches_language(client, shelf):
    html = client.get("/bibliotheek/thema/groen?lang=en").get_data(as_text=True)
    assert f'<link rel="canonical" href="{PUBLIC}/bibliotheek/thema/groen?lang=en">' in html
    assert f'<link rel="alternate" hreflang="nl" href="{PUBLIC}/bibliotheek/thema/groen?lang=nl">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{PUBLIC}/bibliotheek/thema/groen">' in html
    assert '<a href="/bibliotheek/thema/groen?lang=nl" lang="nl"' in html
    assert "<title>Green spaces · Library of initiatives</title>" in html
    overview = client.get("/bibliotheek/themas?lang=nl").get_data(as_text=True)
    assert f'<link rel="canonical" href="{PUBLIC}/bibliotheek/themas?lang=nl">' in overview
    assert '<a href="/bibliotheek/themas?lang=en" lang="en"' in overview


def test_a_theme_page_goes_a_page_at_a_time_like_the_search(client, shelf, monkeypatch):
    monkeypatch.setattr(library, "PAGE_SIZE", 2)
    first = client.get("/bibliotheek/thema/groen?lang=nl").get_data(as_text=True)
    assert NEWER in first and ELSEWHERE in first and FIRST not in first
    assert "Pagina 1 van 2" in first and 'href="/bibliotheek/thema/groen?page=2"' in first
    second = client.get("/bibliotheek/thema/groen?page=2&lang=nl").get_data(as_text=True)
    assert FIRST in second and NEWER not in second and 'href="/bibliotheek/thema/groen?page=1"' in second
    assert "<title>Groen · Pagina 2 van 2 · Bibliotheek van initiatieven</title>" in second
    assert f'rel="canonical" href="{PUBLIC}/bibliotheek/thema/groen?page=2&amp;lang=nl"' in second
    assert '<a href="/bibliotheek/thema/groen?page=2&amp;lang=en" lang="en"' in second


def test_the_search_and_the_entry_lead_to_the_themes(client, shelf):
    index = client.get("/bibliotheek?lang=nl").get_data(as_text=True)
    assert 'href="/bibliotheek/themas"' in index
    assert index.count('<a class="library-tag" href="/bibliotheek/thema/groen">') == 3
    assert '<a class="library-tag" href="/bibliotheek/thema/energie">' in index
    assert '<span class="library-tag">tuinieren</span>' in index  # an imported theme: shown, not linked
    searched = client.get("/bibliotheek?theme=groen&lang=en").get_data(as_text=True)
    assert f'<link rel="canonical" href="{PUBLIC}/bibliotheek?theme=groen&amp;lang=en">' in searched
    entry = client.get(f"/bibliotheek/{shelf[NEWER]}?lang=en").get_data(as_text=True)
    assert '<a class="library-tag" href="/bibliotheek/thema/groen">' in entry and "Green spaces</a>" in entry
    assert f'<link rel="canonical" href="{PUBLIC}/bibliotheek/{shelf[NEWER]}?lang=en">' in entry


def test_every_theme_says_what_it_is_about_in_both_languages():
    assert list(ABOUT) == list(THEMES)
    for key, about in ABOUT.items():
        assert about["nl"] and about["en"] and about["nl"] != about["en"], key
        assert len(about["nl"]) <= 80 and about["nl"].endswith("."), key
        assert not re.search(r"\b(u|uw)\b", about["nl"], re.I), key  # B1 with "je"
