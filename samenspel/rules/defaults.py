"""The standard roles a rules file may lean on (``roles: default`` or a role id). The
defaults of each mechanic's settings live with that mechanic, in ``rules/mechanics/``.

Role colours come from the Okabe–Ito palette (distinguishable with the common forms of
colour blindness). Orange and reddish purple are darkened slightly so that every colour
reaches at least 3:1 against white, the WCAG 2.1 minimum for a non-text element such as a
left border or a chip next to the role name. The colour is never the only cue: the role
name is always shown next to it.
"""

from __future__ import annotations

from typing import Any

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
        # no perspective: "other" is no point of view to write from, so a perspective swap
        # never hands it out (engine/perspectives.py)
        "description": {
            "nl": "Een andere rol, bijvoorbeeld vrijwilliger, student of bezoeker.",
            "en": "Another role, for example volunteer, student or visitor.",
        },
    },
)

DEFAULT_ROLE_IDS: tuple[str, ...] = tuple(r["id"] for r in DEFAULT_ROLES)
