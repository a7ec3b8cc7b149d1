"""Turn rules files into Game objects, or into a list of problems an author can act on.

The pipeline for one file: read bytes -> decode UTF-8 -> parse YAML with positions
(lines.py) -> JSON Schema (schema.py, assembled from the mechanics' settings; worded by
schema_errors.py) -> checks a schema cannot express (semantics.py, and each mechanic's own)
-> build the immutable model with every setting filled in.
Semantic checks only run once the schema passes: they rely on the document's shape.

Nothing but RulesError ever leaves ``load_game``; ``load_catalogue`` never raises at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from types import MappingProxyType
from typing import Any, Iterator, Mapping, NamedTuple

from . import semantics
from .defaults import DEFAULT_ROLES
from .lines import Document, SyntaxProblem, parse
from .model import LANGUAGES, SCOPES, Game, PlanSection, Role, Round, Text
from .problems import Finding, Problem, RulesError, format_path
from .schema_errors import describe, schema_findings

#: A rules file is a few kilobytes; anything this big is a mistake (or an attack).
MAX_BYTES = 1_000_000
RULES_SUFFIXES = (".yaml", ".yml")
#: the fix for a file that is no rules file at all
START_FROM = "start from a copy of game_rules/het-nieuwe-samenspel.yaml"


def load_game(path: str | os.PathLike[str]) -> Game:
    """Load and validate one rules file; raise RulesError listing every problem."""
    game, problems = _load_path(path)
    if game is None:
        raise RulesError(problems)
    return game


def parse_game(text: str | bytes, file: str = "<rules>") -> Game:
    """Like load_game, for text that is already in memory (tests, uploads)."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    game, problems = _guarded(raw, file)
    if game is None:
        raise RulesError(problems)
    return game


def check_path(path: str | os.PathLike[str]) -> list[Problem]:
    """Every problem in one rules file; an empty list means the file is fine."""
    return _load_path(path)[1]


class Refused(NamedTuple):
    """A rules file that could not be loaded, and why (unpacks as ``file, problems``)."""

    file: str
    problems: tuple[Problem, ...]


class Record(Mapping[str, Any]):
    """A read-only mapping whose keys are also attributes: ``category["id"] == category.id``.

    Used for the entries inside settings (categories, rate items, scale) so mechanics may
    use either style.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]):
        object.__setattr__(self, "_data", dict(data))

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Record is read-only")

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._data.items(), key=lambda kv: kv[0])))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._data) == dict(other)

    def __repr__(self) -> str:
        return f"Record({self._data!r})"


@dataclass(frozen=True)
class Catalogue:
    """The games found in a directory: valid ones by id (ordered by title), refused files."""

    games: Mapping[str, Game] = field(default_factory=lambda: MappingProxyType({}))
    refused: tuple[Refused, ...] = ()

    def get(self, game_id: str) -> Game | None:
        return self.games.get(game_id)

    def __contains__(self, game_id: object) -> bool:
        return game_id in self.games

    def __iter__(self) -> Iterator[Game]:
        return iter(self.games.values())

    def __len__(self) -> int:
        return len(self.games)

    def __repr__(self) -> str:
        refused = [r.file for r in self.refused]
        return f"Catalogue(games={list(self.games)}, refused={refused})"


def load_catalogue(directory: str | os.PathLike[str]) -> Catalogue:
    """Load every ``*.yaml``/``*.yml`` file in ``directory`` (not recursive).

    A broken file is listed in ``refused`` with its problems; so is a second file that
    uses a game id already taken (files are read in name order, the first one wins).
    """
    folder = FsPath(directory)
    try:
        entries = sorted(
            p for p in folder.iterdir() if p.suffix.lower() in RULES_SUFFIXES and not p.name.startswith(".")
        )
    except OSError as error:
        problem = Problem(
            str(directory),
            None,
            None,
            "",
            f"cannot read the games folder: {error.strerror or error}",
            "check the path in the configuration",
        )
        return Catalogue(refused=(Refused(str(directory), (problem,)),))
    games: dict[str, Game] = {}
    refused: list[Refused] = []
    for entry in entries:
        file = str(entry)
        game, problems = _load_path(entry)
        if game is None:
            refused.append(Refused(file, tuple(problems)))
            continue
        if game.id in games:
            problem = Problem(
                file,
                1,
                1,
                "id",
                f'game id "{game.id}" is already used by {games[game.id].source}',
                "give this game its own id (best: the file name)",
            )
            refused.append(Refused(file, (problem,)))
            continue
        games[game.id] = game
    ordered = sorted(games.values(), key=lambda g: (g.title.nl.casefold(), g.id))
    return Catalogue(MappingProxyType({g.id: g for g in ordered}), tuple(refused))


# --------------------------------------------------------------------------- pipeline


def _refused(file: str, message: str, fix: str, *, line: int | None = None, column: int | None = None):
    """The pipeline's answer for a file refused as a whole (not one field of it)."""
    return None, [Problem(file, line, column, "", message, fix)]


