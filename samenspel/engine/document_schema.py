"""The JSON Schema of the plan document (``docs/plan.schema.json``), assembled from the
document's own frame below and each mechanic's ``block_schema`` and ``figures``.

``python -m samenspel.engine.document_schema > docs/plan.schema.json`` publishes it; a test
checks that the published file is current and that every document validates against it.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Mapping

from samenspel.engine.document import FORMAT, FORMAT_VERSION
from samenspel.engine.mechanics import MECHANICS, Mechanic
from samenspel.rules.model import LANGUAGES

_STEP_REF = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "number", "what", "owner", "due"],
    "properties": {
        "id": {"$ref": "#/$defs/id"},
        "number": {"type": "integer", "minimum": 1},
        "what": {"type": "string"},
        "owner": {"type": "string"},
        "due": {"oneOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
    },
}


_PEOPLE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["total", "roles"],
    "properties": {
        "total": {"type": "integer", "minimum": 0},
        "roles": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "name", "colour", "count"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "colour": {"$ref": "#/$defs/colour"},
                    "count": {"type": "integer", "minimum": 1},
                    "names": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "First names; absent when the plan is anonymous.",
                    },
                },
            },
        },
    },
}

_TABLES = {
    "type": "array",
    "description": "Only in a session played at tables (absent otherwise): one entry per table, in table "
    "order. Who sat where, what each table wrote in the rounds played at tables (introductions and "
    "cards, e.g. its dream) and the ideas it chose in a vote at tables (its top N, which went on to "
    "the hall: the harvest). The plenary rounds are in `sections`; there a chosen idea names the "
    "table it came from (`table`, a tableRef).",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "name", "colour", "participants", "rounds", "chosen"],
        "properties": {
            "id": {"type": "integer", "minimum": 1, "description": "The table id (1, 2, …), as in the snapshot."},
            "name": {"type": "string", "description": "E.g. Tafel Zeekraal / Table Samphire."},
            "colour": {"$ref": "#/$defs/colour"},
            "participants": {
                "$ref": "#/$defs/people",
                "description": "Who sits at this table now (first names unless the plan is anonymous).",
            },
            "rounds": {
                "type": "array",
                "description": "Each round played at tables that collects texts (introduce, cards), in round order.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "title", "state", "items"],
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "state": {"enum": ["played", "in_progress", "not_played"]},
                        "items": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["id", "text", "author"],
                                "properties": {
                                    "id": {"$ref": "#/$defs/id"},
                                    "text": {"type": "string"},
                                    "author": {"$ref": "#/$defs/author"},
                                },
                            },
                        },
                    },
                },
            },
            "chosen": {
                "type": "array",
                "description": "The table's top N of each vote played at tables, best first.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "round", "rank", "text", "votes"],
                    "properties": {
                        "id": {"$ref": "#/$defs/id"},
                        "round": {"type": "string", "description": "The vote round."},
                        "rank": {"type": "integer", "minimum": 1},
                        "text": {"type": "string"},
                        "votes": {"type": "integer", "minimum": 1},
                    },
                },
            },
        },
    },
}


def _frame() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://samenspel.example/schemas/plan/1/plan.schema.json",
        "title": "Samenspel action plan (actieplan)",
        "description": "The outcome of one session of a Samenspel game: the initiative, who took part, one section "
        "per plan section of the game (in the game's order) and the action path. Produced by "
        "samenspel/engine/document.py; the JSON export is this document. Texts are in the language "
        "named by `lang`; texts typed by players are plain text (never markup) and must be escaped "
        "by whoever displays them. Generated by samenspel/engine/document_schema.py.",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "format",
            "format_version",
            "lang",
            "status",
            "generated_at",
            "anonymous",
            "initiative",
            "game",
            "participants",
            "summary",
            "sections",
            "follow_up",
        ],
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {
                "const": FORMAT_VERSION,
                "description": "Raised when a field is removed or changes meaning; new optional "
                "fields do not raise it.",
            },
            "lang": {"enum": list(LANGUAGES)},
            "status": {
                "enum": ["draft", "final"],
                "description": "draft: exported before the game ended (the plan may still change); "
                "final: after the game ended.",
            },
            "generated_at": {"type": "string", "format": "date-time", "pattern": "Z$"},
            "anonymous": {
                "type": "boolean",
                "description": "When true, no first names appear: participants are counted per role, "
                "authors are shown by role only and names typed in items (owners, "
                "partners) that are players' names are replaced by their role.",
            },
            "initiative": {
                "type": "object",
                "additionalProperties": False,
                "required": ["code", "title", "question", "place", "date"],
                "properties": {
                    "code": {"type": "string", "description": "The session's room code."},
                    "title": {"type": "string"},
                    "question": {"type": "string"},
                    "place": {"type": "string"},
                    "date": {
                        "$ref": "#/$defs/date",
                        "description": "The day the session was played (Europe/Amsterdam).",
                    },
                },
            },
            "game": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "version", "title", "minutes"],
                "properties": {
                    "id": {"type": "string"},
                    "version": {"type": "string"},
                    "title": {"type": "string"},
                    "minutes": {"type": "integer", "minimum": 1},
                },
            },
            "participants": {"$ref": "#/$defs/people"},
            "tables": _TABLES,
            "summary": {
                "type": "object",
                "additionalProperties": False,
                "required": ["participants"],
                "properties": {"participants": {"type": "integer", "minimum": 0}},
                "description": "Figures of the whole plan; each mechanic adds its own.",
            },
            "sections": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "heading", "blocks"],
                    "properties": {
                        "id": {
                            "type": "string",
                            "description": "The plan section id from the rules file (e.g. droombeeld, actiepad).",
                        },
                        "heading": {"type": "string"},
                        "blocks": {
                            "type": "array",
                            "items": {"$ref": "#/$defs/block"},
                            "description": "One block per round that fills this section, in round order.",
                        },
                    },
                },
            },
            "follow_up": {
                "type": "object",
                "additionalProperties": False,
                "required": ["next", "without_owner", "without_date"],
                "properties": {
                    "next": {
                        "type": "array",
                        "maxItems": 3,
                        "items": {"$ref": "#/$defs/stepRef"},
                        "description": "The first dated steps.",
                    },
                    "without_owner": {"type": "array", "items": {"$ref": "#/$defs/stepRef"}},
                    "without_date": {"type": "array", "items": {"$ref": "#/$defs/stepRef"}},
                },
            },
        },
        "$defs": {
            "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"},
            "colour": {"type": ["string", "null"], "pattern": "^#[0-9A-Fa-f]{6}$"},
            "id": {"type": "integer", "minimum": 1},
            "author": {
                "description": "Who wrote an item; null when the round is anonymous or the author left.",
                "type": ["object", "null"],
                "additionalProperties": False,
                "required": ["name", "role", "role_name"],
                "properties": {
                    "name": {"type": ["string", "null"], "description": "First name; null when the plan is anonymous."},
                    "role": {"type": "string"},
                    "role_name": {"type": "string"},
                },
            },
            "round": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "title", "prompt", "state"],
                "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "prompt": {"type": "string"},
                    "state": {"enum": ["played", "in_progress", "not_played"]},
                    "at_tables": {
                        "const": True,
                        "description": "Played at tables: its texts are in the tables part, per table.",
                    },
                },
            },
            "stepRef": _STEP_REF,
            "people": _PEOPLE,
            "tableRef": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "name"],
                "description": "The table an idea came from, in a session played at tables.",
                "properties": {"id": {"type": "integer", "minimum": 1}, "name": {"type": "string"}},
            },
            "block": {
                "type": "object",
                "required": ["type", "round"],
                "properties": {
                    "type": {"enum": [], "description": "The round's mechanic."},
                    "round": {"$ref": "#/$defs/round"},
                },
                "oneOf": [],
            },
        },
    }


def assemble(mechanics: Mapping[str, Mechanic]) -> dict[str, Any]:
    schema = _frame()
    defs = schema["$defs"]
    summary = schema["properties"]["summary"]
    keys = sorted(mechanics)
    defs["block"]["properties"]["type"]["enum"] = keys
    for key in keys:
        mechanic = mechanics[key]
        fragment = copy.deepcopy(mechanic.block_schema)
        for name, sub in fragment.pop("defs", {}).items():
            if name in defs and defs[name] != sub:
                raise ValueError(f"mechanic {key}: $defs/{name} is already defined differently")
            defs[name] = sub
        defs[f"{key}Block"] = {
            "type": "object",
            "additionalProperties": False,
            "required": ["type", "round", *fragment.get("required", [])],
            "properties": {"type": {"const": key}, "round": True, **fragment.get("properties", {})},
        }
        defs["block"]["oneOf"].append({"$ref": f"#/$defs/{key}Block"})
        for figure, described in mechanic.figures.items():
            summary["required"].append(figure)
            summary["properties"][figure] = (
                dict(described)
                if isinstance(described, Mapping)
                else {"type": "integer", "minimum": 0, "description": described}
            )
    return schema


def schema() -> dict[str, Any]:
    return assemble(MECHANICS)


def published_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(published_text(), end="")
