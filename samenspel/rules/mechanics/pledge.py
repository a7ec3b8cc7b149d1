"""``pledge`` ("Wat breng ik in?"): after the vote, each player offers something toward a
chosen idea: time (hours), materials, network, expertise or money, with a short text."""

from __future__ import annotations

from samenspel.rules.settings import MechanicSettings

#: What a player can bring in, in the order the phone offers them.
RESOURCES = ("time", "materials", "network", "expertise", "money")

SETTINGS = MechanicSettings(
    key="pledge",
    summary="say what you bring in for a chosen idea",
    properties={
        "ideas_from": {
            "$ref": "#/$defs/id",
            "description": "id of the earlier vote round whose chosen ideas players bring something "
            "in for (left out: the nearest earlier vote round)",
        },
        "resources": {
            "type": "array",
            "items": {"enum": list(RESOURCES)},
            "minItems": 1,
            "uniqueItems": True,
            "description": "what players may bring in, any of time (hours), materials, network "
            "(contacts), expertise, money",
        },
        "max_per_player": {
            "type": "integer",
            "minimum": 1,
            "maximum": 50,
            "description": "most offers one player may make",
        },
        "max_length": {
            "type": "integer",
            "minimum": 10,
            "maximum": 1000,
            "description": "most characters in the text of an offer",
        },
        "max_hours": {
            "type": "integer",
            "minimum": 1,
            "maximum": 10000,
            "description": "most hours in one offer of time",
        },
        "max_amount": {
            "type": "integer",
            "minimum": 1,
            "maximum": 10000000,
            "description": "highest amount in euros in one offer of money (the amount is optional)",
        },
    },
    defaults={
        "ideas_from": None,
        "resources": list(RESOURCES),
        "max_per_player": 5,
        "max_length": 140,
        "max_hours": 200,
        "max_amount": 100000,
    },
    references={"ideas_from": "vote"},
)
