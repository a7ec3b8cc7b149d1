"""What a mechanic tells the rules loader about its settings: the contract every module in
``samenspel/rules/mechanics/`` fills in, and the helpers their checks share.

A mechanic's settings live in one place, its module there: the JSON Schema of each setting,
the default of each setting (the one source of every limit: the validated rules carry them,
the engine enforces them, the phone reads them from the round in the snapshot), the
references to earlier rounds, and the checks a schema cannot express. The loader assembles
the schema of a rules file from these fragments (``schema.py``) and fills in the defaults.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from .defaults import DEFAULT_ROLES
from .problems import Finding, Path


@dataclass(frozen=True)
class RoundContext:
    """One round of a rules file that passed the schema, as a mechanic's check sees it."""

    doc: Mapping[str, Any]  # the whole document
    index: int  # the round's position in ``rounds``
    given: Mapping[str, Any]  # its settings as written
    settings: Mapping[str, Any]  # with every default filled in, references resolved
    role_ids: tuple[str, ...]  # the game's roles

    @property
    def perspective_role_ids(self) -> tuple[str, ...]:
        """The game's roles that have a perspective: the only ones a perspective swap hands
        out (engine/perspectives.py); the standard role ``anders`` has none."""
        roles = self.doc.get("roles")
        entries = DEFAULT_ROLES if roles == "default" else roles or ()
        standard = {r["id"]: r for r in DEFAULT_ROLES}
        full = [standard.get(e) if isinstance(e, str) else e for e in entries]
        return tuple(r["id"] for r in full if r and r.get("perspective"))

    @property
    def path(self) -> Path:
        """Where the round's settings are in the file: ``("rounds", i, "settings")``."""
        return ("rounds", self.index, "settings")


Check = Callable[[RoundContext], Iterable[Finding]]


@dataclass(frozen=True)
class MechanicSettings:
    """The settings of one mechanic.

    ``properties`` maps each setting to its JSON Schema (with a ``description`` for authors;
    the ``default`` is added from ``defaults``). ``defaults`` holds a default for every
    setting that is not ``required``. ``defs`` are named schemas the properties refer to as
    ``#/$defs/<name>``. ``references`` maps a setting to the mechanic of the earlier round it
    names; left out, it means the nearest earlier round of that mechanic. ``anywhere`` maps a
    setting to the mechanic of a round it names before *or after* this one (a review walks
    through the steps of the plan round that comes later in a follow-up session); left out,
    it means the game's first round of that mechanic.
    """

    key: str
    summary: str
    properties: Mapping[str, Any]
    defaults: Mapping[str, Any]
    required: tuple[str, ...] = ()
    defs: Mapping[str, Any] = field(default_factory=dict)
    references: Mapping[str, str] = field(default_factory=dict)
    anywhere: Mapping[str, str] = field(default_factory=dict)
    check: Check | None = None

    def __post_init__(self) -> None:
        missing = set(self.properties) - set(self.defaults) - set(self.required)
        unknown = set(self.defaults) - set(self.properties)
        if missing or unknown:
            raise ValueError(
                f"{self.key}: defaults must cover exactly the optional settings "
                f"(missing {sorted(missing)}, unknown {sorted(unknown)})"
            )

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of a round's ``settings`` for this mechanic."""
        properties = {}
        for name, prop in self.properties.items():
            prop = dict(prop)
            if name in self.defaults and self.defaults[name] is not None:
                prop["default"] = copy.deepcopy(self.defaults[name])
            properties[name] = prop
        article = "an" if self.key[0] in "aeiou" else "a"
        schema: dict[str, Any] = {
            "type": "object",
            "description": (
                f"settings of {article} {self.key} round"
                if properties
                else f"{article} {self.key} round has no settings"
            ),
            "properties": properties,
            "additionalProperties": False,
        }
        if self.required:
            schema["required"] = list(self.required)
        return schema

    def with_defaults(self, given: Mapping[str, Any] | None) -> dict[str, Any]:
        """``given`` over the defaults; a mapping-valued setting (a scale) merges key by key."""
        merged = copy.deepcopy(dict(self.defaults))
        for name, value in (given or {}).items():
            if isinstance(value, Mapping) and isinstance(merged.get(name), Mapping):
                merged[name] = {**merged[name], **value}
            else:
                merged[name] = copy.deepcopy(value)
        return merged

    def run_checks(self, context: RoundContext) -> list[Finding]:
        return list(self.check(context)) if self.check else []


def entry(title: str, what: str, text_field: str, description: str) -> dict[str, Any]:
    """The schema of a list entry with an id and one bilingual text, e.g. a category
    ``{id, name: {nl, en}}``: ``entry("Category", "a category", "name", "the name shown to players")``."""
    return {
        "type": "object",
        "title": title,
        "description": f"{what}: {{id, {text_field}: {{nl, en}}}}",
        "required": ["id", text_field],
        "properties": {"id": {"$ref": "#/$defs/id"}, text_field: {"$ref": "#/$defs/text", "description": description}},
        "additionalProperties": False,
    }


def duplicates(items: Iterable[tuple[Path, Any]], what: str) -> list[Finding]:
    """A finding for every repeat of an id, at the repeat's own place."""
    items = list(items)
    counts = Counter(value for _, value in items)
    seen: set[Any] = set()
    findings = []
    for path, value in items:
        if counts[value] > 1 and value in seen:
            findings.append(
                Finding(path, f'{what} id "{value}" is used more than once', f"give each {what} its own id")
            )
        seen.add(value)
    return findings


__all__ = ["Check", "MechanicSettings", "RoundContext", "duplicates", "entry"]
