"""`handbook diff OLD NEW`: what changed between two framework versions."""

from __future__ import annotations

from pathlib import Path

import click

from generator.commands.common import load_valid, print_json


def run_diff(old: str, new: str, root: Path, fmt: str) -> None:
    from generator.link.changes import diff_content
    from generator.link.versions import content_of
    from generator.render.changes import render_changes_text

    project = load_valid(root, portfolios=False)
    changes = diff_content(content_of(project, old), content_of(project, new))
    if fmt == "json":
        print_json({"from": old, "to": new, "changes": [c.as_json() for c in changes]})
    else:
        click.echo(render_changes_text(old, new, changes))
