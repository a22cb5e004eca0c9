"""`handbook sources`: the portfolio sources handbook.yml names, their people, and the commit each is at."""

from __future__ import annotations

import os
from pathlib import Path

import click

from generator.link.load import load_project
from generator.link.own_repository import names_framework
from generator.link.project import Project
from generator.link.sources import person_folders
from generator.problems import Problems
from generator.read.git_history import repository_top, run_git


def _shown(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()


def run_sources(root: Path) -> int:
    """List each portfolio source, its person folders, and the repository and last commit of each.

    A source that finds nobody (a checkout missing) is named on stderr, so it is seen at once.
    """
    from generator.render.problem_formats import format_text

    project, problems = load_project(root, portfolios=False, check=False)
    if project.own_config is not None or names_framework(project.root):
        return _own_repository(project, problems)
    found = Problems()
    folders = person_folders(project.root, project.config, found)
    for source in project.config.portfolios:
        mine = [f for f in folders if f.source == source]
        click.echo(f"{source}: {len(mine)} {'person' if len(mine) == 1 else 'people'}")
        for item in mine:
            top = repository_top(item.folder)
            last = (run_git(item.folder, "log", "-1", "--format=%h %as", "--", ".") or "").strip()
            where = f"{_shown(top, project.root)} at {last}" if top and last else (
                f"{_shown(top, project.root)}, nothing committed" if top else "not in git")
            click.echo(f"  {item.id}  {_shown(item.folder, project.root)}  ({where})")
    if found.items:
        click.echo(format_text(found.sorted()), err=True)
    return 1 if found.errors else 0


def _own_repository(project: Project, problems: Problems) -> int:
    """A person's own repository: the framework it is checked against, and the person."""
    from generator.link.project import person_id
    from generator.render.problem_formats import format_text

    if project.framework_root is not None and project.own_config is not None:
        source = project.own_config.framework
        named = f"{source.git}@{source.ref}" if source and source.git else f"{source.folder if source else ''}"
        last = (run_git(project.framework_root, "log", "-1", "--format=%h %as") or "").strip()
        click.echo(f"framework: {named}" + (f" at {last}" if last else "") + f"  ({project.framework_root})")
        last = (run_git(project.root, "log", "-1", "--format=%h %as") or "").strip()
        click.echo(f"person: {person_id(project)}  ({'at ' + last if last else 'nothing committed'})")
    if problems.items:
        click.echo(format_text(problems.sorted()), err=True)
    return 1 if problems.errors else 0
