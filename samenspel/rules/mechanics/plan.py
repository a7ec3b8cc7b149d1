"""``plan``: the shared action path, steps for the ideas chosen in an earlier vote."""

from __future__ import annotations

from typing import Iterator

from samenspel.rules.problems import Finding
from samenspel.rules.settings import MechanicSettings, RoundContext

#: Fields a plan step may have, in display order.
FIELDS = ("what", "owner", "partners", "due", "needs")


def check(round_: RoundContext) -> Iterator[Finding]:
    settings = round_.settings
    for i, name in enumerate(settings["required"]):
        if name not in settings["fields"]:
            yield Finding(
                round_.path + ("required", i),
                f'required field "{name}" is not in fields',
                f'add "{name}" to fields, or remove it from required',
            )


def _length(what: str, low: int, high: int) -> dict:
    return {"type": "integer", "minimum": low, "maximum": high, "description": f"most characters in {what}"}


SETTINGS = MechanicSettings(
    key="plan",
    summary="build the action path together",
    properties={
        "ideas_from": {
            "$ref": "#/$defs/id",
            "description": "id of the earlier vote round whose chosen ideas are planned "
            "(left out: the nearest earlier vote round)",
        },
        "fields": {
            "type": "array",
            "items": {"$ref": "#/$defs/planField"},
            "minItems": 1,
            "uniqueItems": True,
            "description": "the fields of a step, any of what, owner, partners, due, needs",
        },
        "required": {
            "type": "array",
            "items": {"$ref": "#/$defs/planField"},
            "uniqueItems": True,
            "description": "fields a step must have; each must also be in fields",
        },
        "max_length": {
            "type": "object",
            "description": "most characters per field: what, owner, one partner's name, needs",
            "properties": {
                "what": _length("what is done", 10, 2000),
                "owner": _length("the owner's name", 10, 200),
                "partner": _length("one partner's name", 10, 200),
                "needs": _length("what is needed", 10, 2000),
            },
            "additionalProperties": False,
        },
        "max_partners": {"type": "integer", "minimum": 1, "maximum": 50, "description": "most partners of one step"},
    },
    defaults={
        "ideas_from": None,
        "fields": list(FIELDS),
        "required": ["what"],
        "max_length": {"what": 200, "owner": 60, "partner": 60, "needs": 300},
        "max_partners": 12,
    },
    defs={"planField": {"enum": list(FIELDS)}},
    references={"ideas_from": "vote"},
    check=check,
)