def _load_path(path: str | os.PathLike[str]) -> tuple[Game | None, list[Problem]]:
    file = os.fspath(path)
    try:
        with open(file, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        return _refused(file, "this is a folder, not a rules file", "give the path of a .yaml file")
    except OSError as error:
        reason = error.strerror or str(error)
        return _refused(file, f"cannot read the file: {reason}", "check the path and the file permissions")
    return _guarded(raw, file)


def _guarded(raw: bytes, file: str) -> tuple[Game | None, list[Problem]]:
    """Run the pipeline; a bug or resource limit becomes a problem, never an exception."""
    try:
        return _load_bytes(raw, file)
    except RecursionError:
        return _refused(file, "the document is nested too deeply", "a game needs only a few levels of indentation")
    except Exception as error:  # noqa: BLE001 - a rules file must never crash the server
        return _refused(
            file,
            f"internal error while checking: {type(error).__name__}: {error}",
            "please report this file to the Samenspel developers",
        )


def _load_bytes(raw: bytes, file: str) -> tuple[Game | None, list[Problem]]:
    if len(raw) > MAX_BYTES:
        return _refused(
            file,
            f"the file is larger than {MAX_BYTES // 1000} kB",
            "a rules file is a few kB of text; is this the right file?",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return _refused(
            file,
            "the file is not UTF-8 text",
            "save it as UTF-8 in your editor (or this is not a rules file)",
            line=line,
            column=column,
        )
    return _load_text(text, file)


def _load_text(text: str, file: str) -> tuple[Game | None, list[Problem]]:
    try:
        document = parse(text)
    except SyntaxProblem as problem:
        return _refused(file, problem.message, problem.fix, line=problem.line, column=problem.column)
    data = document.data
    if data is None:
        return _refused(file, "the file is empty", START_FROM, line=1, column=1)
    if not isinstance(data, dict):
        line, column = document.locate(())
        return _refused(
            file,
            f"a rules file must be a mapping of fields (id:, title:, rounds: ...), not {describe(data)}",
            START_FROM,
            line=line,
            column=column,
        )
    findings = list(document.findings)
    schema_problems = schema_findings(data)
    findings.extend(schema_problems)
    if not schema_problems:
        findings.extend(semantics.check(data))
    if findings:
        return None, _to_problems(findings, document, file)
    return _build(data, file, text), []


def _to_problems(findings: list[Finding], document: Document, file: str) -> list[Problem]:
    problems = []
    for finding in dict.fromkeys(findings):
        line, column = document.locate(finding.path, at_key=finding.at_key)
        problems.append(Problem(file, line, column, format_path(finding.path), finding.message, finding.fix))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0, p.field_path))
    return problems


# --------------------------------------------------------------------------- building


def _text(value: Mapping[str, str]) -> Text:
    return Text(nl=value["nl"].strip(), en=value.get("en", "").strip())


def _role(entry: Any) -> Role:
    if isinstance(entry, str):
        entry = next(r for r in DEFAULT_ROLES if r["id"] == entry)
    return Role(
        id=entry["id"],
        name=_text(entry["name"]),
        colour=entry["colour"].upper(),
        perspective=_text(entry["perspective"]) if "perspective" in entry else Text(""),
        description=_text(entry["description"]),
        min_players=entry.get("min"),
        max_players=entry.get("max"),
    )


def freeze(value: Any, top: bool = True) -> Any:
    """Deep-freeze settings: the top mapping becomes a MappingProxyType, nested mappings
    Records, lists tuples, and ``{nl, en}`` mappings Text."""
    if isinstance(value, dict):
        if value and set(value) <= set(LANGUAGES) and isinstance(value.get(LANGUAGES[0]), str):
            return _text(value)
        frozen = {k: freeze(v, top=False) for k, v in value.items()}
        return MappingProxyType(frozen) if top else Record(frozen)
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v, top=False) for v in value)
    return value


def _build(data: dict[str, Any], file: str, text: str = "") -> Game:
    roles_entry = data["roles"]
    entries = list(DEFAULT_ROLES) if roles_entry == "default" else roles_entry
    roles = tuple(_role(entry) for entry in entries)
    settings = semantics.effective_settings(data["rounds"])
    rounds = tuple(
        Round(
            id=rnd["id"],
            title=_text(rnd["title"]),
            prompt=_text(rnd["prompt"]),
            notes=_text(rnd["notes"]),
            minutes=rnd["minutes"],
            mechanic=rnd["mechanic"],
            settings=freeze(settings[index]),
            plan_section=rnd.get("plan_section"),
            scope=rnd.get("scope", SCOPES[-1]),
        )
        for index, rnd in enumerate(data["rounds"])
    )
    sections = tuple(
        PlanSection(id=s["id"], heading=_text(s["heading"])) for s in (data.get("plan") or {}).get("sections", [])
    )
    return Game(
        id=data["id"],
        version=data["version"],
        title=_text(data["title"]),
        summary=_text(data["summary"]),
        minutes=data["minutes"],
        players_min=data["players"]["min"],
        players_max=data["players"]["max"],
        roles=roles,
        rounds=rounds,
        plan_sections=sections,
        source=file,
        text=text,
    )
