"""`handbook import MATRIX`: content files from a competency matrix CSV."""

from __future__ import annotations

from pathlib import Path

import click

from generator.commands.common import echo_err
from generator.link.load import load_project
from generator.problems import display_path
from generator.render.problem_formats import format_text


def run_import(matrix: Path, root: Path, set_id: str | None, track: str | None) -> int:
    from generator.scaffold.matrix_import import import_matrix

    project, _ = load_project(root, portfolios=False)
    written, problems = import_matrix(project, matrix, set_id, track)
    if problems.errors:
        click.echo(format_text(problems.sorted()))
        echo_err(f"stopped: {len(problems.errors)} error(s); nothing was written")
        return 1
    for path in written:
        click.echo(f"wrote {display_path(path, project.root)}")
    return 0
