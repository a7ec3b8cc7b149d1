"""The browser side of "a mechanic is one unit": the view of mechanic KEY is the module
static/js/mechanics/KEY.js, found by the key the snapshot names (static/js/mechanics/index.js
holds no list), no page script branches on a mechanic's name, and no script carries limits
of its own: they come from the round's settings in the snapshot."""

from __future__ import annotations

import re

from samenspel.config import PROJECT_ROOT
from samenspel.engine.mechanics import MECHANICS

JS = PROJECT_ROOT / "static" / "js"
MECHANIC_JS = JS / "mechanics"
# The scripts of the pages and the shared modules: they know mechanics only through the registry.
CENTRAL = [
    "phone.js",
    "phone-game.js",
    "projector.js",
    "projector-end.js",
    "console.js",
    "console-proxies.js",
    "console-admin.js",
    "socket.js",
    "outbox.js",
    "mechanics/index.js",
]


def scripts():
    return [p for p in sorted(JS.rglob("*.js")) if "vendor" not in p.parts]


def test_every_mechanic_of_the_engine_has_its_view_module():
    missing = [key for key in MECHANICS if not (MECHANIC_JS / f"{key}.js").exists()]
    assert not missing, f"add static/js/mechanics/<key>.js for {missing}"


def test_every_module_named_like_a_mechanic_is_one():
    """Helpers of a mechanic carry a hyphen (cards-console.js); a bare name is a mechanic key."""
    bare = {p.stem for p in MECHANIC_JS.glob("*.js") if "-" not in p.stem} - {"index"}
    assert bare <= set(MECHANICS), bare - set(MECHANICS)


def test_no_page_script_names_a_mechanic():
    keys = "|".join(map(re.escape, MECHANICS))
    named = re.compile(rf"""["'`]({keys})["'`]|mechanic\s*===?\s*["'`]""")
    found = {}
    for name in CENTRAL:
        lines = [
            line.strip()
            for line in (JS / name).read_text(encoding="utf-8").splitlines()
            if named.search(line) and not line.strip().startswith("//")
        ]
        if lines:
            found[name] = lines
    assert not found, found


def test_no_script_has_limits_of_its_own():
    """No numeric fallback for a setting, no limit constants, no maxlength written as a number."""
    patterns = {
        "fallback for a setting": re.compile(r"settings\b[^;\n]*?(\|\||\?\?)\s*\d"),
        "limit constant": re.compile(r"\b[A-Z_]*(LIMIT|LENGTH|MAX|DEFAULT)[A-Z_]*\s*=\s*[{\d]"),
        "numeric maxlength": re.compile(r"""maxlength\s*:\s*(["'`]?\d|String\(\s*\d)"""),
        "spread defaults": re.compile(r"\{\s*\w+\s*:\s*\d+\s*,[^}]*\.\.\.\s*\(?\s*round\.settings"),
    }
    found = []
    for path in scripts():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for what, pattern in patterns.items():
                if pattern.search(line):
                    found.append(f"{path.relative_to(JS)}:{number}: {what}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_console_can_act_for_someone_without_a_phone_in_every_mechanic_with_input():
    """Every mechanic whose players send input (its item kind and verbs) lets the console do it
    for someone without a phone (static/js/console-proxies.js reads ``proxyInput``)."""
    flag = re.compile(r"^export const proxyInput = true;$", re.M)
    missing = [
        key
        for key, mechanic in MECHANICS.items()
        if mechanic.item_kind and mechanic.verbs and not flag.search((MECHANIC_JS / f"{key}.js").read_text("utf-8"))
    ]
    assert not missing, f"export const proxyInput = true; in static/js/mechanics/<key>.js for {missing}"
