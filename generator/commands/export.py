"""`handbook export case|badges|csv`: the framework and achievements in open standards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.commands.common import load_valid, portfolio_of
from generator.problems import display_path


def run_export_case(root: Path, out: Path | None) -> None:
    from generator.render.exports import default_dir, write_case

    project = load_valid(root, portfolios=False)
    for path in write_case(project, out or default_dir(project, "case")):
        click.echo(f"wrote {display_path(path, project.root)}")


def run_export_csv(root: Path, out: Path | None) -> None:
    from generator.render.exports import default_dir, write_matrix

    project = load_valid(root, portfolios=False)
    for path in write_matrix(project, out or default_dir(project, "csv")):
        click.echo(f"wrote {display_path(path, project.root)}")


def run_export_badges(root: Path, as_of: dt.date | None, out: Path | None, person: str | None) -> None:
    from generator.render.exports import default_dir, write_badges

    project = load_valid(root, as_of)
    if person is not None:
        portfolio_of(project, person)
    target = out or default_dir(project, "badges")
    paths = write_badges(project, target, person)
    click.echo(f"wrote {len(paths)} file(s) to {display_path(target, project.root)}")
