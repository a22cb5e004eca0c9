"""A project read and checked: the link stage's one entry point, above every check it runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.link.project import Project, read_project
from generator.link.references import check_references
from generator.problems import Problems


def load_project(root: Path, as_of: dt.date | None = None, *, portfolios: bool = True,
                 check: bool = True) -> tuple[Project, Problems]:
    """Read and validate every file, then check the cross-references; never raises for the user's files.

    With `check=False` the cross-references are not checked yet (the caller adds more first).
    """
    project, problems = read_project(root, as_of, portfolios=portfolios)
    project.checker = check_references
    if check:
        check_references(project, problems)
    return project, problems
