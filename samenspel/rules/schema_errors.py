"""Validate a document against the rules schema (``schema.py``) and word the errors for a
game author.

jsonschema's own messages ("Additional properties are not allowed ('titel' was
unexpected)") are written for programmers; here each error becomes a Finding that says
what is wrong in plain words and what to write instead.
"""

from __future__ import annotations

import datetime
import difflib
import re
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .defaults import DEFAULT_ROLE_IDS
from .model import LANGUAGE_NAMES
from .problems import Finding
from .schema import schema


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def schema_findings(document: Any) -> list[Finding]:
    findings: list[Finding] = []
    for error in _validator().iter_errors(document):
        findings.extend(_translate(error))
    unique = list(dict.fromkeys(findings))
    return _merge_typos(unique)


def _merge_typos(findings: list[Finding]) -> list[Finding]:
    """Drop 'missing "title"' when the same mapping has 'unknown field "titel"':
    the typo finding already says what to do."""
    typos = {
        (f.path[:-1], f.fix.split('"')[1])
        for f in findings
        if f.message.startswith(("unknown field", "unknown setting")) and f.fix.startswith("did you mean")
    }
    return [f for f in findings if not (f.message.startswith('missing "') and (f.path[:-1], f.path[-1]) in typos)]


def describe(value: Any) -> str:
    """A few words for a YAML value, as an author would see it."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f'the text "{shown}"'
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"the date {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    return f"a {type(value).__name__} value"


TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (lines starting with '- ')",
    "object": "a mapping (key: value lines)",
    "null": "empty",
}


def _resolve(subschema: Any) -> dict[str, Any]:
    if isinstance(subschema, dict) and "$ref" in subschema:
        name = subschema["$ref"].rsplit("/", 1)[-1]
        target = dict(schema()["$defs"].get(name, {}))
        target.update({k: v for k, v in subschema.items() if k != "$ref"})
        return target
    return subschema if isinstance(subschema, dict) else {}


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"? ' if close else ""


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return slug[:40] or "my-id"


def _context(path: tuple[Any, ...]) -> str:
    """How a message names the field at the end of ``path``."""
    if not path:
        return "the top level"
    return f'"{path[-1]}"' if isinstance(path[-1], str) else f"item {path[-1]}"


def _translate(error: ValidationError) -> list[Finding]:
    path = tuple(error.absolute_path)
    kind = error.validator
    sub = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    is_text = sub.get("title") == "Text"

    if kind == "required":
        found = []
        for key in error.validator_value:
            if isinstance(instance, dict) and key in instance:
                continue
            if repr(key) not in error.message:
                continue
            prop = _resolve(sub.get("properties", {}).get(key, {}))
            if is_text:
                found.append(
                    Finding(
                        path + (key,),
                        f"missing the {LANGUAGE_NAMES[key]} text",
                        f'add "{key}: ..." with the {LANGUAGE_NAMES[key]} wording',
                    )
                )
            else:
                hint = prop.get("description", "")
                found.append(
                    Finding(path + (key,), f'missing "{key}"', f'add "{key}:"' + (f" ({hint})" if hint else ""))
                )
        return found

    if kind == "additionalProperties":
        allowed = list(sub.get("properties", {}))
        extras = [k for k in instance if k not in allowed] if isinstance(instance, dict) else []
        found = []
        in_settings = bool(path) and path[-1] == "settings"
        for key in extras:
            if in_settings and not allowed:
                found.append(
                    Finding(
                        path + (key,),
                        f'unknown setting "{key}"',
                        f"{sub.get('description', 'this round has no settings')}; remove it",
                        True,
                    )
                )
            elif in_settings:
                found.append(
                    Finding(
                        path + (key,),
                        f'unknown setting "{key}"',
                        _suggest(key, allowed) + "allowed here: " + ", ".join(allowed),
                        True,
                    )
                )
            else:
                found.append(
                    Finding(
                        path + (key,),
                        f'unknown field "{key}"',
                        _suggest(key, allowed) + "allowed here: " + ", ".join(allowed),
                        True,
                    )
                )
        return found

    if kind == "enum":
        options = [str(v) for v in error.validator_value]
        if path and path[-1] == "mechanic":
            return [Finding(path, f'unknown mechanic "{instance}"', "use one of: " + ", ".join(options))]
        if len(path) == 2 and path[0] == "roles":
            return [
                Finding(
                    path,
                    f'unknown default role "{instance}"',
                    _suggest(str(instance), list(DEFAULT_ROLE_IDS))
                    + "use one of: "
                    + ", ".join(DEFAULT_ROLE_IDS)
                    + ", or write the role out in full (id, name, colour, perspective, description)",
                )
            ]
        shown = instance if isinstance(instance, (str, int, float)) else describe(instance)
        return [
            Finding(
                path,
                f'"{shown}" is not allowed for {_context(path)}',
                _suggest(str(instance), options) + "use one of: " + ", ".join(options),
            )
        ]

    if kind == "const":
        if path == ("roles",):
            return [
                Finding(
                    path,
                    f'unknown value "{instance}" for roles',
                    'write "roles: default" for the standard roles, or give a list of roles',
                )
            ]
        return [Finding(path, f"{describe(instance)} is not allowed here", f'write "{error.validator_value}"')]

    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(TYPE_WORDS.get(w, w) for w in wanted)
        message = f"must be {words}, not {describe(instance)}"
        if is_text:
            return [
                Finding(
                    path,
                    f"must give a Dutch and an English text, not {describe(instance)}",
                    'write two indented lines below it: "nl: ..." and "en: ..."',
                )
            ]
        if path == ("roles",):
            return [
                Finding(
                    path,
                    f"must be default or a list of roles, not {describe(instance)}",
                    'write "roles: default" or a list of roles',
                )
            ]
        if path and path[-1] == "colour":
            if instance is None:
                return [
                    Finding(
                        path,
                        "the colour is empty",
                        'put the colour in quotes, e.g. colour: "#0072B2" — '
                        "without quotes YAML reads # as the start of a comment",
                    )
                ]
            return [Finding(path, message, 'write it in quotes as "#RRGGBB", e.g. "#0072B2"')]
        if path == ("version",):
            return [Finding(path, message, 'put the version in quotes, e.g. version: "1.0"')]
        if "integer" in wanted:
            return [Finding(path, message, "write a whole number, e.g. 10")]
        if "string" in wanted:
            return [
                Finding(path, message, "write text; put it in quotes if it looks like a number, date or true/false")
            ]
        if "array" in wanted:
            return [Finding(path, message, "write one item per line, each starting with '- '")]
        if "object" in wanted:
            return [Finding(path, message, "write indented key: value lines below it")]
        return [Finding(path, message, f"write {words}")]

    if kind == "pattern":
        if path and path[-1] == "colour":
            return [
                Finding(
                    path,
                    f'"{instance}" is not a colour',
                    'write it in quotes as "#RRGGBB" (six hex digits), e.g. "#0072B2"',
                )
            ]
        return [
            Finding(
                path,
                f'"{instance}" is not a valid id',
                f'use lowercase letters, digits and hyphens, e.g. "{_slug(instance)}"',
            )
        ]

    if kind in ("minimum", "exclusiveMinimum"):
        return [
            Finding(
                path,
                f"must be at least {error.validator_value}, not {instance}",
                f"write {error.validator_value} or more",
            )
        ]
    if kind in ("maximum", "exclusiveMaximum"):
        return [
            Finding(
                path,
                f"must be at most {error.validator_value}, not {instance}",
                f"write {error.validator_value} or less",
            )
        ]

    if kind == "minLength":
        if len(path) >= 1 and path[-1] in LANGUAGE_NAMES:
            return [Finding(path, f"the {LANGUAGE_NAMES[path[-1]]} text is empty", "write the text")]
        return [Finding(path, "is empty", "write a value")]
    if kind == "maxLength":
        return [Finding(path, f"is longer than {error.validator_value} characters", "make it shorter")]
    if kind == "minItems":
        return [Finding(path, f"needs at least {error.validator_value} item(s)", "add an item")]
    if kind == "uniqueItems":
        return [Finding(path, "lists the same value twice", "remove the repeat")]

    return [Finding(path, " ".join(error.message.split())[:200], "see docs/rules.md")]
