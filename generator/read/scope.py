"""Which files `handbook check` reports on: all, those changed against a base, or the staged ones.

The whole repository is still loaded and cross-checked either way; the scope only
decides which problems are shown, by the file they are located in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problems
from generator.read.vcs import changed_files, staged_files


@dataclass(frozen=True)
class Scope:
    description: str  # e.g. "files changed against origin/main"
    paths: frozenset[str]

    def select(self, problems: Problems) -> Problems:
        return Problems([p for p in problems.items if p.path in self.paths])


def read_scope(root: Path, changed: str | None, staged: bool) -> Scope | None:
    """None for the whole repository; `changed` is a base ref, or "" for the default base."""
    if staged:
        return Scope("staged files", frozenset(staged_files(root)))
    if changed is not None:
        base, paths = changed_files(root, changed or None)
        return Scope(f"files changed against {base}", frozenset(paths))
    return None
