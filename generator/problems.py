"""Located problems: what every stage reports instead of raising.

Three kinds of failure exist: a located problem in the user's files (collected,
reported together), a user error without a location (`UserError`, exit 1), and
a bug (a normal exception, which the CLI reports as such).
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

# C0 and C1 controls (newline included), DEL, the Unicode line and paragraph separators, and the
# bidirectional overrides and isolates: a message or path carrying one could forge extra
# `path:line:col:` lines, terminal escapes, or text that reads in another order than it is.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same, without tab and newline: what a value of a content or portfolio file may not hold.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def one_line(text: str) -> str:
    """`text` with every control character shown as an escape (\\n, \\x1b, ...), so it stays one line."""
    return _CONTROL.sub(_escaped, text)


def printable(text: str) -> str:
    """`text` safe for a terminal: controls but tab and newline shown as escapes."""
    return CONTROL.sub(_escaped, text)


def describe_control(char: str) -> str:
    """U+001B and how it is written, for a message."""
    return f"U+{ord(char):04X} ({char.encode('unicode_escape').decode('ascii')})"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """1-based line and column in a file."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.message)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class Problems:
    """An ordered collection of problems found by one run."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        path: str,
        pos: Position,
        code: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.items.append(Problem(one_line(path), pos.line, pos.column, severity, code, one_line(message),
                                  one_line(hint)))

    def warn(self, path: str, pos: Position, code: str, message: str, hint: str = "") -> None:
        self.add(path, pos, code, message, hint, Severity.WARNING)

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        unique = {(p.sort_key, p.code, p.severity): p for p in self.items}
        return sorted(unique.values(), key=lambda p: p.sort_key)


class UserError(Exception):
    """A problem the user can fix that has no single file location."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


_IO_HINTS = {
    errno.EROFS: "the file system is read-only; build somewhere writable",
    errno.ENOSPC: "the disk is full; free some space and build again",
    errno.EDQUOT: "the disk quota is exceeded; free some space and build again",
    errno.EACCES: "check the permissions of the folder",
    errno.EPERM: "check the permissions of the folder",
    errno.ENAMETOOLONG: "use a shorter id or a shorter path to the repository",
}


def io_error(exc: OSError) -> UserError:
    """A failed read or write as the user's problem, naming the path (a full disk is not a bug)."""
    where = f" {one_line(str(exc.filename))}" if exc.filename else ""
    what = one_line(exc.strerror or str(exc)).lower()
    return UserError(f"could not write or read{where}: {what}",
                     _IO_HINTS.get(exc.errno or 0, "check the path and try again"))


class InvalidContent(Exception):
    """Raised when loading found errors; carries every problem found."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems.errors)} error(s) in the content")
        self.problems = problems


def display_path(path: Path, root: Path) -> str:
    """Path as shown to users: relative to the root when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
