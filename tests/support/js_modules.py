"""Which text keys a page's scripts can ask for: a small reader of the project's ES modules.

The scripts are plain, hand-written modules (static/js/): top-level imports, declarations
(`function`, `const`, `class`, with or without `export`) and a little top-level code. This
reader splits a module into those parts and follows names from one part to the next, across
imports and re-exports, so a test can ask: starting from a page's entry module, and from the
functions of a mechanic that page calls (`mechanic.phoneView` …), which text keys can run?

Keys are `t("key")` calls, `t(`prefix_${…}`)` prefixes, and string literals shaped like a
key that are a key somewhere (handed to a helper that calls `t`, as `countText(n, "person_count",
"people_count")` does). A name mentioned in a comment or string counts as used: the reader
errs on the side of asking for more keys, never fewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CALL = re.compile(r"""\bt\(\s*"([A-Za-z0-9_]+)"\s*[,)]""")
PREFIX = re.compile(r"""\bt\(\s*`([A-Za-z0-9_]+)\$\{""")
KEYLIKE = re.compile(r"""["'`]([a-z][a-z0-9]*(?:_[a-z0-9]+)+)["'`]""")
WORD = re.compile(r"\b[A-Za-z_$][\w$]*\b")
DECLARATION = re.compile(r"^(?:export\s+)?(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)")
IMPORT_FROM = re.compile(r"""^import\s*(.*?)\s*from\s*["']([^"']+)["']""", re.S)
EXPORT_FROM = re.compile(r"""^export\s*\{(.*?)\}\s*from\s*["']([^"']+)["']""", re.S)
EXPORT_LIST = re.compile(r"""^export\s*\{(.*?)\}\s*;?\s*$""", re.S)
#: a module loaded later by its path (phone.js loads phone-game.js while the name is typed)
DYNAMIC_IMPORT = re.compile(r"""\bimport\(\s*["'](\.{1,2}/[^"']+)["']\s*\)""")
#: how a page reaches into a mechanic's module (static/js/mechanics/index.js)
MECHANIC_USE = re.compile(r"\bmechanic\.(\w+)")


@dataclass
class Module:
    path: Path
    declarations: dict[str, str] = field(default_factory=dict)
    body: str = ""  # top-level code that runs when the module loads
    imports: dict[str, tuple[Path, str]] = field(default_factory=dict)  # local name -> (module, its name)
    reexports: dict[str, tuple[Path, str]] = field(default_factory=dict)  # exported name -> (module, its name)


def _names(clause: str) -> list[tuple[str, str]]:
    """`a, b as c` -> [(a, a), (b, c)]: (the name there, the name here)."""
    pairs = []
    for part in clause.replace("\n", " ").split(","):
        words = part.split()
        if words:
            pairs.append((words[0], words[-1]))
    return pairs


def _statements(text: str) -> list[str]:
    """The top-level statements: a new one starts at every line that starts in column 0
    with something other than a closing bracket or a comment."""
    chunks: list[list[str]] = []
    for line in text.splitlines():
        starts = line[:1] not in ("", " ", "\t", "}", ")", "]") and not line.startswith(("//", "/*", " *", "*/"))
        if starts or not chunks:
            chunks.append([])
        if not line.startswith(("//", "/*", " *", "*/")):
            chunks[-1].append(line)
    return ["\n".join(chunk) for chunk in chunks if "".join(chunk).strip()]


@lru_cache(maxsize=None)
def parse(path: Path) -> Module:
    module = Module(path)
    for statement in _statements(path.read_text(encoding="utf-8")):
        if found := IMPORT_FROM.match(statement):
            clause, target = found.groups()
            source = (path.parent / target).resolve()
            if clause.startswith("{"):
                for there, here in _names(clause.strip("{} ")):
                    module.imports[here] = (source, there)
            elif clause.startswith("* as"):
                module.imports[clause.split()[-1]] = (source, "*")
            else:
                module.imports[clause] = (source, "default")
        elif found := EXPORT_FROM.match(statement):
            clause, target = found.groups()
            for there, here in _names(clause):
                module.reexports[here] = ((path.parent / target).resolve(), there)
        elif EXPORT_LIST.match(statement):
            continue  # exports local names, which are declarations here
        elif found := DECLARATION.match(statement):
            module.declarations[found.group(1)] = statement
        elif not statement.startswith("import"):
            module.body += statement + "\n"
    return module


def keys_in(text: str, known: set[str]) -> tuple[set[str], set[str]]:
    """(keys, prefixes) a piece of source asks for."""
    keys = set(CALL.findall(text)) | {k for k in KEYLIKE.findall(text) if k in known}
    return keys, set(PREFIX.findall(text))


class Reach:
    """The keys reachable from some entry points, following names across modules."""

    def __init__(self, known: set[str]):
        self.known = known
        self.keys: dict[str, set[Path]] = {}  # key -> the modules asking for it
        self.prefixes: dict[str, set[Path]] = {}
        self._seen: set[tuple[Path, str]] = set()

    def module(self, path: Path) -> None:
        """All of a module: its top-level code and every declaration."""
        for name in [*parse(path.resolve()).declarations, "<body>"]:
            self.name(path, name)

    def name(self, path: Path, name: str) -> None:
        path = path.resolve()
        if (path, name) in self._seen or not path.exists() or "vendor" in path.parts:
            return
        self._seen.add((path, name))
        module = parse(path)
        if name != "<body>":
            self.name(path, "<body>")  # a module that is used has run its top-level code
        if name in module.reexports:
            self.name(*module.reexports[name])
            return
        if name == "*":
            self.module(path)
            return
        text = module.body if name == "<body>" else module.declarations.get(name, "")
        keys, prefixes = keys_in(text, self.known)
        for key in keys:
            self.keys.setdefault(key, set()).add(path)
        for prefix in prefixes:
            self.prefixes.setdefault(prefix, set()).add(path)
        for target in DYNAMIC_IMPORT.findall(text):
            self.module(path.parent / target)
        for word in set(WORD.findall(text)) - {name}:
            if word in module.declarations:
                self.name(path, word)
            elif word in module.imports:
                self.name(*module.imports[word])

    def used_from_mechanics(self) -> set[str]:
        """The functions of a mechanic's module that the code reached so far calls."""
        used = set()
        for path, name in list(self._seen):
            module = parse(path)
            text = module.body if name == "<body>" else module.declarations.get(name, "")
            used |= set(MECHANIC_USE.findall(text))
        return used


def page_keys(entry: Path, mechanics: list[Path], known: set[str]) -> Reach:
    """What a page can ask for: all of its entry module (and what that uses), and of every
    mechanic's module the functions the page calls (a page can load any mechanic by key)."""
    reach = Reach(known)
    reach.module(entry)
    for name in sorted(reach.used_from_mechanics()):
        for path in mechanics:
            reach.name(path, name)
    return reach
