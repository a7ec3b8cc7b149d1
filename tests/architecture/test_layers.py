"""The layers of docs and README, checked on the import graph (read with ``ast``):

    rules → engine → store → services → live, web, cli   (app wires them; export renders)

No package imports one that imports it back; ``rules`` and ``engine`` stay pure; the
adapters never import each other, nor the store; every package imports only what is below
it. A new import that breaks the direction fails here with the file and line."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.support.imports import PACKAGE, Import, all_imports, component

IMPORTS = all_imports()
ADAPTERS = ("live", "web", "cli")
INFRASTRUCTURE = (
    "flask",
    "flask_babel",
    "flask_socketio",
    "flask_wtf",
    "socketio",
    "engineio",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "psycopg2",
    "redis",
    "gevent",
    "eventlet",
    "werkzeug",
    "requests",
)
#: what each part of the package may import from the package (besides itself)
ALLOWED = {
    "rules": set(),
    "engine": {"rules"},
    "export": {"engine", "rules", "config"},
    "store": {"engine", "rules"},
    "services": {"store", "engine", "rules", "export"},
    "messages": {"engine"},
    "i18n": {"rules"},
    "config": set(),
    "live": {"services", "engine", "rules", "messages", "config", "i18n"},
    "web": {"services", "engine", "rules", "messages", "config", "i18n", "export"},
    "cli": {"services", "engine", "rules", "export", "config", "app"},
    "app": {"services", "store", "live", "web", "config", "i18n", "serving"},
    "serving": set(),
    "__main__": {"cli"},
    PACKAGE: set(),
}


def internal(kind: str | None = None, imports=None):
    for imp in IMPORTS if imports is None else imports:
        if component(imp.target) == PACKAGE and imp.target != PACKAGE or imp.target.startswith(PACKAGE + "."):
            source, target = component(imp.module), component(imp.target)
            if source != target and (kind is None or source == kind):
                yield source, target, imp


def test_the_graph_is_read():
    """Guard against a parser that finds nothing (then every test below would pass)."""
    pairs = {(s, t) for s, t, _ in internal()}
    assert ("services", "store") in pairs and ("live", "services") in pairs and ("store", "engine") in pairs
    assert len(IMPORTS) > 300


def test_every_part_of_the_package_has_its_place():
    assert {component(imp.module) for imp in IMPORTS} <= set(ALLOWED)


def against_direction(part: str, imports=None) -> list[str]:
    return [
        f"{imp.module}:{imp.line} imports {imp.target}"
        for _source, target, imp in internal(part, imports)
        if target not in ALLOWED[part]
    ]


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_dependencies_point_one_way(part):
    wrong = against_direction(part)
    assert not wrong, f"{part} may import only {sorted(ALLOWED[part])}:\n" + "\n".join(wrong)


def test_no_package_imports_one_that_imports_it_back():
    found = cycles()
    assert not found, "import cycles between packages:\n" + "\n".join(found)


def cycles(imports=None) -> list[str]:
    graph = defaultdict(set)
    for source, target, _imp in internal(imports=imports):
        graph[source].add(target)
    cycles = []

    def visit(node, path):
        for nxt in sorted(graph[node]):
            if nxt in path:
                cycles.append(" → ".join([*path[path.index(nxt) :], nxt]))
            elif len(path) < len(graph) + 1:
                visit(nxt, [*path, nxt])

    for start in sorted(graph):
        visit(start, [start])
    return sorted(set(cycles))


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_adapters_never_import_each_other_nor_the_store(adapter):
    wrong = [
        f"{imp.module}:{imp.line} imports {imp.target}"
        for _s, target, imp in internal(adapter)
        if target in (*ADAPTERS, "store")
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "part,forbidden",
    [
        ("rules", INFRASTRUCTURE + ("socket", "subprocess", "sqlite3", "threading")),
        (
            "engine",
            INFRASTRUCTURE
            + ("os", "pathlib", "io", "socket", "subprocess", "sqlite3", "threading", "time", "random", "logging"),
        ),
    ],
)
def test_rules_and_engine_stay_pure(part, forbidden):
    wrong = [
        f"{imp.module}:{imp.line} imports {imp.target}"
        for imp in IMPORTS
        if component(imp.module) == part and imp.target.split(".")[0] in forbidden
    ]
    assert not wrong, f"{part} must stay pure Python:\n" + "\n".join(wrong)


def test_the_checks_catch_a_violation():
    """Fed the imports this code base used to have, the checks do fail."""
    old = [
        Import("samenspel.live.handlers", "samenspel.web.urls", 23),
        Import("samenspel.web.api", "samenspel.live.broadcast", 11),
        Import("samenspel.export.cli", "samenspel.web.plan", 30),
    ]
    assert against_direction("live", old) == ["samenspel.live.handlers:23 imports samenspel.web.urls"]
    assert against_direction("export", old) == ["samenspel.export.cli:30 imports samenspel.web.plan"]
    assert cycles(old) == ["live → web → live", "web → live → web"]
