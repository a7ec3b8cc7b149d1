"""The review mechanic's settings in a rules file (issue 13): ``steps_from`` names a plan
round anywhere in the game (the follow-up's plan round comes after its review), left out it
is the first plan round; every bad setting is reported with the file, the line and a fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenspel.rules.check import check_file
from samenspel.rules.loader import load_game

GAMES = Path(__file__).resolve().parents[2] / "game_rules"
ONDERWEG = (GAMES / "samenspel-onderweg.yaml").read_text(encoding="utf-8")
AFRONDING = (GAMES / "samenspel-afronding.yaml").read_text(encoding="utf-8")
REVIEW_SETTINGS = "    mechanic: review\n    plan_section: terugblik\n    settings:\n      steps_from: actiepad\n"


def check_text(tmp_path: Path, text: str):
    path = tmp_path / "game.yaml"
    path.write_text(text, encoding="utf-8")
    return path, check_file(path)


def with_review(settings: str) -> str:
    assert REVIEW_SETTINGS in ONDERWEG
    return ONDERWEG.replace(REVIEW_SETTINGS, "    mechanic: review\n    plan_section: terugblik\n" + settings, 1)


def line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


def test_the_shipped_follow_up_games_load_with_their_review():
    onderweg = load_game(GAMES / "samenspel-onderweg.yaml")
    assert [r.mechanic for r in onderweg.rounds] == ["introduce", "review", "cards", "vote", "plan", "rate"]
    assert dict(onderweg.round("terugblik").settings) == {"steps_from": "actiepad", "status_by": "anyone", "help": True}
    assert sum(r.minutes for r in onderweg.rounds) == onderweg.minutes == 60
    afronding = load_game(GAMES / "samenspel-afronding.yaml")
    assert afronding.round("terugblik").settings["steps_from"] == "dragen"
    # the lessons: one cards block per question in the plan section "lessen"
    assert [r.id for r in afronding.rounds if r.plan_section == "lessen"] == ["wat-werkte", "anders-doen", "gaat-door"]
    assert afronding.round("dragen").mechanic == "plan" and afronding.round("dragen").plan_section == "wie-draagt"


def test_steps_from_left_out_is_the_first_plan_round(tmp_path):
    path, problems = check_text(tmp_path, with_review("    settings:\n      status_by: owner\n"))
    assert problems == []
    assert load_game(path).round("terugblik").settings["steps_from"] == "actiepad"


@pytest.mark.parametrize(
    "settings,field,message,fix,on_line",
    [
        (
            "    settings:\n      steps_from: actiepat\n",
            "rounds[1].settings.steps_from",
            'refers to round "actiepat", which does not exist',
            "use one of: actiepad",
            "steps_from: actiepat",
        ),
        (
            "    settings:\n      steps_from: kiezen\n",
            "rounds[1].settings.steps_from",
            'refers to "kiezen", a vote round, not a plan round',
            "use one of: actiepad",
            "steps_from: kiezen",
        ),
        (
            "    settings:\n      status_by: trekker\n",
            "rounds[1].settings.status_by",
            "trekker",
            "anyone",
            "status_by: trekker",
        ),
        (
            "    settings:\n      help: ja\n",
            "rounds[1].settings.help",
            None,
            None,
            "help: ja",
        ),
        (
            "    settings:\n      steps_fro: actiepad\n",
            "rounds[1].settings.steps_fro",
            None,
            "steps_from",
            "steps_fro: actiepad",
        ),
    ],
)
def test_bad_review_settings_name_the_place_and_the_fix(tmp_path, settings, field, message, fix, on_line):
    text = with_review(settings)
    path, problems = check_text(tmp_path, text)
    matching = [p for p in problems if p.field_path == field]
    assert matching, "\n".join(map(str, problems))
    problem = matching[0]
    assert problem.file == str(path) and problem.line == line_of(text, on_line), str(problem)
    if message:
        assert message in problem.message, str(problem)
    if fix:
        assert fix in str(problem), str(problem)


def test_help_and_owner_need_those_fields_in_the_plan(tmp_path):
    text = ONDERWEG.replace("      required: [what, owner]\n", "      fields: [what, due]\n      required: [what]\n", 1)
    text = text.replace("      steps_from: actiepad\n", "      steps_from: actiepad\n      status_by: owner\n", 1)
    _, problems = check_text(tmp_path, text)
    by_field = {p.field_path: p for p in problems}
    assert "have no partners" in by_field["rounds[1].settings.help"].message
    assert "help: false" in by_field["rounds[1].settings.help"].fix
    assert "have no owner" in by_field["rounds[1].settings.status_by"].message


def test_a_review_without_any_plan_round(tmp_path):
    start = AFRONDING.index("  - id: dragen")
    end = AFRONDING.index("  - id: samenspel")
    text = AFRONDING[:start] + AFRONDING[end:]
    text = text.replace("minutes: 60\nplayers", "minutes: 50\nplayers", 1)
    text = text.replace("      steps_from: dragen\n      help: false\n", "      help: false\n")
    _, problems = check_text(tmp_path, text)
    (problem,) = [p for p in problems if p.field_path == "rounds[1].mechanic"]
    assert "needs a plan round in the game, and there is none" in problem.message
    assert problem.line == line_of(text, "mechanic: review")
