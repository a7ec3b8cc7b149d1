"""``rate``: reflection, each player scores items on a small scale and may add one word."""

from __future__ import annotations

from typing import Iterator

from samenspel.rules.problems import Finding
from samenspel.rules.settings import MechanicSettings, RoundContext, duplicates, entry


def check(round_: RoundContext) -> Iterator[Finding]:
    settings, path = round_.settings, round_.path
    yield from duplicates(
        [(path + ("items", i, "id"), it["id"]) for i, it in enumerate(settings["items"])], "rate item"
    )
    scale = settings["scale"]
    if scale["min"] >= scale["max"]:
        yield Finding(
            path + ("scale",),
            f"scale min ({scale['min']}) must be below max ({scale['max']})",
            "for example scale: {min: 1, max: 5}",
        )


SETTINGS = MechanicSettings(
    key="rate",
    summary="reflect on how the collaboration went",
    properties={
        "items": {
            "type": "array",
            "items": {"$ref": "#/$defs/rateItem"},
            "minItems": 1,
            "description": "the qualities players score, each {id, label: {nl, en}}",
        },
        "scale": {
            "type": "object",
            "description": "the scale of the scores",
            "properties": {
                "min": {"type": "integer", "minimum": 0, "maximum": 10, "description": "lowest score"},
                "max": {"type": "integer", "minimum": 1, "maximum": 10, "description": "highest score"},
            },
            "additionalProperties": False,
        },
        "word": {"type": "boolean", "description": "also ask each player for one word"},
        "word_length": {"type": "integer", "minimum": 5, "maximum": 200, "description": "most characters in that word"},
    },
    required=("items",),
    defaults={"scale": {"min": 1, "max": 5}, "word": False, "word_length": 40},
    defs={"rateItem": entry("RateItem", "a rate item", "label", "the statement or quality players rate")},
    check=check,
)
