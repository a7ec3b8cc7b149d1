"""The JSON Schema of the initiative report (``docs/initiative.schema.json``), the document of
engine/initiative_document.py.

``python -m samenspel.engine.initiative_schema > docs/initiative.schema.json`` publishes it; a
test checks that the published file is current and that the report validates against it.
"""

from __future__ import annotations

import json
from typing import Any

from samenspel.engine.initiative_document import FORMAT, FORMAT_VERSION
from samenspel.engine.steps import STATUSES
from samenspel.rules.model import LANGUAGES

_DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}
_MOMENT = {"type": "string", "format": "date-time", "pattern": "Z$"}
_STATUS = {"enum": list(STATUSES)}


def _object(required: dict[str, Any], **optional: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": {**required, **optional},
    }


_PROGRESS = {
    "done": {"type": "integer", "minimum": 0, "description": "Steps done."},
    "total": {"type": "integer", "minimum": 0, "description": "Steps that count: every step not dropped."},
    "by_status": _object({status: {"type": "integer", "minimum": 0} for status in STATUSES}),
}


def schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://samenspel.example/schemas/initiative/1/initiative.schema.json",
        "title": "Samenspel initiative report",
        "description": "What an initiative did over its sessions (start, follow-ups, closing): every session's "
        "outcome, the current action path with each step's status history, progress (x of y done) and the "
        "lessons. Produced by samenspel/engine/initiative_document.py from the sessions' plan documents "
        "(docs/plan.schema.json); texts typed by players are plain text, to be escaped by whoever shows them.",
        **_object(
            {
                "format": {"const": FORMAT},
                "format_version": {"const": FORMAT_VERSION},
                "lang": {"enum": list(LANGUAGES)},
                "generated_at": _MOMENT,
                "anonymous": {"type": "boolean", "description": "Some session's plan left out first names."},
                "initiative": _object(
                    {
                        "id": {"type": ["integer", "null"]},
                        "title": {"type": "string"},
                        "question": {"type": "string"},
                        "place": {"type": "string"},
                    }
                ),
                "sessions": {
                    "type": "array",
                    "description": "In the order played.",
                    "items": _object(
                        {
                            "code": {"type": "string"},
                            "title": {"type": "string"},
                            "date": _DATE,
                            "status": {"enum": ["draft", "final"]},
                            "game": _object({"id": {"type": "string"}, "title": {"type": "string"}}),
                            "mechanics": {"type": "array", "items": {"type": "string"}},
                            "summary": {
                                "type": "object",
                                "additionalProperties": {"type": "number", "minimum": 0},
                                "description": "The key figures of the session's plan (its `summary`).",
                            },
                            "chosen": {
                                "type": "array",
                                "items": _object({"text": {"type": "string"}, "votes": {"type": "integer"}}),
                            },
                            "steps": {
                                "type": "array",
                                "description": "The steps as this session's plan had them.",
                                "items": _object(
                                    {
                                        "number": {"type": "integer", "minimum": 1},
                                        "what": {"type": "string"},
                                        "owner": {"type": "string"},
                                        "due": {"oneOf": [_DATE, {"type": "null"}]},
                                        "status": _STATUS,
                                    }
                                ),
                            },
                        }
                    ),
                },
                "steps": {
                    "type": "array",
                    "description": "The current action path: the steps of the latest session with steps.",
                    "items": _object(
                        {
                            "id": {"type": "integer", "minimum": 1},
                            "key": {
                                "type": "integer",
                                "minimum": 1,
                                "description": "The first step of this step's line across sessions (stable).",
                            },
                            "number": {"type": "integer", "minimum": 1},
                            "what": {"type": "string"},
                            "owner": {"type": "string"},
                            "partners": {"type": "array", "items": {"type": "string"}},
                            "due": {"oneOf": [_DATE, {"type": "null"}]},
                            "needs": {"type": "string"},
                            "idea": {"type": ["string", "null"]},
                            "status": _STATUS,
                            "history": {
                                "type": "array",
                                "items": _object({"status": _STATUS, "note": {"type": "string"}, "at": _MOMENT}),
                            },
                            "sessions": {
                                "type": "array",
                                "items": {"type": "string"},
                                "description": "Codes of the sessions this step was in.",
                            },
                        }
                    ),
                },
                "progress": _object(
                    {
                        **_PROGRESS,
                        "sessions": {
                            "type": "array",
                            "items": _object({"code": {"type": "string"}, "date": _DATE, **_PROGRESS}),
                        },
                    }
                ),
                "lessons": {
                    "type": "array",
                    "description": "The cards of the lesson rounds (the closing session's harvest).",
                    "items": _object(
                        {
                            "session": {"type": "string"},
                            "round": _object({"id": {"type": "string"}, "title": {"type": "string"}}),
                            "groups": {
                                "type": "array",
                                "items": _object(
                                    {
                                        "label": {"type": ["string", "null"]},
                                        "cards": {
                                            "type": "array",
                                            "items": _object(
                                                {"text": {"type": "string"}, "author": {"type": "string"}}
                                            ),
                                        },
                                    }
                                ),
                            },
                        }
                    ),
                },
            }
        ),
    }


def published_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(published_text(), end="")
