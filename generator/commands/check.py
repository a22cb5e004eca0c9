"""`handbook check`: every problem of the repository (or of the changed files) at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.commands.common import echo_err
from generator.link.load import load_project
from generator.problems import Problems, Severity
from generator.render.problem_formats import FORMATS, summary


def run_check(root: Path, as_of: dt.date | None, strict: bool, fmt: str, changed: str | None, staged: bool,
              cache: bool, quiet: bool, verbose: bool) -> int:
    """Report the problems; the exit code is 1 when any is an error."""
    from generator.commands.progress import Verbosity
    from generator.read.scope import read_scope

    scope = read_scope(root, changed, staged)
    if cache:
        from generator.link.incremental import check_with_cache

        project, problems = check_with_cache(root, as_of, scope.paths if scope is not None else None)
    else:
        project, problems = load_project(root, as_of)
    if staged and scope is not None:
        from generator.link.staged import staged_problems
        from generator.read.vcs import unstaged_files

        problems.extend(staged_problems(project, scope.paths, unstaged_files(root)))
    # Links between pages need the site's page list (and the render modules, 0.2 s to import): only
    # when content could have changed them, never for a learner's commit of their own portfolio.
    content = scope is None or any(p.startswith(("content/", "handbook.y")) for p in scope.paths)
    if content and not problems.errors:
        from generator.render.site.pages import free_page_problems

        problems.extend(free_page_problems(project))
    if content and not problems.errors and project.framework:
        # A framework version not tagged yet: warn at each milestone it would take from someone.
        from generator.assess.release_impact import lost_milestone_problems, release_in_preparation

        if release_in_preparation(project):
            # The cached check holds no portfolio in memory; this comparison needs them all.
            assessed = project if project.portfolios else load_project(root, as_of)[0]
            problems.extend(lost_milestone_problems(assessed))
    verbosity = Verbosity.from_flags(quiet, verbose)
    if scope is not None:
        problems = scope.select(problems)
        if verbosity >= Verbosity.VERBOSE:
            listed = ", ".join(sorted(scope.paths)) or "none"
            echo_err(f"reporting on {len(scope.paths)} {scope.description}: {listed}")
    note = f" (reporting on {len(scope.paths)} {scope.description})" if scope is not None else ""
    return report_problems(problems, fmt, strict, project.files_read, verbosity, note)


def report_problems(problems: Problems, fmt: str, strict: bool, files: int, verbosity: int = 0,
                    note: str = "") -> int:
    items = problems.sorted()
    if strict:
        items = [p if p.severity is Severity.ERROR else
                 type(p)(p.path, p.line, p.column, Severity.ERROR, p.code, p.message, p.hint) for p in items]
    if verbosity < 0:  # --quiet: errors only
        items = [p for p in items if p.severity is Severity.ERROR]
    output = FORMATS[fmt](items)
    if output:
        click.echo(output)
    if fmt == "text" and verbosity >= 0:
        echo_err(summary(items, files) + note)
    return 1 if any(p.severity is Severity.ERROR for p in items) else 0
