"""`handbook export`: write the CASE package and the Open Badges files (each file written atomically)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.link.project import Project
from generator.render.badges import achievements, credentials
from generator.render.case import build_case_package
from generator.write.atomic import write_text


def default_dir(project: Project, what: str) -> Path:
    """Exports stay private under build/ unless asked otherwise: credentials name people."""
    return project.root / "build" / "export" / what


def _write_json(path: Path, data: Any) -> Path:
    return write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_case(project: Project, out: Path) -> list[Path]:
    """<out>/case-package.json: the whole framework as one CASE 1.1 CFPackage."""
    return [_write_json(out / "case-package.json", build_case_package(project))]


def write_badges(project: Project, out: Path, person: str | None = None) -> list[Path]:
    """<out>/achievements/<track>/<milestone>.json and <out>/credentials/<person>/<track>--<milestone>.json."""
    written = []
    if person is None:
        for ref, data in achievements(project).items():
            track, _, milestone = ref.partition("/")
            written.append(_write_json(out / "achievements" / track / f"{milestone}.json", data))
    for portfolio in project.portfolios:
        if person is not None and portfolio.id != person:
            continue
        for ref, data in credentials(project, portfolio).items():
            written.append(_write_json(out / "credentials" / portfolio.id / f"{ref.replace('/', '--')}.json", data))
    return written
