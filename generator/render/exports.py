"""`handbook export`: write the CASE package and the Open Badges files (each file written atomically)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.link.project import Portfolio, Project
from generator.render.badges import achievements, credentials
from generator.render.case import build_case_package
from generator.render.matrix_csv import matrix_csv
from generator.write.atomic import staged_folder, write_text


def default_dir(project: Project, what: str) -> Path:
    """Exports stay private under build/ unless asked otherwise: credentials name people."""
    return project.root / "build" / "export" / what


def _write_json(path: Path, data: Any) -> Path:
    return write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_case(project: Project, out: Path) -> list[Path]:
    """<out>/case-package.json: the whole framework as one CASE 1.1 CFPackage."""
    return [_write_json(out / "case-package.json", build_case_package(project))]


def write_matrix(project: Project, out: Path) -> list[Path]:
    """<out>/competencies.csv: every competency as written, for a spreadsheet and `handbook import`."""
    # The byte order mark tells Excel the file is UTF-8; `handbook import` reads it either way.
    return [write_text(out / "competencies.csv", "\ufeff" + matrix_csv(project.competencies))]


def _replace_folder(target: Path, files: dict[str, Any]) -> list[Path]:
    """Write `files` (relative name -> JSON data) as the whole of `target`, swapped in at once.

    A credential for a milestone no longer met must not stay behind for an issuer to sign.
    """
    with staged_folder(target) as staged:
        for name, data in files.items():
            _write_json(staged / name, data)
    return [target / name for name in files]


def _credential_files(project: Project, portfolio: Portfolio) -> dict[str, Any]:
    return {f"{ref.replace('/', '--')}.json": data for ref, data in credentials(project, portfolio).items()}


def write_badges(project: Project, out: Path, person: str | None = None) -> list[Path]:
    """<out>/achievements/<track>/<milestone>.json and <out>/credentials/<person>/<track>--<milestone>.json.

    With `person`, only that person's credentials folder is rewritten.
    """
    if person is not None:
        portfolio = project.portfolio(person)
        assert portfolio is not None, "the command checks the person"
        return _replace_folder(out / "credentials" / person, _credential_files(project, portfolio))
    defined = {f"{ref}.json": data for ref, data in achievements(project).items()}
    written = _replace_folder(out / "achievements", defined)
    every = {f"{p.id}/{name}": data for p in project.portfolios for name, data in _credential_files(project, p).items()}
    return written + _replace_folder(out / "credentials", every)
