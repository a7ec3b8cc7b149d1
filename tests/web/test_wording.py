"""The Dutch the players and the facilitator read: "je", never the formal "u"/"uw" (in the
games' texts and the Dutch catalogue); "Tik", never "Klik", on the phone (its page, its
scripts' strings, and the round texts a phone shows); and no round asks players to choose
the role they chose when they joined."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from samenspel.config import PROJECT_ROOT

GAMES = sorted((PROJECT_ROOT / "game_rules").glob("*.yaml"))
NL = PROJECT_ROOT / "samenspel" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
FORMAL = re.compile(r"(?<![\w{])(u|uw|uzelf)(?![\w}])", re.IGNORECASE)
CLICK = {"nl": re.compile(r"\bklik", re.IGNORECASE), "en": re.compile(r"\bclick", re.IGNORECASE)}
CHOOSE_ROLE = {"nl": re.compile(r"kies (je|jouw) rol", re.IGNORECASE), "en": re.compile(r"choose your role", re.I)}


def texts(value, path=()):
    """Every bilingual text of a rules file: (path, {nl, en})."""
    if isinstance(value, dict):
        if "nl" in value and all(isinstance(v, str) for v in value.values()):
            yield path, value
            return
        for key, child in value.items():
            yield from texts(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from texts(child, (*path, index))


def game_texts(path: Path):
    return list(texts(yaml.safe_load(path.read_text(encoding="utf-8"))))


def phone_page(client, code: str, lang: str) -> tuple[str, dict]:
    """The join page's visible text and the strings its scripts get."""
    html = client.get(f"/j/{code}?lang={lang}").get_data(as_text=True)
    strings = json.loads(re.search(r'id="strings">(.*?)</script>', html, re.S).group(1))
    visible = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)
    return visible, strings


def dutch_catalogue() -> list[str]:
    with NL.open("rb") as handle:
        catalogue = read_po(handle)
    found = []
    for message in catalogue:
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        found += [s for s in strings if s]
    return found


@pytest.mark.parametrize("game", GAMES, ids=lambda p: p.name)
def test_the_dutch_of_every_game_says_je_not_u(game):
    formal = [(path, text["nl"]) for path, text in game_texts(game) if FORMAL.search(text["nl"])]
    assert not formal, formal


def test_the_dutch_catalogue_says_je_not_u():
    formal = [text for text in dutch_catalogue() if FORMAL.search(text)]
    assert not formal, formal


def test_the_check_catches_formal_dutch():
    assert FORMAL.search("Mensen zonder telefoon kunt u toevoegen")
    assert FORMAL.search("Uw kaartje is opgeslagen")
    assert not FORMAL.search("Je kunt {n} uur aanbieden; ga naar huis")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_phone_says_tap_not_click(client, make_session, lang):
    code = make_session()["code"]
    visible, strings = phone_page(client, code, lang)
    shown = [visible, *strings.values()]
    # what a phone shows of the games: every round's title, prompt, categories, labels …
    # (the facilitator's notes are for the console)
    for game in GAMES:
        shown += [text[lang] for path, text in game_texts(game) if "notes" not in path and text.get(lang)]
    clicks = [text for text in shown if isinstance(text, str) and CLICK[lang].search(text)]
    assert not clicks, clicks


@pytest.mark.parametrize("game", GAMES, ids=lambda p: p.name)
def test_no_round_asks_for_the_role_chosen_when_joining(game):
    asks = [
        (path, text[lang])
        for path, text in game_texts(game)
        if path and path[0] == "rounds"
        for lang in ("nl", "en")
        if CHOOSE_ROLE[lang].search(text.get(lang, ""))
    ]
    assert not asks, asks
