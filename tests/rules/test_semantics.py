"""One broken rules file per kind of mistake: each must name the right line, field and fix.

Every case starts from a shipped game, changes one thing, and checks the problem found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from samenspel.rules.check import check_file
from samenspel.rules.mechanics import MECHANICS
from samenspel.rules.problems import Problem
from samenspel.rules.semantics import contrast_with_white, darker_suggestion

GAMES = Path(__file__).resolve().parents[2] / "game_rules"
DEFAULT = (GAMES / "het-nieuwe-samenspel.yaml").read_text(encoding="utf-8")
WIJK = (GAMES / "wijkuitvoeringsplan.yaml").read_text(encoding="utf-8")

MINIMAL = """\
id: mini
version: "1"
title: {nl: Mini, en: Mini}
summary: {nl: Klein spel, en: Small game}
minutes: 10
players: {min: 2, max: 10}
roles: default
rounds:
  - id: stem
    title: {nl: Stem, en: Vote}
    prompt: {nl: Stem, en: Vote}
    notes: {nl: Tel, en: Count}
    minutes: 10
    mechanic: vote
"""


def check_text(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "game.yaml"
    path.write_text(text, encoding="utf-8")
    return check_file(path)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, f"test fixture out of date: {old!r} not in the game file"
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


# name, base text, old, new, field, words in message, words in fix, text on the reported line
CASES = [
    (
        "unknown mechanic",
        DEFAULT,
        "mechanic: vote",
        "mechanic: vot",
        "rounds[6].mechanic",
        'unknown mechanic "vot"',
        "use one of: " + ", ".join(MECHANICS),
        "mechanic: vot",
    ),
    (
        "duplicate round id",
        DEFAULT,
        "  - id: belangen\n    title",
        "  - id: droom\n    title",
        "rounds[2].id",
        'round id "droom" is used more than once',
        "its own id",
        "  - id: droom\n    title: {nl: Belangen",
    ),
    (
        "duplicate category id",
        DEFAULT,
        "        - id: drempel\n",
        "        - id: kans\n",
        "rounds[4].settings.categories[1].id",
        'category id "kans"',
        "its own id",
        "        - id: kans\n          name: {nl: Drempel",
    ),
    (
        "duplicate rate item",
        DEFAULT,
        "        - id: vertrouwen\n",
        "        - id: luisteren\n",
        "rounds[9].settings.items[1].id",
        'rate item id "luisteren"',
        "its own id",
        "        - id: luisteren\n          label: {nl: Ik vertrouw",
    ),
    (
        "duplicate role id",
        WIJK,
        "  - id: huurder\n",
        "  - id: bewoner\n",
        "roles[1].id",
        'role id "bewoner"',
        "its own id",
        "  - id: bewoner\n    name: {nl: Huurder",
    ),
    (
        "vote from unknown round",
        DEFAULT,
        "from_round: ideeen",
        "from_round: ideen",
        "rounds[6].settings.from_round",
        'round "ideen", which does not exist',
        "ideeen",
        "from_round: ideen",
    ),
    (
        "vote from later round",
        DEFAULT,
        "from_round: ideeen",
        "from_round: actiepad",
        "rounds[6].settings.from_round",
        "a later round",
        "earlier cards round",
        "from_round: actiepad",
    ),
    (
        "vote from itself",
        DEFAULT,
        "from_round: ideeen",
        "from_round: kiezen",
        "rounds[6].settings.from_round",
        "this same round",
        "earlier cards round",
        "from_round: kiezen",
    ),
    (
        "vote from non-cards round",
        DEFAULT,
        "from_round: ideeen",
        "from_round: welkom",
        "rounds[6].settings.from_round",
        "an introduce round, not a cards round",
        "use one of: droom",
        "from_round: welkom",
    ),
    (
        "plan ideas from non-vote round",
        DEFAULT,
        "ideas_from: kiezen",
        "ideas_from: ideeen",
        "rounds[7].settings.ideas_from",
        "a cards round, not a vote round",
        "use one of: kiezen",
        "ideas_from: ideeen",
    ),
    (
        "unknown role in round",
        WIJK,
        "roles: [bewoner, huurder]",
        "roles: [bewoner, huurders]",
        "rounds[1].settings.roles[1]",
        'unknown role "huurders"',
        "huurder",
        "roles: [bewoner, huurders]",
    ),
    (
        "minutes do not add up",
        DEFAULT,
        "minutes: 120",
        "minutes: 100",
        "minutes",
        "add up to 120 minutes, but minutes says 100",
        "change minutes to 120",
        "minutes: 100",
    ),
    (
        "missing English",
        DEFAULT,
        "      en: Write in one sentence what you bring to this initiative.\n",
        "",
        "rounds[0].prompt.en",
        "missing the English text",
        'add "en: ..."',
        "      nl: Schrijf in één zin wat jij meebrengt",
    ),
    (
        "missing Dutch",
        DEFAULT,
        "title: {nl: Kiezen, en: Choosing}",
        "title: {en: Choosing}",
        "rounds[6].title.nl",
        "missing the Dutch text",
        'add "nl: ..."',
        "title: {en: Choosing}",
    ),
    (
        "blank English",
        DEFAULT,
        "title: {nl: Kiezen, en: Choosing}",
        "title: {nl: Kiezen, en: ' '}",
        "rounds[6].title.en",
        "the English text is blank",
        "English wording",
        "en: ' '",
    ),
    (
        "text is a plain string",
        DEFAULT,
        "title: {nl: Kiezen, en: Choosing}",
        "title: Kiezen",
        "rounds[6].title",
        "must give a Dutch and an English text",
        '"nl: ..." and "en: ..."',
        "title: Kiezen",
    ),
    (
        "unknown plan section",
        DEFAULT,
        "plan_section: gekozen",
        "plan_section: gekozn",
        "rounds[6].plan_section",
        'unknown plan section "gekozn"',
        "gekozen",
        "plan_section: gekozn",
    ),
    (
        "players min above max",
        DEFAULT,
        "  min: 4\n  max: 80",
        "  min: 90\n  max: 80",
        "players.min",
        "min (90) is more than max (80)",
        "smaller than or equal",
        "  min: 90",
    ),
    (
        "colour not hex",
        WIJK,
        'colour: "#1C95D9"',
        'colour: "lightblue"',
        "roles[1].colour",
        '"lightblue" is not a colour',
        '"#RRGGBB"',
        'colour: "lightblue"',
    ),
    (
        "colour without quotes",
        WIJK,
        'colour: "#1C95D9"',
        "colour: #1C95D9",
        "roles[1].colour",
        "the colour is empty",
        "put the colour in quotes",
        "colour: #1C95D9",
    ),
    (
        "colour too light",
        WIJK,
        'colour: "#1C95D9"',
        'colour: "#F0E442"',
        "roles[1].colour",
        "too little contrast against white",
        "use a darker colour",
        'colour: "#F0E442"',
    ),
    (
        "colour used twice",
        WIJK,
        'colour: "#1C95D9"',
        'colour: "#0072b2"',
        "roles[1].colour",
        'the same colour as role "bewoner"',
        "its own colour",
        'colour: "#0072b2"',
    ),
    (
        "role min above max",
        WIJK,
        "    max: 4\n    perspective:\n      nl: Het stroomnet",
        "    min: 5\n    max: 4\n    perspective:\n      nl: Het stroomnet",
        "roles[4].min",
        "min (5) is more than max (4)",
        "smaller than or equal",
        "    min: 5",
    ),
    (
        "unknown default role",
        WIJK,
        "  - ondernemer  #",
        "  - ondernemers  #",
        "roles[6]",
        'unknown default role "ondernemers"',
        'did you mean "ondernemer"',
        "  - ondernemers",
    ),
    (
        "typo in a field",
        DEFAULT,
        "    prompt:\n      nl: Wat kunnen we echt",
        "    promt:\n      nl: Wat kunnen we echt",
        "rounds[5].promt",
        'unknown field "promt"',
        'did you mean "prompt"',
        "    promt:",
    ),
    (
        "typo in a setting",
        DEFAULT,
        "      votes_per_player: 3",
        "      votes_per_person: 3",
        "rounds[6].settings.votes_per_person",
        'unknown setting "votes_per_person"',
        'did you mean "votes_per_player"',
        "votes_per_person",
    ),
    (
        "setting of another mechanic",
        DEFAULT,
        "      max_length: 140",
        "      max_per_card: 2",
        "rounds[0].settings.max_per_card",
        'unknown setting "max_per_card"',
        "allowed here: max_length",
        "max_per_card: 2",
    ),
    (
        "missing round field",
        DEFAULT,
        "    minutes: 20\n",
        "",
        "rounds[8].minutes",
        'missing "minutes"',
        'add "minutes:"',
        "  - id: actiepad\n    title",
    ),
    (
        "minutes not a number",
        DEFAULT,
        "    minutes: 20\n",
        "    minutes: twintig\n",
        "rounds[8].minutes",
        'must be a whole number, not the text "twintig"',
        "whole number",
        "minutes: twintig",
    ),
    (
        "minutes zero",
        DEFAULT,
        "    minutes: 20\n",
        "    minutes: 0\n",
        "rounds[8].minutes",
        "must be at least 1, not 0",
        "write 1 or more",
        "minutes: 0",
    ),
    (
        "bad visibility",
        DEFAULT,
        "      visibility: live",
        "      visibility: later",
        "rounds[1].settings.visibility",
        '"later" is not allowed',
        "use one of: live, reveal",
        "visibility: later",
    ),
    (
        "bad id",
        DEFAULT,
        "  - id: kansen-drempels\n    title",
        "  - id: Kansen Drempels\n    title",
        "rounds[4].id",
        '"Kansen Drempels" is not a valid id',
        '"kansen-drempels"',
        "  - id: Kansen Drempels",
    ),
    (
        "version as number",
        DEFAULT,
        'version: "1.0"',
        "version: 1.0",
        "version",
        "must be text, not the number 1.0",
        'version: "1.0"',
        "version: 1.0",
    ),
    (
        "duplicate YAML key",
        DEFAULT,
        "minutes: 120\n",
        "minutes: 120\nminutes:  120\n",
        "minutes",
        'duplicate key "minutes"',
        "keep one of them",
        "minutes:  120",
    ),
    (
        "group by category without categories",
        DEFAULT,
        "      max_per_player: 3\n      group_by: role\n",
        "      max_per_player: 3\n      group_by: category\n",
        "rounds[2].settings.group_by",
        "no categories",
        "add categories:",
        "group_by: category",
    ),
    (
        "anonymous grouped by role",
        DEFAULT,
        "      max_per_player: 3\n      group_by: role\n",
        "      max_per_player: 3\n      group_by: role\n      anonymous: true\n",
        "rounds[2].settings.group_by",
        "anonymous cards cannot be grouped by role",
        "anonymous: false",
        "group_by: role\n      anonymous",
    ),
    (
        "more votes per card than per player",
        DEFAULT,
        "      max_per_card: 2",
        "      max_per_card: 4",
        "rounds[6].settings.max_per_card",
        "is more than votes_per_player",
        "at most votes_per_player",
        "max_per_card: 4",
    ),
    (
        "required plan field not offered",
        DEFAULT,
        "      fields: [what, owner, partners, due, needs]\n      required: [what]",
        "      fields: [what, partners, due, needs]\n      required: [what, owner]",
        "rounds[8].settings.required[1]",
        'required field "owner" is not in fields',
        'add "owner" to fields',
        "required: [what, owner]",
    ),
    (
        "rate scale upside down",
        DEFAULT,
        "scale: {min: 1, max: 5}",
        "scale: {min: 5, max: 1}",
        "rounds[9].settings.scale",
        "scale min (5) must be below max (1)",
        "{min: 1, max: 5}",
        "scale: {min: 5",
    ),
    (
        "rate without items",
        DEFAULT,
        "      scale: {min: 1, max: 5}\n      word: true\n",
        "",
        "rounds[9].settings.items",
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize("name, base, old, new, field, message, fix, on_line", CASES, ids=[c[0] for c in CASES])
def test_broken_file(tmp_path, name, base, old, new, field, message, fix, on_line):
    if name == "rate without items":
        text = base[: base.index("      items:\n        - id: luisteren")] + "      word: true\n"
    else:
        text = replace_once(base, old, new)
    problems = check_text(tmp_path, text)
    matching = [p for p in problems if p.field_path == field]
    assert matching, f"expected a problem at {field}, got:\n" + "\n".join(map(str, problems))
    problem = matching[0]
    if message:
        assert message in problem.message, str(problem)
    if fix:
        assert fix in problem.fix, str(problem)
    if on_line:
        assert problem.line == line_of(text, on_line), str(problem)
    assert problem.column is not None and problem.column >= 1
    assert problem.file == str(tmp_path / "game.yaml")
    assert str(problem).startswith(f"{problem.file}:{problem.line}:{problem.column}: {field}: ")


def test_vote_without_any_cards_round(tmp_path):
    (problem,) = check_text(tmp_path, MINIMAL)
    assert problem.field_path == "rounds[0].mechanic"
    assert "needs an earlier cards round" in problem.message
    assert problem.line == line_of(MINIMAL, "mechanic: vote")


def test_plan_section_without_a_plan(tmp_path):
    text = MINIMAL.replace("mechanic: vote", "mechanic: discuss\n    plan_section: verslag")
    (problem,) = check_text(tmp_path, text)
    assert problem.field_path == "rounds[0].plan_section"
    assert "add a plan:" in problem.fix


def test_discuss_has_no_settings(tmp_path):
    text = MINIMAL.replace("mechanic: vote", "mechanic: discuss\n    settings: {max_length: 3}")
    (problem,) = check_text(tmp_path, text)
    assert problem.message == 'unknown setting "max_length"'
    assert "no settings" in problem.fix


def test_role_mins_exceed_players(tmp_path):
    text = WIJK.replace(
        "    max: 4\n    perspective:\n      nl: Het stroomnet",
        "    min: 3\n    max: 4\n    perspective:\n      nl: Het stroomnet",
        1,
    )
    text = text.replace("  min: 5\n  max: 40", "  min: 2\n  max: 2", 1)
    problems = check_text(tmp_path, text)
    assert any(p.field_path == "roles" and "at least 3 players" in p.message for p in problems)


def test_all_problems_are_reported_at_once(tmp_path):
    text = (
        DEFAULT.replace("mechanic: vote", "mechanic: vot")
        .replace("    titel", "x")
        .replace('version: "1.0"', "version: 1.0")
    )
    problems = check_text(tmp_path, text)
    assert {p.field_path for p in problems} >= {"version", "rounds[6].mechanic"}
    assert [p.line for p in problems] == sorted(p.line for p in problems), "sorted by line"


def test_typo_does_not_also_report_the_missing_field(tmp_path):
    text = replace_once(DEFAULT, "  - id: droom\n    title:", "  - id: droom\n    titel:")
    (problem,) = check_text(tmp_path, text)
    assert problem.field_path == "rounds[1].titel"


def test_darker_suggestion_reaches_the_contrast():
    for colour in ("#F0E442", "#56B4E9", "#E69F00", "#FFFFFF"):
        assert contrast_with_white(darker_suggestion(colour)) >= 3.0
