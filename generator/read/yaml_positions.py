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
_STR_TAG = "tag:yaml.org,2002:str"

# Limits on one YAML document: nesting, aliases, and the values they expand to. Real
# content stays far below them; a crafted file (an alias bomb, a 10,000-deep list)
# is refused with its position instead of exhausting memory, time or the stack.
MAX_DEPTH = 40
MAX_ALIASES = 200
MAX_VALUES = 20_000


class _Refused(Exception):
    def __init__(self, pos: Position, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.pos, self.code, self.message, self.hint = pos, code, message, hint


def _scan(text: str, line_offset: int) -> None:
    """Check nesting depth and aliases on the event stream, before anything recursive runs."""
    depth, aliases, open_anchors = 0, 0, []
    for event in yaml.parse(text, Loader=_Loader):
        pos = Position(event.start_mark.line + 1 + line_offset, event.start_mark.column + 1)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            open_anchors.append(event.anchor)
            if depth > MAX_DEPTH:
                raise _Refused(pos, "yaml-too-deep", f"the YAML is nested more than {MAX_DEPTH} levels deep",
                               "flatten the structure; no handbook file needs this much nesting")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            open_anchors.pop()
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if event.anchor in open_anchors:
                raise _Refused(pos, "yaml-alias", f"the alias '*{event.anchor}' refers to a value that contains it",
                               "write the value out instead of using a recursive alias")
            if aliases > MAX_ALIASES:
                raise _Refused(pos, "yaml-alias", f"the YAML uses more than {MAX_ALIASES} aliases",
                               "write the values out instead of repeating aliases")


@dataclass
class Document:
    """Data read from one YAML text, with positions keyed by location tuples.

    Positions are kept as (line, column) pairs and become `Position`s only when asked for:
    a repository has hundreds of thousands of values and few problems.
    """

    display: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def at(self, loc: Loc) -> Position:
        """Position of the value at `loc`, else of its nearest known ancestor."""
        loc = tuple(loc)
        while loc and loc not in self.values:
            loc = loc[:-1]
        found = self.values.get(loc)
        return Position(*found) if found else Position()

    def key_at(self, loc: Loc) -> Position:
        """Position of the key that names `loc` (for unknown or misspelt keys)."""
        found = self.keys.get(tuple(loc))
        return Position(*found) if found else self.at(loc)


# A comment that cuts text: one space then '#', or '#' straight before a word (`in #eng-wins`).
_CUTTING_COMMENT = re.compile(r"^(?: #| +#(?=\S))")


class _Converter:
    def __init__(self, loader: Any, doc: Document, problems: Problems, line_offset: int,
                 lines: list[str] | None = None) -> None:
        self.loader = loader
        self.doc = doc
        self.problems = problems
        self.first_line = line_offset + 1
        self.lines = lines or []
        self.count = 0

    def _check_cut(self, node: yaml.ScalarNode, value: Any) -> None:
        """A plain text value followed by ` #...` lost the rest of its line to a YAML comment."""
        if node.style or not isinstance(value, str) or not value or node.end_mark.line >= len(self.lines):
            return
        rest = self.lines[node.end_mark.line][node.end_mark.column:]
        if _CUTTING_COMMENT.match(rest):
            mark = node.start_mark
            self.problems.warn(self.doc.display, Position(mark.line + self.first_line, mark.column + 1),
                               "comment-cut", f"the text is cut at ' #': YAML reads '{rest.strip()}' as a comment",
                               "quote it: put the whole value in double quotes")

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        mark = node.start_mark
        self.doc.values[loc] = (mark.line + self.first_line, mark.column + 1)
        self.count += 1
        if self.count > MAX_VALUES:  # aliases of aliases grow exponentially: stop at a fixed budget
            raise _Refused(Position(*self.doc.values[loc]), "yaml-alias",
                           f"the YAML expands to more than {MAX_VALUES} values",
                           "write the values out instead of nesting aliases in aliases")
        kind = type(node)
        if kind is yaml.ScalarNode:
            if node.tag == _STR_TAG:  # most values: skip the constructor's bookkeeping
                value = node.value
            else:
                try:
                    value = self.loader.construct_object(node, deep=True)
                except (ValueError, TypeError, yaml.YAMLError):
                    return node.value
            if not node.style:
                self._check_cut(node, value)
            return value
        if kind is yaml.MappingNode:
            return self._mapping(node, loc)
        return [self.convert(item, loc + (i,)) for i, item in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        try:
            self.loader.flatten_mapping(node)
        except yaml.YAMLError as exc:  # a merge key '<<' given something other than mappings
            mark = getattr(exc, "problem_mark", None) or node.start_mark
            raise _Refused(Position(mark.line + self.first_line, mark.column + 1), "yaml-merge",
                           "a merge key '<<' needs a mapping or a list of mappings",
                           "merge an anchored mapping, like '<<: *defaults', or remove the key") from exc
        result: dict[str, Any] = {}
        keys = self.doc.keys
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            where = (mark.line + self.first_line, mark.column + 1)
            if type(key_node) is not yaml.ScalarNode:
                self.problems.add(self.doc.display, Position(*where), "yaml-key",
                                  "a key must be a plain word, not a list or mapping",
                                  "write the key as text followed by a colon")
                continue
            key = str(key_node.value)
            here = loc + (key,)
            if key in result:
                self.problems.add(self.doc.display, Position(*where), "duplicate-key",
                                  f"key '{key}' appears twice (first on line {keys[here][0]})",
                                  "keep one of the two keys")
                continue
            keys[here] = where
            result[key] = self.convert(value_node, here)
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
        _scan(text, line_offset)
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
    except _Refused as exc:
        problems.add(display, exc.pos, exc.code, exc.message, exc.hint)
        return None
    finally:
        loader.dispose()
    doc = Document(display, None)
    if node is None:
        problems.add(display, Position(1 + line_offset, 1), "empty-file", "no YAML content",
                     "add the expected keys")
        return None
    try:
        doc.data = _Converter(loader, doc, problems, line_offset, text.split("\n")).convert(node, ())
    except _Refused as exc:
        problems.add(display, exc.pos, exc.code, exc.message, exc.hint)
        return None
    return doc
