"""Parse YAML while keeping track of where every value sits in the file.

PyYAML's ``safe_load`` forgets positions, so we compose the node graph ourselves (its
nodes carry ``start_mark``) and construct the plain Python document from that same graph.
A JSON path such as ``("rounds", 3, "mechanic")`` can then be mapped to a line and column.

Parsing also guards against documents that would hurt the validator: duplicate keys
(YAML silently keeps the last one), recursive aliases, and "billion laughs" alias bombs
whose expanded size is enormous although the file is small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Finding, Path

MAX_EXPANDED_NODES = 50_000


class SyntaxProblem(Exception):
    """The text is not a single, sane YAML document."""

    def __init__(self, message: str, fix: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.line = line
        self.column = column


@dataclass
class Document:
    node: yaml.Node | None
    data: Any
    findings: list[Finding] = field(default_factory=list)

    def locate(self, path: Path, at_key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at ``path``, or of its nearest parent."""
        node = self.node
        if node is None:
            return None, None
        mark = node.start_mark
        for depth, part in enumerate(path):
            child_key, child = _child(node, part)
            if child is None:
                break
            if at_key and child_key is not None and depth == len(path) - 1:
                mark = child_key.start_mark
                break
            node = child
            mark = node.start_mark
        return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, part: Any) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        found: tuple[yaml.Node | None, yaml.Node | None] = (None, None)
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                found = (key_node, value_node)  # last one wins, as in the constructed data
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and not isinstance(part, bool):
        if 0 <= part < len(node.value):
            return None, node.value[part]
    return None, None


def _mark_of(error: yaml.YAMLError) -> tuple[int | None, int | None]:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def parse(text: str) -> Document:
    """Compose and construct one YAML document; raise SyntaxProblem if that fails."""
    try:
        # The reader checks the characters as soon as the loader is created.
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        raise _reader_problem(error, text) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.composer.ComposerError as error:
            line, column = _mark_of(error)
            if "single document" in str(error):
                raise SyntaxProblem(
                    "the file holds more than one YAML document",
                    "remove the extra '---' line; one game per file",
                    line,
                    column,
                ) from None
            raise SyntaxProblem(
                f"YAML error: {_one_line(error)}",
                "check the anchor (&name) and alias (*name) spelling",
                line,
                column,
            ) from None
        except yaml.reader.ReaderError as error:
            raise _reader_problem(error, text) from None
        except yaml.YAMLError as error:
            line, column = _mark_of(error)
            raise SyntaxProblem(
                f"YAML syntax error: {_one_line(error)}",
                _syntax_fix(error),
                line,
                column,
            ) from None
        if node is None:
            return Document(None, None)
        findings: list[Finding] = []
        _walk(node, (), findings, {}, set())
        try:
            data = loader.construct_document(node)
        except yaml.YAMLError as error:
            line, column = _mark_of(error)
            raise SyntaxProblem(
                f"YAML value error: {_one_line(error)}",
                "write the value as plain text, a number, a list or a mapping",
                line,
                column,
            ) from None
        return Document(node, data, findings)
    finally:
        loader.dispose()


def _reader_problem(error: yaml.reader.ReaderError, text: str) -> SyntaxProblem:
    before = text[: error.position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return SyntaxProblem(
        f"the file contains a character YAML does not allow ({_one_line(error)})",
        "save the file as UTF-8 text; it looks like binary data",
        line,
        column,
    )


def _one_line(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.reader.ReaderError):
        return f"character #x{error.character:04x}" if isinstance(error.character, int) else "binary data"
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    if problem:
        text = f"{context}, {problem}" if context else str(problem)
    else:
        text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return " ".join(text.split())


def _syntax_fix(error: yaml.YAMLError) -> str:
    text = str(error)
    if "found character '\\t'" in text or "\\t" in text:
        return "indent with spaces, not tabs"
    if "special characters are not allowed" in text or "unacceptable character" in text:
        return "save the file as UTF-8 text; it looks like binary data"
    if "while parsing a flow" in text:
        return (
            "inside { } or [ ], put text that contains a comma, colon or question mark in "
            'quotes, e.g. {nl: "Wie, wat?", en: "Who, what?"}'
        )
    if "mapping values are not allowed" in text:
        return "put quotes around text that contains ': ' (a colon followed by a space)"
    if "could not find expected ':'" in text or "expected <block end>" in text:
        return "check the indentation: items at the same level must line up exactly"
    return "check indentation, colons and quotes around this place"


def _walk(node: yaml.Node, path: Path, findings: list[Finding], sizes: dict[int, int], active: set[int]) -> int:
    """Report duplicate keys and return the expanded size of ``node``.

    Sizes are memoised per node so shared (aliased) nodes are counted as often as they
    appear after expansion without actually expanding them.
    """
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in active:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        raise SyntaxProblem(
            "an alias refers to itself (a recursive structure)",
            "remove the alias (*name) inside its own anchor (&name)",
            line,
            column,
        )
    active.add(key)
    total = 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if name is not None and name != "<<":
                if name in seen:
                    first = seen[name].start_mark.line + 1
                    findings.append(
                        Finding(
                            path + (name,),
                            f'duplicate key "{name}" (also on line {first})',
                            "keep one of them; YAML would silently use the last",
                            True,
                        )
                    )
                seen[name] = key_node
            total += _walk(key_node, path, findings, sizes, active)
            child_path = path + (name,) if name is not None else path
            total += _walk(value_node, child_path, findings, sizes, active)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            total += _walk(item, path + (index,), findings, sizes, active)
    active.discard(key)
    sizes[key] = total
    if total > MAX_EXPANDED_NODES:
        raise SyntaxProblem(
            f"the document is too large after expanding aliases (over {MAX_EXPANDED_NODES} values)",
            "a game needs a few hundred values; remove repeated aliases (*name)",
            node.start_mark.line + 1,
            node.start_mark.column + 1,
        )
    return total
