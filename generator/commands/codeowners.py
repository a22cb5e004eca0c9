"""`handbook codeowners`: who must review changes to each part of the repository."""

from __future__ import annotations

from pathlib import Path

import click

from generator.commands.common import echo_err, load_valid
from generator.problems import display_path
from generator.render.problem_formats import format_text


def run_codeowners(root: Path, output: Path | None) -> None:
    from generator.read.releases import git_prefix
    from generator.render.codeowners import codeowners_path, render_codeowners
    from generator.write.atomic import write_text

    project = load_valid(root)
    text, problems = render_codeowners(project, git_prefix(project.root) or "")
    if problems.items:
        echo_err(format_text(problems.sorted()))
    path = write_text(codeowners_path(project, output), text)
    click.echo(f"wrote {display_path(path, project.root)}")
