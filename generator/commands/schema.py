"""`handbook schema`: the JSON Schemas of every file format, for editors."""

from __future__ import annotations

from pathlib import Path

import click


def run_schema(root: Path) -> None:
    from generator.render.schema import write_schemas

    for path in write_schemas(root / "schemas"):
        click.echo(f"wrote {path}")
