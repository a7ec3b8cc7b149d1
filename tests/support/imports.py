"""The import graph of the ``samenspel`` package, read with ``ast`` (nothing is imported):
every module's imports, function-level ones included, resolved to absolute names."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "samenspel"
ROOT = Path(__file__).resolve().parents[2] / PACKAGE


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. samenspel.web.pages
    target: str  # what it imports, e.g. samenspel.services.context or flask
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[Import]:
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(name, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append(Import(name, target, node.lineno))
            # ``from samenspel.services import play`` imports the module samenspel.services.play
            for alias in node.names:
                if (
                    target.startswith(PACKAGE)
                    and (ROOT.parent / Path(*f"{target}.{alias.name}".split("."))).with_suffix(".py").exists()
                ):
                    found.append(Import(name, f"{target}.{alias.name}", node.lineno))
    return found


def all_imports() -> list[Import]:
    return [imp for path in sorted(ROOT.rglob("*.py")) if "migrations" not in path.parts for imp in imports_of(path)]


def component(module: str) -> str:
    """samenspel.store.db -> store; samenspel.app -> app; flask.json -> flask."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return parts[0]
    return parts[1] if len(parts) > 1 else PACKAGE
