"""``cards``: players write short texts, in categories or not, as themselves or as another role."""

from __future__ import annotations

from typing import Iterator

from samenspel.rules.problems import Finding
from samenspel.rules.settings import MechanicSettings, RoundContext, duplicates, entry

#: A round grouped by category with two up to this many categories shows them side by side
#: on the projector: a column per category, paged in step (static/js/mechanics/cards.js,
#: static/js/wall-pager.js; the projector's page data carries this number). Automatic, not a
#: setting: the author who groups by a few categories wants them compared, and with more the
#: columns get too narrow to read from the back of a hall, so the wall groups them one after
#: another as before. This is the one place the limit is kept.
SIDE_BY_SIDE_MOST = 3


def check(round_: RoundContext) -> Iterator[Finding]:
    settings, path = round_.settings, round_.path
    categories = settings["categories"]
    yield from duplicates([(path + ("categories", i, "id"), c["id"]) for i, c in enumerate(categories)], "category")
    for i, role in enumerate(settings["roles"] or []):
        if role not in round_.role_ids:
            yield Finding(
                path + ("roles", i),
                f'unknown role "{role}"',
                "use one of the game's roles: " + ", ".join(round_.role_ids),
            )
    if settings["group_by"] == "category" and not categories:
        yield Finding(
            path + ("group_by",),
            "group_by: category, but the round has no categories",
            "add categories: or choose group_by: role or none",
        )
    if settings["group_by"] == "role" and settings["anonymous"]:
        yield Finding(
            path + ("group_by",),
            "anonymous cards cannot be grouped by role",
            "choose group_by: none or category, or set anonymous: false",
        )
    if settings["perspective_swap"] and len(round_.perspective_role_ids) < 2:
        yield Finding(
            path + ("perspective_swap",),
            "a perspective swap needs at least two roles with a perspective",
            "add roles with a perspective: or set perspective_swap: false",
        )


SETTINGS = MechanicSettings(
    key="cards",
    summary="write short texts",
    properties={
        "max_per_player": {
            "type": "integer",
            "minimum": 1,
            "maximum": 50,
            "description": "most cards one player may write",
        },
        "max_length": {"type": "integer", "minimum": 10, "maximum": 2000, "description": "most characters on one card"},
        "categories": {
            "type": "array",
            "items": {"$ref": "#/$defs/category"},
            "description": "categories players sort their card into, each {id, name: {nl, en}}, e.g. kans and drempel",
        },
        "anonymous": {"type": "boolean", "description": "hide who wrote a card"},
        "visibility": {
            "enum": ["live", "reveal"],
            "description": "live: cards appear as they are written; reveal: only when the facilitator reveals them",
        },
        "roles": {
            "type": "array",
            "items": {"$ref": "#/$defs/id"},
            "minItems": 1,
            "description": "role ids that may write cards in this round (left out: everyone)",
        },
        "group_by": {
            "enum": ["role", "category", "none"],
            "description": (
                "how the projector and the plan group the cards; by `category` with 2 to "
                f"{SIDE_BY_SIDE_MOST} categories the projector shows them side by side, a column each"
            ),
        },
        "perspective_swap": {
            "type": "boolean",
            "description": "every player is given another role (one with a `perspective`) and writes as that role",
        },
    },
    defaults={
        "max_per_player": 5,
        "max_length": 200,
        "categories": [],
        "anonymous": False,
        "visibility": "live",
        "roles": None,
        "group_by": "none",
        "perspective_swap": False,
    },
    defs={"category": entry("Category", "a category", "name", "the name shown to players")},
    check=check,
)
