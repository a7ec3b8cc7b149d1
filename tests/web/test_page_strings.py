"""Every text key the scripts use exists in the strings the pages send them
(templates/_strings.html), and every one of those texts is in the Dutch catalogue.

The scripts read their texts from the JSON block #strings of their page (static/js/i18n.js);
a key that is not there shows as the bare key. Checked statically here; the browser tests
also fail when a page asks for a key it lacks at run time (tests/browser/conftest.py
missing_strings)."""

from __future__ import annotations

import json
import re

import pytest
from babel.messages.pofile import read_po

from samenspel.config import PROJECT_ROOT

JS = PROJECT_ROOT / "static" / "js"
STRINGS = PROJECT_ROOT / "templates" / "_strings.html"
NL = PROJECT_ROOT / "samenspel" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
# The pages, the module each starts from, and how to open it.
PAGES = {"phone": "phone.js", "projector": "projector.js", "console": "console.js"}

LITERAL = re.compile(r"""\bt\(\s*"([A-Za-z0-9_]+)"\s*[,)]""")
PREFIX = re.compile(r"""\bt\(\s*`([A-Za-z0-9_]+)\$\{""")
IMPORT = re.compile(r"""(?:from|import)\s*\(?\s*"(\./[^"]+|\.\./[^"]+)"\s*\)?""")


def used_keys(path) -> tuple[set[str], set[str]]:
    text = path.read_text(encoding="utf-8")
    return set(LITERAL.findall(text)), set(PREFIX.findall(text))


def static_graph(entry: str) -> set:
    """The modules a page loads before any mechanic (those load by key, see mechanics/index.js)."""
    seen, todo = set(), [JS / entry]
    while todo:
        path = todo.pop().resolve()
        if path in seen or not path.exists() or "vendor" in path.parts:
            continue
        seen.add(path)
        for target in IMPORT.findall(path.read_text(encoding="utf-8")):
            if "/mechanics/" not in target and not target.startswith("./mechanics"):
                todo.append(path.parent / target)
    return seen


def page_strings(client, path: str, lang: str) -> dict:
    html = client.get(f"{path}{'&' if '?' in path else '?'}lang={lang}").get_data(as_text=True)
    return json.loads(re.search(r'id="strings">(.*?)</script>', html, re.S).group(1))


@pytest.fixture
def strings(client, make_session) -> dict[str, dict[str, dict]]:
    created = make_session()
    code, key = created["code"], created["key"]
    paths = {"phone": f"/j/{code}", "projector": f"/s/{code}/projector", "console": f"/s/{code}/console?key={key}"}
    return {lang: {page: page_strings(client, path, lang) for page, path in paths.items()} for lang in ("nl", "en")}


def test_every_key_a_script_uses_is_sent_by_a_page(strings):
    known = set().union(*(set(s) for s in strings["nl"].values()))
    missing = {}
    for path in sorted(JS.rglob("*.js")):
        if "vendor" in path.parts:
            continue
        literals, prefixes = used_keys(path)
        lacking = sorted(k for k in literals if k not in known)
        lacking += sorted(f"{p}…" for p in prefixes if not any(k.startswith(p) for k in known))
        if lacking:
            missing[str(path.relative_to(JS))] = lacking
    assert not missing, missing


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_modules_of_a_page_find_their_keys_on_that_page(strings, page):
    for lang in ("nl", "en"):
        have = strings[lang][page]
        for path in static_graph(PAGES[page]):
            literals, _ = used_keys(path)
            assert literals <= set(have), (lang, page, path.name, sorted(literals - set(have)))


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
