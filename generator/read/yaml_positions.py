"""YAML into plain Python data plus the line and column of every key and value.

PyYAML's composer keeps a start mark on every node (also with the C loader), so
the tree is composed first and converted by hand: that keeps positions, turns a
bad scalar (an impossible date, say) into its raw text for the model to reject
with a location, and lets duplicate keys be reported instead of silently lost.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.problems import CONTROL, Position, Problems, describe_control

try:
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader

_WILDCARD = tuple(_Base.yaml_implicit_resolvers.get(None, []))
# The safe loader's implicit resolvers by a scalar's first character, wildcards appended.
_IMPLICIT = {first: (*resolvers, *_WILDCARD) for first, resolvers in _Base.yaml_implicit_resolvers.items()
             if first is not None}


class _CutLoader(_Base):  # type: ignore[misc]  # the C loader when PyYAML has it
    """The safe loader with its resolver cut to what it does without path resolvers.

    The composer asks for every node's tag; PyYAML's general resolver also keeps a stack
    for path resolvers, which the safe loader has none of.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> Any:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


# Never path resolvers in the safe loader; if there were, PyYAML's own resolver is kept.
_Loader: Any = _Base if _Base.yaml_path_resolvers else _CutLoader

Loc = tuple[str | int, ...]
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"

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
        mark: Any = event.start_mark  # the parser always sets it
        pos = Position(mark.line + 1 + line_offset, mark.column + 1)
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


class Document:
    """Data read from one YAML text, with positions keyed by location tuples.

    Positions are kept as (line, column) pairs and become `Position`s only when asked for.
    A document read by the fast path has none until first asked: a repository has hundreds
    of thousands of values and few problems, so its text is read again, with positions,
    only when something in it is reported.
    """

    __slots__ = ("display", "data", "_values", "_keys", "_text", "_line_offset")

    def __init__(self, display: str, data: Any, values: dict[Loc, tuple[int, int]] | None = None,
                 keys: dict[Loc, tuple[int, int]] | None = None, *, text: str | None = None,
                 line_offset: int = 0) -> None:
        self.display = display
        self.data = data
        self._values = {} if values is None and text is None else values
        self._keys = {} if keys is None and text is None else keys
        self._text = text
        self._line_offset = line_offset

    @property
    def values(self) -> dict[Loc, tuple[int, int]]:
        if self._values is None:
            self._locate()
        assert self._values is not None, "_locate sets it"
        return self._values

    @property
    def keys(self) -> dict[Loc, tuple[int, int]]:
        if self._keys is None:
            self._locate()
        assert self._keys is not None, "_locate sets it"
        return self._keys

    @property
    def located(self) -> bool:
        """Whether the positions are known yet (read eagerly, or asked for once)."""
        return self._values is not None

    def _locate(self) -> None:
        """Read the text again with positions (the fast path found it clean, so this read is too)."""
        assert self._text is not None
        again = _read_located(self._text, self.display, Problems(), self._line_offset)
        self._values, self._keys = (again._values, again._keys) if again else ({}, {})
        self._text = None

    def at(self, loc: Loc) -> Position:
        """Position of the value at `loc`, else of its nearest known ancestor."""
        values = self.values
        loc = tuple(loc)
        while loc and loc not in values:
            loc = loc[:-1]
        found = values.get(loc)
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
        self.values, self.keys = doc.values, doc.keys
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

    def convert(self, node: Any, loc: Loc) -> Any:  # Any: dispatched on its exact type, for speed
        mark = node.start_mark
        self.values[loc] = (mark.line + self.first_line, mark.column + 1)
        self.count += 1
        if self.count > MAX_VALUES:  # aliases of aliases grow exponentially: stop at a fixed budget
            raise _Refused(Position(*self.values[loc]), "yaml-alias",
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
            if isinstance(value, str) and (found := CONTROL.search(value)):
                self.problems.add(self.doc.display, Position(*self.values[loc]), "control-character",
                                  f"the value holds the control character {describe_control(found.group())}, "
                                  "which could rewrite a terminal or reorder the text a reader sees",
                                  "remove it (in YAML, escapes such as \\e or \\u202e write one too)")
                return CONTROL.sub("", value)
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
        keys = self.keys
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
    """Parse `text`; on a syntax error record a located problem and return None.

    A text the fast path reads without any doubt gets its positions only when asked for;
    anything else (an error, a warning, an alias, a merge key, a limit reached) is read
    again by the located path, so every message and position is the same either way.
    """
    if FAST:
        data = _read_fast(text)
        if data is not _DOUBT:
            return Document(display, data, text=text, line_offset=line_offset)
    return _read_located(text, display, problems, line_offset)


def _read_located(text: str, display: str, problems: Problems, line_offset: int = 0) -> Document | None:
    """The located path: limits checked on the event stream, then every value's position kept."""
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


# The fast path: one compose by the C loader, no event scan and no positions. It gives up
# (and the located path reads the text) on the first thing that could be reported.
FAST = True
_DOUBT = object()


class _Doubt(Exception):
    pass


def _read_fast(text: str) -> Any:
    """The data of a clean `text`, or `_DOUBT` when the located path must read it."""
    if "&" in text and "*" in text:
        return _DOUBT  # aliases: the located path counts them and checks for loops
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return _DOUBT
    finally:
        loader.dispose()
    if node is None:
        return _DOUBT
    try:
        return _FastConverter(loader, text.split("\n") if "#" in text else None).convert(node, 1)
    except _Doubt:
        return _DOUBT


_SCALAR_CONSTRUCTORS = {f"tag:yaml.org,2002:{name}": _Base.yaml_constructors[f"tag:yaml.org,2002:{name}"]
                        for name in ("null", "bool", "int", "float", "timestamp")}


class _FastConverter:
    """Like `_Converter` without positions; raises `_Doubt` where that one would report something."""

    def __init__(self, loader: Any, lines: list[str] | None) -> None:
        self.loader = loader
        self.lines = lines
        self.count = 0

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        direct = _SCALAR_CONSTRUCTORS.get(node.tag)
        if direct is not None:  # a plain function of the node: skip construct_object's bookkeeping
            return direct(self.loader, node)
        return self.loader.construct_object(node, deep=True)

    def convert(self, node: Any, depth: int) -> Any:  # Any: dispatched on its exact type, for speed
        self.count += 1
        if self.count > MAX_VALUES:
            raise _Doubt
        kind = type(node)
        if kind is yaml.ScalarNode:
            if node.tag == _STR_TAG:
                value = node.value
            else:
                try:
                    value = self._scalar(node)
                except (ValueError, TypeError, yaml.YAMLError):
                    return node.value
            if self.lines is not None and not node.style and isinstance(value, str) and value:
                end = node.end_mark
                if end.line < len(self.lines) and _CUTTING_COMMENT.match(self.lines[end.line][end.column:]):
                    raise _Doubt
            if isinstance(value, str) and CONTROL.search(value):
                raise _Doubt
            return value
        if depth >= MAX_DEPTH:
            raise _Doubt
        if kind is yaml.MappingNode:
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not yaml.ScalarNode or key_node.tag == _MERGE_TAG:
                    raise _Doubt  # a list as a key, or a merge key '<<' to flatten
                key = str(key_node.value)
                if key in result:
                    raise _Doubt
                result[key] = self.convert(value_node, depth + 1)
            return result
        return [self.convert(item, depth + 1) for item in node.value]
