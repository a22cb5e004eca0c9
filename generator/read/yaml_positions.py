"""YAML into plain Python data plus the line and column of every key and value.

PyYAML's composer keeps a start mark on every node (also with the C loader), so
the tree is composed first and converted by hand: that keeps positions, turns a
bad scalar (an impossible date, say) into its raw text for the model to reject
with a location, and lets duplicate keys be reported instead of silently lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.problems import Position, Problems

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Loc = tuple[str | int, ...]


@dataclass
class Document:
    """Data read from one YAML text, with positions keyed by location tuples."""

    display: str
    data: Any
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)

    def at(self, loc: Loc) -> Position:
        """Position of the value at `loc`, else of its nearest known ancestor."""
        loc = tuple(loc)
        while loc and loc not in self.values:
            loc = loc[:-1]
        return self.values.get(loc, Position())

    def key_at(self, loc: Loc) -> Position:
        """Position of the key that names `loc` (for unknown or misspelt keys)."""
        return self.keys.get(tuple(loc)) or self.at(loc)


def _mark(node: yaml.Node, line_offset: int) -> Position:
    return Position(node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)


# A comment that cuts text: one space then '#', or '#' straight before a word (`in #eng-wins`).
_CUTTING_COMMENT = re.compile(r"^(?: #| +#(?=\S))")


class _Converter:
    def __init__(self, loader: Any, doc: Document, problems: Problems, line_offset: int,
                 lines: list[str] | None = None) -> None:
        self.loader = loader
        self.doc = doc
        self.problems = problems
        self.offset = line_offset
        self.lines = lines or []

    def _check_cut(self, node: yaml.ScalarNode, value: Any) -> None:
        """A plain text value followed by ` #...` lost the rest of its line to a YAML comment."""
        if node.style or not isinstance(value, str) or not value or node.end_mark.line >= len(self.lines):
            return
        rest = self.lines[node.end_mark.line][node.end_mark.column:]
        if _CUTTING_COMMENT.match(rest):
            self.problems.warn(self.doc.display, _mark(node, self.offset), "comment-cut",
                               f"the text is cut at ' #': YAML reads '{rest.strip()}' as a comment",
                               "quote it: put the whole value in double quotes")

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        self.doc.values[loc] = _mark(node, self.offset)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, loc + (i,)) for i, item in enumerate(node.value)]
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, TypeError, yaml.YAMLError):
            return node.value
        if isinstance(node, yaml.ScalarNode):
            self._check_cut(node, value)
        return value

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        self.loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            where = _mark(key_node, self.offset)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.add(self.doc.display, where, "yaml-key",
                                  "a key must be a plain word, not a list or mapping",
                                  "write the key as text followed by a colon")
                continue
            key = str(key_node.value)
            if key in result:
                first = self.doc.keys[loc + (key,)]
                self.problems.add(self.doc.display, where, "duplicate-key",
                                  f"key '{key}' appears twice (first on line {first.line})",
                                  "keep one of the two keys")
                continue
            self.doc.keys[loc + (key,)] = where
            result[key] = self.convert(value_node, loc + (key,))
        return result


def _indent(text: str, line: int) -> str:
    lines = text.split("\n")
    current = lines[line] if line < len(lines) else ""
    return current[:len(current) - len(current.lstrip(" \t"))]


def _tab_indented(text: str, line: int) -> bool:
    """A tab in the indentation of the failing line or the line before (where the scanner may stop)."""
    return any("\t" in _indent(text, n) for n in (line, line - 1) if n >= 0)


def _tab_column(text: str, line: int) -> int:
    for n in (line, line - 1):
        if n >= 0 and "\t" in _indent(text, n):
            return _indent(text, n).index("\t") + 1
    return 1


def read_yaml_text(text: str, display: str, problems: Problems, line_offset: int = 0) -> Document | None:
    """Parse `text`; on a syntax error record a located problem and return None."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(mark.line + 1 + line_offset, mark.column + 1) if mark else Position()
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        if mark and _tab_indented(text, mark.line):
            problems.add(display, Position(pos.line, _tab_column(text, mark.line)), "yaml-tab",
                         "invalid YAML: a tab is used for indentation", "indent with spaces; YAML does not allow tabs")
        else:
            problems.add(display, pos, "yaml-syntax", f"invalid YAML: {what}",
                         "check indentation, and quote values that contain ': ' or start with a special character")
        return None
    except yaml.YAMLError as exc:
        problems.add(display, Position(1 + line_offset, 1), "yaml-syntax", f"invalid YAML: {exc}",
                     "check the file's YAML syntax")
        return None
    finally:
        loader.dispose()
    doc = Document(display, None)
    if node is None:
        problems.add(display, Position(1 + line_offset, 1), "empty-file", "no YAML content",
                     "add the expected keys")
        return None
    doc.data = _Converter(loader, doc, problems, line_offset, text.split("\n")).convert(node, ())
    return doc
