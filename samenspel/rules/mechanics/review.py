"""``review``: walk through the steps of a plan round one at a time (a follow-up session
looks back on the action path it carried over), setting each step's status."""

from __future__ import annotations

from typing import Iterator

from samenspel.rules.mechanics import plan
from samenspel.rules.problems import Finding
from samenspel.rules.settings import MechanicSettings, RoundContext

#: who may set a step's status in a review round
STATUS_BY = ("anyone", "owner")


def _plan_fields(round_: RoundContext) -> tuple[str, ...] | None:
    """The fields of the plan round the review walks through (None when there is none)."""
    target = round_.settings.get("steps_from")
    named = next((r for r in round_.doc["rounds"] if r["id"] == target and r["mechanic"] == "plan"), None)
    if named is None:
        return None
    return tuple((named.get("settings") or {}).get("fields") or plan.FIELDS)


def check(round_: RoundContext) -> Iterator[Finding]:
    fields = _plan_fields(round_)
    if fields is None:
        return
    target = round_.settings["steps_from"]
    if round_.settings["help"] and "partners" not in fields:
        yield Finding(
            round_.path + ("help",),
            f'"ik help mee" makes a player a partner, but the steps of "{target}" have no partners',
            f'add partners to the fields of "{target}", or set help: false',
        )
    if round_.settings["status_by"] == "owner" and "owner" not in fields:
        yield Finding(
            round_.path + ("status_by",),
            f'status_by: owner, but the steps of "{target}" have no owner',
            f'add owner to the fields of "{target}", or set status_by: anyone',
        )


SETTINGS = MechanicSettings(
    key="review",
    summary="walk through the steps of the action path one at a time and set their status",
    properties={
        "steps_from": {
            "$ref": "#/$defs/id",
            "description": "id of the plan round whose steps are reviewed, before or after this round (a "
            "follow-up session carries the earlier steps into its plan round); left out: the game's first "
            "plan round",
        },
        "status_by": {
            "enum": list(STATUS_BY),
            "description": "who may set a step's status: anyone in the room, or only the step's owner "
            "(the facilitator always may)",
        },
        "help": {
            "type": "boolean",
            "description": 'offer "ik help mee": a player becomes a partner of the step',
        },
    },
    defaults={"steps_from": None, "status_by": "anyone", "help": True},
    anywhere={"steps_from": "plan"},
    check=check,
)
