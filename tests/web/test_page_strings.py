"""Every text key a page's scripts can ask for is in the strings that page sends them
(templates/_strings.html), in Dutch and in English, and every one of those texts is in the
Dutch catalogue.

The scripts read their texts from the JSON block #strings of their page (static/js/i18n.js);
a key that is not there shows as the bare key (issue 10: the projector's pause screen showed
`paused_text` to the whole room). A mechanic's module loads by key on any page
(static/js/mechanics/index.js), so what it asks for is checked against every page that calls
into it, function by function (tests/support/js_modules.py): the phone needs the keys of
`phoneView`, the projector those of `projectorView` and `endBlock`, and so on. The browser
tests also fail when a page asks for a missing key at run time, or shows text that looks
like a key (tests/browser/conftest.py)."""

from __future__ import annotations

import json
import re

import pytest
from babel.messages.pofile import read_po

from samenspel.config import PROJECT_ROOT
from tests.support.js_modules import page_keys

JS = PROJECT_ROOT / "static" / "js"
TEMPLATES = PROJECT_ROOT / "templates"
STRINGS = TEMPLATES / "_strings.html"
NL = PROJECT_ROOT / "samenspel" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
LANGUAGES = ("nl", "en")
#: the pages that run scripts: their template, the module each starts from, how to open it
PAGES = {
    "phone": ("phone.html", "phone.js", "/j/{code}"),
    "projector": ("projector.html", "projector.js", "/s/{code}/projector"),
    "console": ("console.html", "console.js", "/s/{code}/console?key={key}"),
    "table": ("table_screen.html", "table-screen.js", "/s/{code}/t/1"),
}
MODULE_SCRIPT = re.compile(r"""<script type="module" src="[^"]*filename='js/([\w-]+\.js)'""")
#: a mechanic's module: static/js/mechanics/<key>.js; helpers carry a hyphen, index.js is the registry
MECHANICS = sorted(p for p in (JS / "mechanics").glob("*.js") if "-" not in p.stem and p.stem != "index")


def page_strings(client, path: str, lang: str) -> dict:
    html = client.get(f"{path}{'&' if '?' in path else '?'}lang={lang}").get_data(as_text=True)
    return json.loads(re.search(r'id="strings">(.*?)</script>', html, re.S).group(1))


@pytest.fixture
def strings(client, make_session) -> dict[str, dict[str, dict]]:
    created = make_session()
    return {
        lang: {
            page: page_strings(client, path.format(code=created["code"], key=created["key"]), lang)
            for page, (_, _, path) in PAGES.items()
        }
        for lang in LANGUAGES
    }


def test_every_page_that_runs_a_script_is_checked_and_sends_its_strings():
    scripted = {}
    for template in sorted(TEMPLATES.rglob("*.html")):
        entries = MODULE_SCRIPT.findall(template.read_text(encoding="utf-8"))
        if entries:
            scripted[template.name] = entries
    assert scripted == {template: [entry] for template, entry, _ in PAGES.values()}
    for page, (template, _, _) in PAGES.items():
        assert f'strings_page = "{page}"' in (TEMPLATES / template).read_text(encoding="utf-8"), template


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_key_a_page_can_ask_for_is_on_that_page(strings, page):
    known = {key for by_page in strings.values() for texts in by_page.values() for key in texts}
    reach = page_keys(JS / PAGES[page][1], MECHANICS, known)
    for lang in LANGUAGES:
        have = set(strings[lang][page])
        lacking = {key: sorted(p.name for p in paths) for key, paths in reach.keys.items() if key not in have}
        assert not lacking, (lang, page, lacking)
        no_prefix = sorted(p for p in reach.prefixes if not any(k.startswith(p) for k in have))
        assert not no_prefix, (lang, page, no_prefix)


