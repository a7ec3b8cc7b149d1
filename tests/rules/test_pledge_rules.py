"""The pledge mechanic's settings in a rules file: its schema fragment, its defaults and the
reference to the vote whose chosen ideas players bring something in for."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenspel.rules.loader import load_game, parse_game
from samenspel.rules.problems import RulesError

GAMES = Path(__file__).resolve().parents[2] / "game_rules"
DEFAULT = (GAMES / "het-nieuwe-samenspel.yaml").read_text(encoding="utf-8")
PLEDGE_SETTINGS = "      ideas_from: kiezen\n      max_per_player: 3\n"


def with_settings(settings: str) -> str:
    assert DEFAULT.count(PLEDGE_SETTINGS) == 1, "test fixture out of date"
    return DEFAULT.replace(PLEDGE_SETTINGS, settings)


def problems(text: str):
    with pytest.raises(RulesError) as caught:
        parse_game(text, "game.yaml")
    return [(p.field_path, p.message, p.fix) for p in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("name,minutes", [("het-nieuwe-samenspel.yaml", 120), ("samenspel-avond-60.yaml", 60)])
def test_the_shipped_games_have_a_pledge_round_between_the_vote_and_the_action_path(name, minutes):
    game = load_game(GAMES / name)
    mechanics = [r.mechanic for r in game.rounds]
    assert mechanics.index("vote") + 1 == mechanics.index("pledge") == mechanics.index("plan") - 1
    rnd = game.rounds[mechanics.index("pledge")]
    assert rnd.settings["ideas_from"] == game.rounds[mechanics.index("vote")].id
    assert rnd.plan_section in {s.id for s in game.plan_sections}
    assert sum(r.minutes for r in game.rounds) == game.minutes == minutes


def test_every_setting_gets_its_default():
    settings = parse_game(with_settings("      max_hours: 40\n")).round("inbreng").settings
    assert dict(settings) == {
        "ideas_from": "kiezen",
        "resources": ("time", "materials", "network", "expertise", "money"),
        "max_per_player": 5,
        "max_length": 140,
        "max_hours": 40,
        "max_amount": 100000,
    }


@pytest.mark.parametrize(
    "settings,field,message,fix",
    [
        (
            "      resources: [time, coffee]\n",
            "rounds[7].settings.resources[1]",
            '"coffee" is not allowed',
            "use one of: time, materials, network, expertise, money",
        ),
        ("      resources: []\n", "rounds[7].settings.resources", "needs at least 1 item(s)", "add an item"),
        (
            "      resources: [time, time]\n",
            "rounds[7].settings.resources",
            "lists the same value twice",
            "remove the repeat",
        ),
        ("      max_hours: 0\n", "rounds[7].settings.max_hours", "must be at least 1, not 0", "write 1 or more"),
        ("      max_per_player: 51\n", "rounds[7].settings.max_per_player", "must be at most 50", "write 50 or less"),
        (
            "      max_lenght: 80\n",
            "rounds[7].settings.max_lenght",
            'unknown setting "max_lenght"',
            'did you mean "max_length"?',
        ),
        (
            "      ideas_from: ideeen\n",
            "rounds[7].settings.ideas_from",
            "a cards round, not a vote round",
            "use one of: kiezen",
        ),
        (
            "      ideas_from: actiepad\n",
            "rounds[7].settings.ideas_from",
            "which is a later round",
            "refer to an earlier vote round",
        ),
        (
            "      ideas_from: nergens\n",
            "rounds[7].settings.ideas_from",
            'refers to round "nergens", which does not exist',
            "use one of: kiezen",
        ),
    ],
)
def test_a_wrong_setting_names_its_line_field_and_fix(settings, field, message, fix):
    text = with_settings(settings)
    with pytest.raises(RulesError) as caught:
        parse_game(text, "game.yaml")
    found = [p for p in caught.value.problems if p.field_path == field]
    assert found, [str(p) for p in caught.value.problems]
    assert message in found[0].message and fix in found[0].fix, str(found[0])
    assert found[0].file == "game.yaml"
    assert found[0].line == line_of(text, settings)


def test_a_pledge_round_needs_an_earlier_vote():
    text = DEFAULT.replace("    mechanic: vote\n", "    mechanic: cards\n").replace(
        "    settings:\n      from_round: ideeen\n      votes_per_player: 3\n      max_per_card: 2\n"
        "      carry_forward: 3\n      show_tally: close\n",
        "",
    )
    text = text.replace(PLEDGE_SETTINGS, "      max_per_player: 3\n")
    found = problems(text)
    assert (
        "rounds[7].mechanic",
        "this pledge round needs an earlier vote round, and there is none",
        "add a vote round before it",
    ) in found
