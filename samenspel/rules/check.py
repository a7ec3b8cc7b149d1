"""``samenspel rules check FILE...``: validate rules files and print what to fix.

Prints ``ok: <file>`` for every good file and one line per problem otherwise, in the
``file:line:column: field: message — fix`` form that editors and CI logs can link to.
A directory argument checks every ``*.yaml``/``*.yml`` file in it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from .loader import RULES_SUFFIXES, check_path, load_game
from .problems import Problem, RulesError


def check_file(path: str | os.PathLike[str]) -> list[Problem]:
    """Every problem in one rules file; an empty list means it is fine."""
    return check_path(path)


def _expand(paths: list[str]) -> list[str]:
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found = sorted(
                str(p)
                for p in Path(path).iterdir()
                if p.suffix.lower() in RULES_SUFFIXES and not p.name.startswith(".")
            )
            files.extend(found or [path])
        else:
            files.append(path)
    return files


def main_check(paths: list[str], out: TextIO | None = None) -> int:
    """Check each path; return 0 when every file is fine, 1 otherwise."""
    out = out if out is not None else sys.stdout
    if not paths:
        print("usage: samenspel rules check FILE_OR_FOLDER...", file=out)
        return 1
    failed = False
    ids: dict[str, str] = {}
    for file in _expand(paths):
        if os.path.isdir(file):
            print(f"{file}: no .yaml files in this folder", file=out)
            failed = True
            continue
        try:
            game = load_game(file)
        except RulesError as error:
            failed = True
            for problem in error.problems:
                print(str(problem), file=out)
            continue
        if game.id in ids:
            failed = True
            print(
                f'{file}:1:1: id: game id "{game.id}" is already used by {ids[game.id]}'
                " — give this game its own id (best: the file name)",
                file=out,
            )
            continue
        ids[game.id] = file
        print(f"ok: {file}", file=out)
    return 1 if failed else 0


if __name__ == "__main__":  # python -m samenspel.rules.check FILE...
    sys.exit(main_check(sys.argv[1:]))
