"""The library in a real browser: search, open an entry, "Begin hiermee" starts a session
with the entry's ideas; the themes and a theme's page on a phone and a desktop; axe finds
nothing on the library's pages (WCAG 2.1 AA); the pages are shot for docs/screenshots."""

from __future__ import annotations

import pytest

from tests.support.browser import axe_problems, shoot
from tests.support.library import entries_like_on, played_on, publish_on, session_cards

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def library_server(tmp_path_factory):
    from tests.support.server import ServerProcess

    process = ServerProcess(tmp_path_factory.mktemp("library-instance")).start()
    yield process
    process.stop()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_search_open_and_begin(browser, library_server, lang):
    server = library_server
    if lang == "nl":
        publish_on(server)
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{server.url}/bibliotheek?lang={lang}")
    assert axe_problems(page, server) == []
    page.fill("#q", "oogstmaaltijd")
    page.select_option("#f-theme", "groen")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url("**q=oogstmaaltijd**")
    results = page.locator(".library-result h2 a")
    assert results.count() == 1
    if lang == "nl":
        shoot(page, "library-search.png")
    results.first.click()
    page.wait_for_selector("#begin")
    assert "Oogstmaaltijd elke maand in het buurthuis." in page.inner_text("main")
    assert "Fatima" not in page.content() and "Marloes" not in page.content()
    assert axe_problems(page, server) == []
    if lang == "nl":
        page.set_viewport_size({"width": 1100, "height": 1900})
        shoot(page, "library-entry.png")
    page.fill("#begin-place", "Goes")
    page.click("#begin button[type=submit]")
    page.wait_for_url("**/console?key=**")
    code = page.url.split("/s/")[1].split("/")[0]
    assert session_cards(server, code)[:3] == [
        "Oogstmaaltijd elke maand in het buurthuis.",
        "Start met tien bakken op palen; geen bodemonderzoek nodig.",
        "Gebruiksovereenkomst voor vijf jaar met de bewonersvereniging.",
    ]
    context.close()


def test_the_facilitator_reviews_and_publishes(browser, tmp_path_factory):
    from tests.support.server import ServerProcess

    server = ServerProcess(tmp_path_factory.mktemp("publish-instance")).start()
    try:
        created = played_on(server)
        context = browser.new_context(viewport={"width": 1000, "height": 900}, locale="nl-NL")
        page = context.new_page()
        page.goto(f"{server.url}/s/{created['code']}/publish?key={created['key']}&lang=nl")
        assert "Kan iemand noemen" in page.inner_text("main")
        assert axe_problems(page, server) == []
        page.set_viewport_size({"width": 1000, "height": 1400})
        shoot(page, "library-publish.png")
        page.select_option("#theme", "groen")
        page.click("form >> text=Vraag iedereen om toestemming")
        page.wait_for_load_state()
        assert "done=1" in page.url, (page.url, page.inner_text("main")[:600])
        assert "Nog geen antwoord: 12" in page.inner_text("main")
        assert axe_problems(page, server) == []
        page.click("text=Zet in de bibliotheek")
        page.wait_for_url("**/bibliotheek/**")
        assert "Oogstmaaltijd elke maand in het buurthuis." in page.inner_text("main")
        context.close()
    finally:
        server.stop()


#: the viewports the theme pages are checked and shot in
SCREENS = {"phone": {"width": 360, "height": 640}, "desktop": {"width": 1100, "height": 900}}


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_themes_and_a_theme_page(browser, tmp_path_factory, screen):
    from tests.support.server import ServerProcess

    server = ServerProcess(tmp_path_factory.mktemp("themes-instance")).start()
    try:
        first = publish_on(server)
        more = [
            ("Hoe krijgen we meer bomen in de Kerklaan?", "groen", "Goes"),
            ("Zonnepanelen op het dak van de basisschool", "energie", "Middelburg"),
            ("Een pluktuin naast de bibliotheek, voor en door de buurt", "groen", "Vlissingen"),
        ]
        entries_like_on(server, first, [dict(zip(("question", "theme", "municipality"), m)) for m in more])
        context = browser.new_context(viewport=SCREENS[screen], locale="nl-NL")
        page = context.new_page()
        page.goto(f"{server.url}/bibliotheek?lang=nl")
        page.click("text=Bekijk alle thema's")
        page.wait_for_url("**/bibliotheek/themas")
        groen = page.locator(".library-theme", has=page.locator("h2", has_text="Groen"))
        assert "3 initiatieven" in groen.inner_text() and "Parken, bomen" in groen.inner_text()
        assert page.locator(".library-theme").count() == 13
        assert axe_problems(page, server) == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling
        if screen == "desktop":
            page.set_viewport_size({"width": 1100, "height": 1000})  # every theme in the shot
        shoot(page, f"library-themes-{screen}.png")
        groen.locator("h2 a").click()
        page.wait_for_url("**/bibliotheek/thema/groen")
        assert page.title() == "Groen · Bibliotheek van initiatieven"
        questions = page.locator(".library-result h2 a").all_inner_texts()
        assert questions == [more[2][0], more[0][0], "Hoe beginnen we?"]  # newest first, no energie
        assert axe_problems(page, server) == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shoot(page, f"library-theme-{screen}.png")
        page.click(".lang-switch a[lang=en]")
        page.wait_for_url("**/bibliotheek/thema/groen?lang=en")
        assert page.locator("h1").inner_text() == "Green spaces" and "3 initiatives" in page.inner_text("main")
        assert axe_problems(page, server) == []
        page.locator(".library-begin-link a").first.click()
        page.wait_for_url("**#begin")
        assert page.locator("h1").inner_text() == more[2][0]
        page.click(".library-meta a.library-tag")
        page.wait_for_url("**/bibliotheek/thema/groen")
        context.close()
    finally:
        server.stop()
