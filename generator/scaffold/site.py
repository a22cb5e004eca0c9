"""`handbook new site DIR`: a starter handbook repository that passes `handbook check`.

The starter ships as package data under `starter/`. Names starting with `dot-` become
dotfiles (package data globs skip hidden files), and `{{ key }}` placeholders in names
and text are filled in, so the example entries are recent whenever the site is created.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from generator.problems import UserError
from generator.render.schema import render_schemas
from generator.scaffold.install_source import install_source
from generator.scaffold.text import write_new_files, yaml_scalar

STARTER = "starter"
DOT_PREFIX = "dot-"


def starter_values(site_name: str, today: dt.date) -> dict[str, str]:
    source = install_source()
    return {
        "install_spec": source.spec,
        "install_spec_yaml": yaml_scalar(source.spec),
        "install_note": source.note,
        "site_name": site_name,
        "site_name_yaml": yaml_scalar(site_name),
        "owner": "@framework-owners",
        "today": today.isoformat(),
        "since": (today - dt.timedelta(days=60)).isoformat(),
        "first_entry": (today - dt.timedelta(days=30)).isoformat(),
        "second_entry": (today - dt.timedelta(days=7)).isoformat(),
    }


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{{ " + key + " }}", value)
    return text


def _walk(folder: Traversable, parts: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Traversable]]:
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name == "__pycache__":
            continue
        if item.is_dir():
            yield from _walk(item, parts + (item.name,))
        else:
            yield parts + (item.name,), item


def _target_name(part: str) -> str:
    return "." + part[len(DOT_PREFIX):] if part.startswith(DOT_PREFIX) else part


def starter_files(values: dict[str, str], starter: str = STARTER) -> dict[str, str]:
    """Relative path -> text of every file of a starter (package data folder), placeholders filled in."""
    root = resources.files("generator.scaffold").joinpath(starter)
    return {"/".join(_fill(_target_name(p), values) for p in parts): _fill(item.read_text(encoding="utf-8"), values)
            for parts, item in _walk(root)}


def create_site(target: Path, site_name: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Write the starter into `target`; stops before writing anything if a file would be replaced."""
    if target.exists() and not target.is_dir():
        raise UserError(f"'{target}' exists and is not a folder", "pass a new or empty folder")
    name = site_name or "Career Handbook"
    files = starter_files(starter_values(name, today or dt.date.today()))
    files.update({f"schemas/{file}": text for file, text in render_schemas().items()})
    clashes = sorted(rel for rel in files if (target / rel).exists())
    if clashes:
        raise UserError(f"'{target}' already has {', '.join(clashes[:3])}{' ...' if len(clashes) > 3 else ''}; "
                        "nothing was written", "pass a new or empty folder")
    return write_new_files(target, files)
