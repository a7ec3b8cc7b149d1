"""Problems found in a rules file, worded for the game author who has to fix them.

A problem names the file, the line and column (1-based, as editors count), the field
(a JSON-path-like string such as ``rounds[3].mechanic``, list indexes counted from 0),
what is wrong and what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, NamedTuple, Sequence

Path = tuple[Any, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: int | None
    field_path: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = self.file or "<rules>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.field_path:
            text += f"{self.field_path}: "
        text += self.message
        if self.fix:
            text += f" — {self.fix}"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field_path,
            "message": self.message,
            "fix": self.fix,
        }


class Finding(NamedTuple):
    """A problem before it knows its file and line: what the checks produce.

    ``at_key`` points the line at the mapping key itself (for "unknown field" or
    "duplicate key") rather than at its value.
    """

    path: Path
    message: str
    fix: str = ""
    at_key: bool = False


class RulesError(Exception):
    """A rules file could not be loaded; ``problems`` says why, every reason at once."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        if not self.problems:
            return "invalid rules file"
        lines = [str(p) for p in self.problems]
        return "\n".join(lines)


def format_path(path: Iterable[Any]) -> str:
    """``("rounds", 3, "mechanic")`` -> ``rounds[3].mechanic``."""
    text = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
