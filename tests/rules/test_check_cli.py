"""``samenspel rules check``: exit codes and the one-line-per-problem output."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from samenspel.rules.check import check_file, main_check
from samenspel.rules.mechanics import MECHANICS
from samenspel.rules.problems import Problem, RulesError

ROOT = Path(__file__).resolve().parents[2]
GAMES = ROOT / "game_rules"
DEFAULT = GAMES / "het-nieuwe-samenspel.yaml"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<field>\S+): (?P<message>.+) — (?P<fix>.+)$")


def run(paths: list[str]) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = main_check([str(p) for p in paths], out)
    return code, out.getvalue().splitlines()


def test_problem_string_format():
    problem = Problem(
        "game_rules/x.yaml",
        12,
        5,
        "rounds[3].mechanic",
        'unknown mechanic "vot"',
        "use one of: cards, discuss, introduce, plan, rate, vote",
    )
    assert str(problem) == (
        'game_rules/x.yaml:12:5: rounds[3].mechanic: unknown mechanic "vot" — '
        "use one of: cards, discuss, introduce, plan, rate, vote"
    )
    assert str(Problem("x.yaml", None, None, "", "cannot read the file")) == "x.yaml: cannot read the file"
    assert "x.yaml:1:1" in str(RulesError([Problem("x.yaml", 1, 1, "", "empty")]))


def test_shipped_games_are_ok():
    files = sorted(GAMES.glob("*.yaml"))
    code, lines = run(files)
    assert code == 0
    assert lines == [f"ok: {f}" for f in files]
    for file in files:
        assert check_file(file) == []


def test_folder_argument_checks_every_file():
    code, lines = run([GAMES])
    assert code == 0 and len(lines) == len(list(GAMES.glob("*.yaml")))


def test_broken_file_prints_one_line_per_problem(tmp_path):
    text = DEFAULT.read_text(encoding="utf-8")
    text = text.replace("mechanic: vote", "mechanic: vot").replace('version: "1.0"', "version: 1.0")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    code, lines = run([DEFAULT, broken])
    assert code == 1
    assert lines[0] == f"ok: {DEFAULT}"
    problems = [LINE.match(line) for line in lines[1:]]
    assert len(problems) == 2 and all(problems), lines
    assert [m["field"] for m in problems] == ["version", "rounds[6].mechanic"]
    vot = problems[1]
    assert vot["file"] == str(broken)
    assert int(vot["line"]) == text.splitlines().index("    mechanic: vot") + 1
    assert int(vot["column"]) == 15
    assert vot["message"] == 'unknown mechanic "vot"'
    assert vot["fix"] == "use one of: " + ", ".join(MECHANICS)


def test_missing_file_empty_folder_and_no_arguments(tmp_path):
    code, lines = run([tmp_path / "nope.yaml"])
    assert code == 1 and "cannot read the file" in lines[0]
    code, lines = run([tmp_path])
    assert code == 1 and "no .yaml files" in lines[0]
    code, lines = run([])
    assert code == 1 and lines[0].startswith("usage:")


def test_same_game_id_twice(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_text(DEFAULT.read_text(encoding="utf-8"), encoding="utf-8")
    code, lines = run([DEFAULT, copy])
    assert code == 1
    assert lines[1].startswith(f"{copy}:1:1: id: ") and "already used" in lines[1]


def test_garbage_file_is_a_problem_not_a_crash(tmp_path):
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(bytes(range(256)) * 4)
    code, lines = run([garbage])
    assert code == 1 and len(lines) == 1 and lines[0].startswith(str(garbage))


def test_module_entry_point(tmp_path):
    broken = tmp_path / "b.yaml"
    broken.write_text("- not\n- a game\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "samenspel.rules.check", str(DEFAULT), str(broken)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"ok: {DEFAULT}" in result.stdout
    assert f"{broken}:1:1: a rules file must be a mapping" in result.stdout
