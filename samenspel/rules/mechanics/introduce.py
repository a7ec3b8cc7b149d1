"""``introduce``: every player writes one line about themselves."""

from samenspel.rules.settings import MechanicSettings

SETTINGS = MechanicSettings(
    key="introduce",
    summary="say who you are",
    properties={
        "max_length": {
            "type": "integer",
            "minimum": 10,
            "maximum": 1000,
            "description": "most characters in the introduction line",
        },
    },
    defaults={"max_length": 140},
)
