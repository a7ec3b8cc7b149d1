"""The settings tables of docs/rules.md, written from the mechanics' own settings
(``rules/mechanics/<key>.py``), so the documentation cannot drift from what the loader
accepts. ``python -m samenspel.rules.reference docs/rules.md`` rewrites the tables between
the ``<!-- settings: <key> -->`` and ``<!-- /settings -->`` marks; a test checks they are
current.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Mapping

from .mechanics import MECHANICS
from .settings import MechanicSettings

START = (
    "<!-- settings: {key} (generated from samenspel/rules/mechanics/{key}.py: "
    "python -m samenspel.rules.reference docs/rules.md) -->"
)
END = "<!-- /settings -->"
_BLOCK = re.compile(r"<!-- settings: (?P<key>[a-z0-9_-]+) .*?-->\n.*?<!-- /settings -->", re.S)


def yaml_value(value: Any) -> str:
    """A default as it would be written in a rules file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    return str(value)


def _meaning(prop: Mapping[str, Any]) -> str:
    text = prop.get("description", "")
    if "minimum" in prop and "maximum" in prop:
        text += f" ({prop['minimum']}–{prop['maximum']})"
    if "enum" in prop:
        text += " — one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    for name, sub in (prop.get("properties") or {}).items():
        bounds = f" {sub['minimum']}–{sub['maximum']}" if "minimum" in sub and "maximum" in sub else ""
        text += f"; `{name}`:{bounds}"
    return text.replace("|", "\\|")


def settings_table(spec: MechanicSettings) -> str:
    if not spec.properties:
        return f"A {spec.key} round has no settings."
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    for name, prop in spec.properties.items():
        if name in spec.required:
            default = "(required)"
        elif spec.defaults[name] is None:
            default = "—"
        else:
            default = f"`{yaml_value(spec.defaults[name])}`"
        rows.append(f"| `{name}` | {default} | {_meaning(prop)} |")
    return "\n".join(rows)


def block(spec: MechanicSettings) -> str:
    return f"{START.format(key=spec.key)}\n{settings_table(spec)}\n{END}"


def documented(text: str) -> dict[str, str]:
    """The settings blocks found in a text, by mechanic."""
    return {m.group("key"): m.group(0) for m in _BLOCK.finditer(text)}


def rewrite(text: str) -> str:
    """``text`` with every settings block replaced by the current one."""
    return _BLOCK.sub(lambda m: block(MECHANICS[m.group("key")]) if m.group("key") in MECHANICS else m.group(0), text)


if __name__ == "__main__":  # python -m samenspel.rules.reference docs/rules.md
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as handle:
            old = handle.read()
        new = rewrite(old)
        if new != old:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(new)
            print(f"updated {path}", file=sys.stderr)
