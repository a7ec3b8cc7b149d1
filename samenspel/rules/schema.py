"""The JSON Schema of a rules file, assembled from the game-level shape below and the
settings each mechanic declares (``samenspel/rules/mechanics/``).

``samenspel/rules/schema.json`` is this schema written out for editors (VS Code's YAML
extension and the like); ``python -m samenspel.rules.schema`` rewrites it and a test checks
that the file is current.
"""

from __future__ import annotations

import copy
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .defaults import DEFAULT_ROLE_IDS
from .mechanics import MECHANICS
from .model import LANGUAGE_NAMES, LANGUAGES, SCOPES
from .settings import MechanicSettings, entry

PUBLISHED = Path(__file__).with_name("schema.json")


def _text() -> dict[str, Any]:
    return {
        "type": "object",
        "title": "Text",
        "description": "a text in "
        + " and ".join(LANGUAGE_NAMES[lang] for lang in LANGUAGES)
        + ": {"
        + ", ".join(f"{lang}: ..." for lang in LANGUAGES)
        + "}",
        "required": list(LANGUAGES),
        "properties": {
            lang: {
                "type": "string",
                "minLength": 1,
                "description": f"{LANGUAGE_NAMES[lang]} text"
                + (" (plain language, B1)" if lang == LANGUAGES[0] else ""),
            }
            for lang in LANGUAGES
        },
        "additionalProperties": False,
    }


def _base() -> dict[str, Any]:
    """Everything but the mechanics: the game, its roles, its plan and the shape of a round."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:samenspel:rules:1",
        "title": "Samenspel rules file",
        "description": "A game for Samenspel: roles, rounds and the plan they fill. See docs/rules.md.",
        "type": "object",
        "required": ["id", "version", "title", "summary", "minutes", "players", "roles", "rounds"],
        "properties": {
            "id": {"$ref": "#/$defs/id", "description": "the game id, e.g. het-nieuwe-samenspel (best: the file name)"},
            "version": {
                "type": "string",
                "minLength": 1,
                "description": 'the version of this game, in quotes, e.g. "1.0"',
            },
            "title": {"$ref": "#/$defs/text", "description": "the game title"},
            "summary": {"$ref": "#/$defs/text", "description": "one or two sentences on what the game is for"},
            "minutes": {
                "type": "integer",
                "minimum": 1,
                "maximum": 600,
                "description": "the total playing time; the round minutes must add up to it",
            },
            "players": {
                "type": "object",
                "description": "players: {min: 4, max: 30}",
                "required": ["min", "max"],
                "properties": {
                    "min": {"type": "integer", "minimum": 1, "maximum": 200, "description": "least number of players"},
                    "max": {"type": "integer", "minimum": 1, "maximum": 200, "description": "most number of players"},
                },
                "additionalProperties": False,
            },
            "roles": {
                "description": "default (the six standard roles) or a list of roles",
                "if": {"type": "string"},
                "then": {"const": "default"},
                "else": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/roleEntry"}},
            },
            "plan": {
                "type": "object",
                "description": "the plan document: its sections in order",
                "required": ["sections"],
                "properties": {
                    "sections": {
                        "type": "array",
                        "minItems": 1,
                        "items": entry("PlanSection", "a plan section", "heading", "the heading in the plan document"),
                    },
                },
                "additionalProperties": False,
            },
            "rounds": {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/round"},
                "description": "the rounds, in playing order",
            },
        },
        "additionalProperties": False,
        "$defs": {
            "id": {
                "type": "string",
                "pattern": "^[a-z0-9]+([-_][a-z0-9]+)*$",
                "maxLength": 40,
                "description": "lowercase letters, digits and hyphens, e.g. kansen-drempels",
            },
            "text": _text(),
            "colour": {
                "type": "string",
                "pattern": "^#[0-9A-Fa-f]{6}$",
                "description": 'a colour as "#RRGGBB" in quotes, e.g. "#0072B2"',
            },
            "role": {
                "type": "object",
                "title": "Role",
                "description": "a role",
                "required": ["id", "name", "colour", "description"],
                "properties": {
                    "id": {"$ref": "#/$defs/id", "description": "the role id, e.g. inwoner"},
                    "name": {"$ref": "#/$defs/text", "description": "the role name, e.g. {nl: Inwoner, en: Resident}"},
                    "colour": {"$ref": "#/$defs/colour"},
                    "perspective": {
                        "$ref": "#/$defs/text",
                        "description": "one line: how this role looks at the initiative; a perspective swap hands out "
                        "only roles that have one (the standard role anders has none)",
                    },
                    "description": {
                        "$ref": "#/$defs/text",
                        "description": "a short description of who plays this role",
                    },
                    "min": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 200,
                        "description": "least number of players with this role in a session",
                    },
                    "max": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": 200,
                        "description": "most players with this role in a session",
                    },
                },
                "additionalProperties": False,
            },
            "roleEntry": {
                "description": "a default role id (e.g. inwoner) or a full role",
                "if": {"type": "string"},
                "then": {"enum": list(DEFAULT_ROLE_IDS)},
                "else": {"$ref": "#/$defs/role"},
            },
            "round": {
                "type": "object",
                "title": "Round",
                "description": "a round",
                "required": ["id", "title", "prompt", "notes", "minutes", "mechanic"],
                "properties": {
                    "id": {"$ref": "#/$defs/id", "description": "the round id, e.g. droom"},
                    "title": {"$ref": "#/$defs/text", "description": "the round title"},
                    "prompt": {"$ref": "#/$defs/text", "description": "the question or task players see"},
                    "notes": {"$ref": "#/$defs/text", "description": "notes for the facilitator"},
                    "minutes": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": 240,
                        "description": "how long the round lasts, in whole minutes",
                    },
                    "mechanic": {"enum": [], "description": "what players do"},  # filled in by assemble()
                    "plan_section": {"$ref": "#/$defs/id", "description": "id of the plan section this round fills"},
                    "scope": {
                        "enum": list(SCOPES),
                        "description": "where the round is played when the session plays at tables: table (at "
                        "each table) or plenary (the whole hall, the default); without tables it is ignored",
                    },
                    "settings": {"type": "object", "description": "settings of the mechanic"},
                },
                "additionalProperties": False,
                "allOf": [],  # one entry per mechanic, filled in by assemble()
            },
        },
    }


def assemble(mechanics: Mapping[str, MechanicSettings]) -> dict[str, Any]:
    """The schema of a rules file whose rounds may use ``mechanics``."""
    schema = _base()
    defs = schema["$defs"]
    rnd = defs["round"]
    keys = sorted(mechanics)
    rnd["properties"]["mechanic"] = {"enum": keys, "description": "what players do: " + ", ".join(keys)}
    for key in keys:
        spec = mechanics[key]
        for name, fragment in spec.defs.items():
            if name in defs and defs[name] != fragment:
                raise ValueError(f"mechanic {key}: $defs/{name} is already defined differently")
            defs[name] = copy.deepcopy(dict(fragment))
        defs[f"settings.{key}"] = spec.schema()
        when = {"properties": {"mechanic": {"const": key}}, "required": ["mechanic"]}
        then: dict[str, Any] = {"properties": {"settings": {"$ref": f"#/$defs/settings.{key}"}}}
        if spec.required:
            then["required"] = ["settings"]
        rnd["allOf"].append({"if": when, "then": then})
    return schema


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of a rules file with every mechanic this app has."""
    return assemble(MECHANICS)


def published_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m samenspel.rules.schema: rewrite schema.json
    PUBLISHED.write_text(published_text(), encoding="utf-8")
    print(f"wrote {PUBLISHED}", file=sys.stderr)
