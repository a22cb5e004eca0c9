"""`handbook diff OLD NEW`: what changed between two framework versions, and whom it moves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.commands.common import load_valid, print_json
from generator.render.wording import label


def run_diff(old: str, new: str, root: Path, fmt: str, *, people: bool = False,
             as_of: dt.date | None = None) -> None:
    from generator.link.changes import diff_content
    from generator.link.versions import content_of
    from generator.render.changes import release_notes, render_changes_text

    project = load_valid(root, as_of, portfolios=people)
    changes = diff_content(content_of(project, old), content_of(project, new))
    from generator.assess.release_impact import ReleaseImpact, release_impact

    impact = release_impact(project, old, new) if people else ReleaseImpact([], [])
    moves = impact.moves
    if fmt == "json":
        data: dict[str, object] = {"from": old, "to": new, "changes": [c.as_json() for c in changes]}
        if people:
            data["people"] = [m.as_json() for m in moves]
            data["kept_on_their_release"] = impact.kept
        print_json(data)
        return
    if fmt == "markdown":
        click.echo(release_notes(old, new, changes, impact if people else None, project.as_of))
        return
    click.echo(render_changes_text(old, new, changes))
    if not people:
        return
    click.echo("")
    if not moves:
        click.echo(f"People: nobody's milestone or overall status differs between {old} and {new}.")
    else:
        click.echo(f"People whose status differs between {old} and {new} (as of {project.as_of}):")
    for move in moves:
        overall = f"{label(move.old)} → {label(move.new)}" if move.old != move.new else f"still {label(move.new)}"
        click.echo(f"- {move.name} ({move.person}): {overall}" + (f"; {move.note}" if move.note else ""))
        for m in move.milestones:
            click.echo(f"    {m.title} ({m.ref}): {label(m.old or 'not a target')} → "
                       f"{label(m.new or 'not a target')}: {m.reason}")
    if impact.kept:
        click.echo(f"Not moved, assessed against a release of their own: {', '.join(impact.kept)}.")
