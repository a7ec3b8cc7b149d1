"""Checks a JSON Schema cannot express: references between rounds, unique ids,
durations that add up, readable colours. Each mechanic adds the checks of its own settings
(``rules/mechanics/<key>.py``); this module runs them.

``check`` runs on a document that already passed the schema, so shapes can be trusted.
Every finding says what to do about it.
"""

from __future__ import annotations

import colorsys
import re
from typing import Any, Iterator

from .defaults import DEFAULT_ROLES, MIN_ROLE_CONTRAST
from .mechanics import MECHANICS
from .model import LANGUAGE_NAMES, LANGUAGES
from .problems import Finding
from .settings import RoundContext, duplicates

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def effective_settings(rounds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each round's settings with defaults filled in and default references resolved.

    A missing reference (a vote's ``from_round``, a plan's ``ideas_from`` …) means the
    nearest earlier round with the mechanic it needs; it stays None when there is none
    (``check`` reports that).
    """
    result = []
    for index, rnd in enumerate(rounds):
        spec = MECHANICS.get(rnd.get("mechanic"))
        if spec is None:
            result.append(dict(rnd.get("settings") or {}))
            continue
        merged = spec.with_defaults(rnd.get("settings"))
        for key, target in spec.references.items():
            if merged.get(key) is None:
                earlier = [r.get("id") for r in rounds[:index] if r.get("mechanic") == target]
                merged[key] = earlier[-1] if earlier else None
        for key, target in spec.anywhere.items():
            if merged.get(key) is None:
                merged[key] = next((r.get("id") for r in rounds if r.get("mechanic") == target), None)
        result.append(merged)
    return result


def check(doc: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    findings += _check_texts(doc, ())
    role_ids = _role_ids(doc)
    findings += _check_roles(doc)
    findings += _check_players(doc)
    findings += _check_minutes(doc)
    findings += duplicates([(("rounds", i, "id"), r["id"]) for i, r in enumerate(doc["rounds"])], "round")
    sections = (doc.get("plan") or {}).get("sections", [])
    findings += duplicates([(("plan", "sections", i, "id"), s["id"]) for i, s in enumerate(sections)], "plan section")
    section_ids = [s["id"] for s in sections]
    settings = effective_settings(doc["rounds"])
    for index, rnd in enumerate(doc["rounds"]):
        findings += _check_round(doc, index, rnd, settings[index], role_ids, section_ids)
    return findings


# --------------------------------------------------------------------------- helpers


def _role_ids(doc: dict[str, Any]) -> list[str]:
    roles = doc["roles"]
    if roles == "default":
        return [r["id"] for r in DEFAULT_ROLES]
    return [entry if isinstance(entry, str) else entry["id"] for entry in roles]


def _walk_texts(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES) and all(isinstance(v, str) for v in value.values()):
            yield path, value
            return
        for key, child in value.items():
            yield from _walk_texts(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _walk_texts(child, path + (index,))


def _check_texts(doc: dict[str, Any], path: tuple[Any, ...]) -> list[Finding]:
    """The schema forbids missing or empty texts; blank (only spaces) slips through."""
    findings = []
    for text_path, text in _walk_texts(doc, path):
        for lang in LANGUAGES:
            name = LANGUAGE_NAMES[lang]
            if not text[lang].strip():
                findings.append(Finding(text_path + (lang,), f"the {name} text is blank", f"write the {name} wording"))
    return findings


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


def darker_suggestion(colour: str, target: float = MIN_ROLE_CONTRAST + 0.1) -> str:
    """The same hue, darkened until it reaches ``target`` contrast against white."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    while light > 0:
        rgb = colorsys.hls_to_rgb(hue, light, sat)
        candidate = "#%02X%02X%02X" % tuple(round(c * 255) for c in rgb)
        if contrast_with_white(candidate) >= target:
            return candidate
        light -= 0.01
    return "#000000"


# --------------------------------------------------------------------------- game level


def _check_roles(doc: dict[str, Any]) -> list[Finding]:
    roles = doc["roles"]
    if roles == "default":
        return []
    findings = duplicates(
        [
            (("roles", i) if isinstance(e, str) else ("roles", i, "id"), e if isinstance(e, str) else e["id"])
            for i, e in enumerate(roles)
        ],
        "role",
    )
    colours: dict[str, str] = {}
    for index, entry in enumerate(roles):
        if isinstance(entry, str):
            entry = next(r for r in DEFAULT_ROLES if r["id"] == entry)
            path: tuple[Any, ...] = ("roles", index)
        else:
            path = ("roles", index)
            low, high = entry.get("min"), entry.get("max")
            if low is not None and high is not None and low > high:
                findings.append(
                    Finding(
                        path + ("min",),
                        f"min ({low}) is more than max ({high})",
                        "make min smaller than or equal to max",
                    )
                )
        colour = entry["colour"]
        if not _COLOUR.match(colour):
            continue  # the schema already said so
        colour_path = path + ("colour",) if not isinstance(roles[index], str) else path
        ratio = contrast_with_white(colour)
        if ratio < MIN_ROLE_CONTRAST:
            findings.append(
                Finding(
                    colour_path,
                    f"colour {colour} has too little contrast against white ({ratio:.1f}:1, needs "
                    f"{MIN_ROLE_CONTRAST:.0f}:1)",
                    f'use a darker colour, e.g. "{darker_suggestion(colour)}"',
                )
            )
        key = colour.upper()
        if key in colours:
            findings.append(
                Finding(
                    colour_path,
                    f'role "{entry["id"]}" has the same colour as role "{colours[key]}"',
                    "give every role its own colour (see the Okabe–Ito palette in docs/rules.md)",
                )
            )
        else:
            colours[key] = entry["id"]
    return findings


def _check_players(doc: dict[str, Any]) -> list[Finding]:
    players = doc["players"]
    findings = []
    if players["min"] > players["max"]:
        findings.append(
            Finding(
                ("players", "min"),
                f"min ({players['min']}) is more than max ({players['max']})",
                "make players.min smaller than or equal to players.max",
            )
        )
    roles = doc["roles"]
    if isinstance(roles, list):
        needed = sum(e.get("min") or 0 for e in roles if isinstance(e, dict))
        if needed > players["max"]:
            findings.append(
                Finding(
                    ("roles",),
                    f"the roles need at least {needed} players together, but players.max is {players['max']}",
                    "lower the min of some roles or raise players.max",
                )
            )
    return findings


def _check_minutes(doc: dict[str, Any]) -> list[Finding]:
    total = sum(r["minutes"] for r in doc["rounds"])
    if total != doc["minutes"]:
        return [
            Finding(
                ("minutes",),
                f"the rounds add up to {total} minutes, but minutes says {doc['minutes']}",
                f"change minutes to {total}, or change the minutes of the rounds",
            )
        ]
    return []


# --------------------------------------------------------------------------- rounds


def _check_round(
    doc: dict[str, Any],
    index: int,
    rnd: dict[str, Any],
    settings: dict[str, Any],
    role_ids: list[str],
    section_ids: list[str],
) -> list[Finding]:
    path: tuple[Any, ...] = ("rounds", index)
    given = rnd.get("settings") or {}
    spec = MECHANICS[rnd["mechanic"]]
    findings = []

    section = rnd.get("plan_section")
    if section is not None and section not in section_ids:
        if section_ids:
            fix = "use one of: " + ", ".join(section_ids)
        else:
            fix = "add a plan: with sections: at the top level, or remove plan_section"
        findings.append(Finding(path + ("plan_section",), f'unknown plan section "{section}"', fix))

    for key, target in spec.references.items():
        findings += _check_reference(doc, index, key, target, given.get(key))
    for key, target in spec.anywhere.items():
        findings += _check_anywhere(doc, index, key, target, given.get(key))
    findings += spec.run_checks(RoundContext(doc, index, given, settings, tuple(role_ids)))
    return findings


def _check_anywhere(doc: dict[str, Any], index: int, key: str, target: str, value: Any) -> list[Finding]:
    """A setting that names a round of ``target`` anywhere in the game (``anywhere``)."""
    rounds = doc["rounds"]
    fitting = [r["id"] for r in rounds if r["mechanic"] == target]
    hint = ("use one of: " + ", ".join(fitting)) if fitting else f"add a {target} round to the game"
    if value is None:
        if fitting:
            return []
        mechanic = rounds[index]["mechanic"]
        return [
            Finding(
                ("rounds", index, "mechanic"),
                f"this {mechanic} round needs a {target} round in the game, and there is none",
                f"add a {target} round",
            )
        ]
    path = ("rounds", index, "settings", key)
    named = next((r for r in rounds if r["id"] == value), None)
    if named is None:
        return [Finding(path, f'{key} refers to round "{value}", which does not exist', hint)]
    if named["mechanic"] != target:
        mechanic = named["mechanic"]
        article = "an" if mechanic[0] in "aeiou" else "a"
        return [Finding(path, f'{key} refers to "{value}", {article} {mechanic} round, not a {target} round', hint)]
    return []


def _check_reference(doc: dict[str, Any], index: int, key: str, target: str, value: Any) -> list[Finding]:
    rounds = doc["rounds"]
    path = ("rounds", index, "settings", key)
    earlier = [r["id"] for r in rounds[:index] if r["mechanic"] == target]
    hint = ("use one of: " + ", ".join(earlier)) if earlier else f"add a {target} round before this one"
    if value is None:
        if earlier:
            return []
        return [
            Finding(
                ("rounds", index, "mechanic"),
                f"this {rounds[index]['mechanic']} round needs an earlier {target} round, and there is none",
                f"add a {target} round before it",
            )
        ]
    ids = [r["id"] for r in rounds]
    if value not in ids:
        return [Finding(path, f'{key} refers to round "{value}", which does not exist', hint)]
    position = ids.index(value)
    if position >= index:
        when = "this same round" if position == index else "a later round"
        return [
            Finding(path, f'{key} refers to "{value}", which is {when}', f"refer to an earlier {target} round; " + hint)
        ]
    mechanic = rounds[position]["mechanic"]
    if mechanic != target:
        article = "an" if mechanic[0] in "aeiou" else "a"
        return [Finding(path, f'{key} refers to "{value}", {article} {mechanic} round, not a {target} round', hint)]
    return []
