"""``vote``: dot voting on the cards of an earlier cards round."""

from __future__ import annotations

from typing import Iterator

from samenspel.rules.problems import Finding
from samenspel.rules.settings import MechanicSettings, RoundContext


def check(round_: RoundContext) -> Iterator[Finding]:
    settings = round_.settings
    if settings["max_per_card"] > settings["votes_per_player"]:
        yield Finding(
            round_.path + ("max_per_card",),
            f"max_per_card ({settings['max_per_card']}) is more than votes_per_player ({settings['votes_per_player']})",
            "make max_per_card at most votes_per_player",
        )


SETTINGS = MechanicSettings(
    key="vote",
    summary="dot-vote on the cards of an earlier round",
    properties={
        "from_round": {
            "$ref": "#/$defs/id",
            "description": "id of the earlier cards round whose cards are voted on "
            "(left out: the nearest earlier cards round)",
        },
        "votes_per_player": {
            "type": "integer",
            "minimum": 1,
            "maximum": 50,
            "description": "votes (dots) each player has",
        },
        "max_per_card": {
            "type": "integer",
            "minimum": 1,
            "maximum": 50,
            "description": "most votes one player may put on one card",
        },
        "carry_forward": {
            "type": "integer",
            "minimum": 1,
            "maximum": 50,
            "description": "how many top cards are chosen and go on to the plan",
        },
        "show_tally": {
            "enum": ["live", "close"],
            "description": "live: counts visible while voting; close: only when the round closes "
            "(so nobody just follows the crowd)",
        },
    },
    defaults={"from_round": None, "votes_per_player": 3, "max_per_card": 2, "carry_forward": 3, "show_tally": "live"},
    references={"from_round": "cards"},
    check=check,
)
