"""A project read and checked: the link stage's one entry point, above every check it runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from generator.link.project import Project, read_project
from generator.link.references import check_references
from generator.problems import Problem, Problems, Severity
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
        problems.items = [framework_located(project, p) for p in problems.items
                          if p.severity is Severity.ERROR or not Path(p.path).is_relative_to(project.framework_root)]
    return project, problems


def framework_located(project: Project, problem: Problem) -> Problem:
    """A problem in the framework a person's repository uses, named as the framework's file, not the cache's.

    A fetched framework reads `framework@REF:content/...` (like a tagged release's files); a framework
    folder is named relative to the person's repository.
    """
    assert project.framework_root is not None
    path = Path(problem.path)
    if not path.is_absolute() or not path.is_relative_to(project.framework_root):
        return problem
    inside = path.relative_to(project.framework_root).as_posix()
    source = project.own_config.framework if project.own_config else None
    if source is not None and source.git:
        shown = f"framework@{source.ref}:{inside}"
    else:
        shown = os.path.relpath(path, project.root)
    return dataclasses.replace(problem, path=shown)