def test_the_check_sees_what_each_page_calls_of_a_mechanic(strings):
    """The reader finds the entry points of the mechanics and follows them into helpers."""
    known = {key for texts in strings["nl"].values() for key in texts}
    reaches = {page: page_keys(JS / entry, MECHANICS, known) for page, (_, entry, _) in PAGES.items()}
    assert {"phoneView"} <= reaches["phone"].used_from_mechanics()
    assert {"projectorView", "tableResult"} <= reaches["projector"].used_from_mechanics()
    assert {"consoleView", "consoleInfo", "roundControl", "phoneView"} <= reaches["console"].used_from_mechanics()
    assert "paused_text" in reaches["projector"].keys  # projector.js's pause screen
    assert "mod_hide" in reaches["console"].keys and "mod_hide" not in reaches["phone"].keys  # cards-console.js
    assert "vote_hint" in reaches["phone"].keys and "vote_hint" not in reaches["projector"].keys
    assert "people_count" in reaches["console"].keys  # handed to countText, not to t()


def test_every_text_is_there_and_the_dutch_is_not_the_english(strings):
    for lang in ("nl", "en"):
        for page, texts in strings[lang].items():
            assert all(texts.values()), (lang, page, [k for k, v in texts.items() if not v])
    for page, texts in strings["nl"].items():
        same = sorted(k for k, v in texts.items() if v == strings["en"][page].get(k))
        assert not same, (page, same)


def test_every_text_of_the_strings_template_is_translated_into_dutch():
    msgids = set(re.findall(r'_\("((?:[^"\\]|\\.)*)"\)', STRINGS.read_text(encoding="utf-8")))
    with NL.open("rb") as handle:
        catalogue = read_po(handle)
    untranslated = sorted(m for m in msgids if not (catalogue.get(m) and catalogue.get(m).string))
    assert not untranslated, untranslated


def test_the_english_catalogue_never_holds_the_dutch_text():
    """English is the source language: an English entry is empty or English, never the Dutch."""
    with NL.open("rb") as handle:
        dutch = {m.id: m.string for m in read_po(handle) if m.id and m.string}
    with (NL.parents[2] / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        english = {m.id: m.string for m in read_po(handle) if m.id and m.string}
    assert not [msgid for msgid, text in english.items() if text == dutch.get(msgid)]


#: a text marked for translation in a template or in the server's code: _("…"), _l("…")
MARKED = re.compile(r"""\b_l?\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
EN = NL.parents[2] / "en" / "LC_MESSAGES" / "messages.po"


def marked_texts(source: str) -> set[str]:
    return {(double or single).replace('\\"', '"').replace("\\'", "'") for double, single in MARKED.findall(source)}


def untranslated(sources) -> list[tuple[str, str]]:
    """(file, text) for every marked text the Dutch catalogue does not translate or the
    English catalogue does not hold (English is the source: its entry may be empty)."""
    catalogues = {}
    for lang, path in (("nl", NL), ("en", EN)):
        with path.open("rb") as handle:
            catalogues[lang] = read_po(handle)
    found = []
    for name, source in sources:
        for text in sorted(marked_texts(source)):
            dutch, english = catalogues["nl"].get(text), catalogues["en"].get(text)
            if not (dutch and dutch.string) or english is None:
                found.append((name, text))
    return found


def test_every_text_of_every_page_and_of_the_server_is_in_both_catalogues():
    """The pages without scripts too (the owner's page, the initiative page, the refusal
    pages …): a text added to a template or to the server's code without its Dutch fails."""
    files = sorted(TEMPLATES.rglob("*.html")) + sorted((PROJECT_ROOT / "samenspel").rglob("*.py"))
    sources = [(str(p.relative_to(PROJECT_ROOT)), p.read_text(encoding="utf-8")) for p in files]
    web = PROJECT_ROOT / "samenspel" / "web"
    for path in (TEMPLATES / "owner.html", TEMPLATES / "initiative.html", TEMPLATES / "_steps.html", web / "owner.py"):
        assert marked_texts(path.read_text(encoding="utf-8")), path  # the reader sees their texts
    assert not untranslated(sources)


def test_the_catalogue_check_catches_a_text_without_dutch():
    page = '<h1>{{ _("Your steps") }}</h1><p>{{ _("A text nobody translated yet") }}</p>'
    assert untranslated([("new.html", page)]) == [("new.html", "A text nobody translated yet")]
