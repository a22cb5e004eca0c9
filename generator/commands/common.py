"""What the commands share: the project loaded for them, and messages on standard error."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from generator.link.load import load_project
from generator.link.project import Portfolio, Project
from generator.problems import InvalidContent, UserError
from generator.render.problem_formats import format_text


def echo_err(message: str) -> None:
    click.echo(message, err=True)


def load_valid(root: Path, as_of: dt.date | None = None, *, portfolios: bool = True) -> Project:
    """Load everything, or stop with every error; warnings go to stderr."""
    project, problems = load_project(root, as_of, portfolios=portfolios)
    if problems.errors:
        raise InvalidContent(problems)
    if problems.warnings:
        echo_err(format_text(problems.sorted()))
    return project


def load_for_build(root: Path, as_of: dt.date | None, portfolios: bool, verbosity: int) -> tuple[Project, int]:
    """Like load_valid, but warnings are hidden by --quiet and counted for the summary."""
    project, problems = load_project(root, as_of, portfolios=portfolios)
    if problems.errors:
        raise InvalidContent(problems)
    if problems.warnings and verbosity >= 0:
        echo_err(format_text(problems.sorted()))
    return project, len(problems.warnings)


def load_for_scaffold(root: Path) -> Project:
    """The project as far as it loads: scaffolds need the framework, not a spotless repository."""
    project, problems = load_project(root)
    if project.framework is None:
        raise InvalidContent(problems)
    if problems.errors:
        echo_err(f"note: the handbook has {len(problems.errors)} error(s); run 'handbook check' to see them")
    return project


def portfolio_of(project: Project, person: str) -> Portfolio:
    """PERSON's portfolio, or a user error that names the people who have one."""
    from generator.model.errors import did_you_mean

    portfolio = project.portfolio(person)
    if portfolio is None:
        ids = [p.id for p in project.portfolios]
        raise UserError(f"no portfolio for '{person}' under portfolios/",
                        did_you_mean(person, ids) or "people with portfolios: " + ", ".join(ids))
    return portfolio


def only_person(project: Project) -> str:
    """The person of a person's own repository, for commands whose PERSON may then be left out."""
    if project.framework_root is None or not project.portfolios:
        raise UserError("name the person, like 'handbook readiness ada'",
                        "only a person's own repository (handbook.yml with framework:) has one person to assume")
    return project.portfolios[0].id


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
