"""Write docs/reference/commands.md and formats.md from the command line and the JSON Schemas.

Generated, so they cannot drift from the code: `make docs` runs this before building the site.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from generator.cli import main
from generator.render.schema import render_schemas

HERE = Path(__file__).resolve().parent
SCHEMA_FILES = {
    "handbook.schema.json": "handbook.yml", "framework.schema.json": "content/framework.yml",
    "competencies.schema.json": "content/competencies/*.yml", "track.schema.json": "content/tracks/<track>.yml",
    "people.schema.json": "portfolios/people.yml", "profile.schema.json": "portfolios/<person>/profile.yml",
    "entry.schema.json": "portfolios/<person>/entries/*.md (front matter)",
    "plan.schema.json": "portfolios/<person>/plan.yml",
}


def commands(group: click.Group, prefix: str = "handbook",
             parent: click.Context | None = None) -> list[tuple[str, click.Context]]:
    """Every command under `group` with its context (as `--help` sees it), depth first, in `--help` order."""
    found: list[tuple[str, click.Context]] = []
    context = click.Context(group, info_name=prefix, parent=parent, **(group.context_settings or {}))
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found += commands(command, path, context)
        else:
            found.append((path, click.Context(command, info_name=name, parent=context,
                                              **(command.context_settings or {}))))
    return found


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def commands_page() -> str:
    lines = ["# Commands", "", "Every command of `handbook` and its options, as `--help` gives them.", ""]
    for path, context in commands(main):
        command = context.command
        lines += [f"## `{path}`", "", "```text", command.get_usage(context), "```", "",
                  _cell(command.help or ""), ""]
        options = [p for p in command.get_params(context) if isinstance(p, click.Option)]
        if options:
            lines += ["| option | what it does |", "|---|---|"]
            for option in options:
                record = option.get_help_record(context)
                if record:
                    lines.append(f"| `{_cell(record[0])}` | {_cell(record[1])} |")
            lines.append("")
    return "\n".join(lines)


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in spec:
        return " or ".join(_type(s) for s in spec["anyOf"] if s.get("type") != "null")
    if spec.get("type") == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if "enum" in spec:
        return " \\| ".join(f"`{v}`" for v in spec["enum"])
    return str(spec.get("type", "any"))


def _table(title: str, schema: dict[str, Any], level: str) -> list[str]:
    required = set(schema.get("required", []))
    lines = [f"{level} {title}", "", _cell(schema.get("description", "")), "",
             "| key | type | required | what it is |", "|---|---|---|---|"]
    for key, spec in schema.get("properties", {}).items():
        lines.append(f"| `{key}` | {_type(spec)} | {'yes' if key in required else ''} | "
                     f"{_cell(spec.get('description', ''))} |")
    return [*lines, ""]


def formats_page() -> str:
    lines = ["# File formats", "",
             "Every file `handbook check` reads, from the JSON Schemas `handbook schema` writes.", ""]
    for name, text in render_schemas().items():
        schema = json.loads(text)
        lines += _table(f"`{SCHEMA_FILES.get(name, name)}`", schema, "##")
        for def_name, spec in schema.get("$defs", {}).items():
            if spec.get("properties"):
                lines += _table(def_name, spec, "###")
    return "\n".join(lines)


def main_script(out: Path = HERE / "reference") -> int:
    out.mkdir(parents=True, exist_ok=True)
    (out / "commands.md").write_text(commands_page() + "\n", encoding="utf-8")
    (out / "formats.md").write_text(formats_page() + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main_script(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "reference"))
