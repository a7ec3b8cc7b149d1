"""``vote``: dot voting on the cards of an earlier cards round."""

from __future__ import annotations

from typing import Iterator

from samenspel.rules.problems import Finding
from samenspel.rules.settings import MechanicSettings, RoundContext


def _cards_round_of(rounds, index: int) -> str | None:
    """The cards round a vote at ``index`` votes on: its ``from_round``, else the nearest
    earlier cards round (as the loader resolves it)."""
    given = (rounds[index].get("settings") or {}).get("from_round")
    if given is not None:
        return given
    earlier = [r.get("id") for r in rounds[:index] if r.get("mechanic") == "cards"]
    return earlier[-1] if earlier else None


def _check_ideas_from(round_: RoundContext) -> Iterator[Finding]:
    """``ideas_from`` names an earlier vote that votes on the same cards round."""
    target = round_.given.get("ideas_from")
    if target is None:
        return
    rounds = round_.doc["rounds"]
    path = round_.path + ("ideas_from",)
    earlier = {r["id"]: i for i, r in enumerate(rounds[: round_.index]) if r["mechanic"] == "vote"}
    if target not in earlier:
        hint = ("use one of: " + ", ".join(earlier)) if earlier else "add a vote round before this one"
        yield Finding(path, f'ideas_from refers to "{target}", which is no earlier vote round', hint)
        return
    source, own = _cards_round_of(rounds, earlier[target]), round_.settings["from_round"]
    if source != own:
        yield Finding(
            path,
            f'vote "{target}" voted on the cards of "{source}", this vote on those of "{own}"',
            f"set from_round: {source}",
        )


def check(round_: RoundContext) -> Iterator[Finding]:
    settings = round_.settings
    yield from _check_ideas_from(round_)
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
        "ideas_from": {
            "$ref": "#/$defs/id",
            "description": "id of an earlier vote round: vote only on the ideas it chose (with tables: every "
            "table's top N, the harvest); left out: on every card of from_round",
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
            "description": "live: counts visible while voting; close: only once voting is closed — by the "
            'facilitator ("Stemmen sluiten en uitslag tonen", key R: the result then stands on the projector '
            "and the phones while the round is still on) or by moving on (so nobody just follows the crowd)",
        },
    },
    defaults={
        "from_round": None,
        "ideas_from": None,
        "votes_per_player": 3,
        "max_per_card": 2,
        "carry_forward": 3,
        "show_tally": "live",
    },
    references={"from_round": "cards"},
    check=check,
)
