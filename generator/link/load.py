"""A project read and checked: the link stage's one entry point, above every check it runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.link.project import Project, read_project
from generator.link.references import check_references
from generator.problems import Problems, Severity
from generator.read.sealing import Identity, session_identities


def load_project(root: Path, as_of: dt.date | None = None, *, portfolios: bool = True,
                 check: bool = True, identities: list[Identity] | None = None) -> tuple[Project, Problems]:
    """Read and validate every file, then check the cross-references; never raises for the user's files.

    With `check=False` the cross-references are not checked yet (the caller adds more first).
    `identities` open sealed feedback; by default those the command line was given.
    """
    project, problems = read_project(root, as_of, portfolios=portfolios)
    project.identities = list(session_identities() if identities is None else identities)
    project.checker = check_references
    if check:
        check_references(project, problems)
    if project.framework_root is not None:
        # a person's own repository: the framework's warnings are its owners' to fix (they see them in its
        # repository); a learner's --strict CI must not fail on them. Its errors stay: nothing can be assessed.
        problems.items = [p for p in problems.items
                          if p.severity is Severity.ERROR or not Path(p.path).is_relative_to(project.framework_root)]
    return project, problems
