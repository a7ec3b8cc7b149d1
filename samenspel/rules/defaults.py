"""Defaults a rules file may lean on: the standard roles and each mechanic's settings.

Role colours come from the Okabe–Ito palette (distinguishable with the common forms of
colour blindness). Orange and reddish purple are darkened slightly so that every colour
reaches at least 3:1 against white, the WCAG 2.1 minimum for a non-text element such as a
left border or a chip next to the role name. The colour is never the only cue: the role
name is always shown next to it.
"""
from __future__ import annotations

from typing import Any

from .model import Role, Text

#: Mechanics implemented by the engine, in alphabetical order (used in messages).
MECHANICS: tuple[str, ...] = ("cards", "discuss", "introduce", "plan", "rate", "vote")

#: Fields a plan step may have, in display order.
PLAN_FIELDS: tuple[str, ...] = ("what", "owner", "partners", "due", "needs")

#: Lowest contrast against white a role colour may have (WCAG 2.1, 1.4.11 non-text).
MIN_ROLE_CONTRAST = 3.0

#: The standard roles, written in the rules-file shape so they go through the same loader.
DEFAULT_ROLES: tuple[dict[str, Any], ...] = (
    {
        "id": "inwoner",
        "name": {"nl": "Inwoner", "en": "Resident"},
        "colour": "#0072B2",  # Okabe–Ito blue
        "perspective": {
            "nl": "Ik woon hier en merk elke dag wat er wel en niet werkt.",
            "en": "I live here and see every day what works and what does not.",
        },
        "description": {
            "nl": "Bewoner van de buurt, het dorp of de wijk.",
            "en": "Someone who lives in the neighbourhood, village or district.",
        },
    },
    {
        "id": "ambtenaar",
        "name": {"nl": "Ambtenaar", "en": "Municipal official"},
        "colour": "#D55E00",  # Okabe–Ito vermillion
        "perspective": {
            "nl": "Ik wil helpen, maar het moet wel passen binnen regels en budget.",
            "en": "I want to help, but it has to fit the rules and the budget.",
        },
        "description": {
            "nl": "Werkt bij de gemeente, bijvoorbeeld als wijkregisseur of beleidsmedewerker.",
            "en": "Works for the municipality, for example as area coordinator or policy officer.",
        },
    },
    {
        "id": "bestuurder",
        "name": {"nl": "Bestuurder", "en": "Administrator"},
        "colour": "#C76C9F",  # Okabe–Ito reddish purple, slightly darker
        "perspective": {
            "nl": "Ik moet keuzes kunnen uitleggen aan de raad en aan alle inwoners.",
            "en": "I must be able to explain choices to the council and to all residents.",
        },
        "description": {
            "nl": "Wethouder, raadslid of burgemeester.",
            "en": "Alderman, council member or mayor.",
        },
    },
    {
        "id": "professional",
        "name": {"nl": "Professional", "en": "Professional"},
        "colour": "#009E73",  # Okabe–Ito bluish green
        "perspective": {
            "nl": "Ik ken de mensen achter de voordeur en wat zij nodig hebben.",
            "en": "I know the people behind the front door and what they need.",
        },
        "description": {
            "nl": "Bijvoorbeeld opbouwwerker, woningcorporatie, school of zorg.",
            "en": "For example a community worker, housing corporation, school or care provider.",
        },
    },
    {
        "id": "ondernemer",
        "name": {"nl": "Ondernemer", "en": "Entrepreneur"},
        "colour": "#BB8100",  # Okabe–Ito orange, darker
        "perspective": {
            "nl": "Ik wil meedoen als het praktisch is en ook iets oplevert.",
            "en": "I want to take part if it is practical and also pays off.",
        },
        "description": {
            "nl": "Heeft een winkel, bedrijf of vereniging in de buurt.",
            "en": "Runs a shop, business or association in the area.",
        },
    },
    {
        "id": "anders",
        "name": {"nl": "Anders", "en": "Other"},
        "colour": "#000000",  # Okabe–Ito black
        "perspective": {
            "nl": "Ik kijk er met een frisse blik naar, vanuit mijn eigen ervaring.",
            "en": "I look at it with fresh eyes, from my own experience.",
        },
        "description": {
            "nl": "Een andere rol, bijvoorbeeld vrijwilliger, student of bezoeker.",
            "en": "Another role, for example volunteer, student or visitor.",
        },
    },
)

DEFAULT_ROLE_IDS: tuple[str, ...] = tuple(r["id"] for r in DEFAULT_ROLES)

#: Settings every round of a mechanic gets unless the rules file says otherwise.
#: ``None`` for ``from_round`` / ``ideas_from`` means "the nearest earlier round of the
#: right mechanic"; the loader resolves it so ``Round.settings`` holds the real id.
#: ``None`` for cards ``roles`` means every role may write.
MECHANIC_DEFAULTS: dict[str, dict[str, Any]] = {
    "introduce": {"max_length": 140},
    "cards": {
        "max_per_player": 5,
        "max_length": 200,
        "categories": [],
        "anonymous": False,
        "visibility": "live",
        "roles": None,
        "group_by": "none",
        "perspective_swap": False,
    },
    "vote": {
        "from_round": None,
        "votes_per_player": 3,
        "max_per_card": 2,
        "carry_forward": 3,
        "show_tally": "live",
    },
    "plan": {
        "ideas_from": None,
        "fields": list(PLAN_FIELDS),
        "required": ["what"],
    },
    "rate": {
        "items": [],
        "scale": {"min": 1, "max": 5},
        "word": False,
    },
    "discuss": {},
}


def settings_with_defaults(mechanic: str, given: dict[str, Any] | None) -> dict[str, Any]:
    """Merge a round's settings over the mechanic defaults (one level, plus ``scale``)."""
    merged: dict[str, Any] = {}
    for key, value in MECHANIC_DEFAULTS.get(mechanic, {}).items():
        merged[key] = list(value) if isinstance(value, list) else (
            dict(value) if isinstance(value, dict) else value)
    for key, value in (given or {}).items():
        if key == "scale" and isinstance(value, dict):
            merged[key] = {**merged.get("scale", {}), **value}
        else:
            merged[key] = value
    return merged


def default_roles() -> tuple[Role, ...]:
    """The standard roles as model objects."""
    return tuple(
        Role(
            id=r["id"],
            name=Text(**r["name"]),
            colour=r["colour"],
            perspective=Text(**r["perspective"]),
            description=Text(**r["description"]),
        )
        for r in DEFAULT_ROLES
    )
