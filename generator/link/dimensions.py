"""Level dimensions (scope, reach, impact...): every text a level or track level gives names one."""

from __future__ import annotations

from generator.link.project import Project
from generator.model.base import Strict
from generator.model.errors import did_you_mean
from generator.problems import Problems


def _check_keys(record: Strict, texts: dict[str, str], known: list[str], problems: Problems) -> None:
    for key in texts:
        if key not in known:
            hint = did_you_mean(key, known) if known else None
            problems.add(record.path, record.key_pos("dimensions", key), "unknown-dimension",
                         f"unknown dimension '{key}'",
                         hint or "declare it under 'dimensions:' in content/framework.yml, with an id and a name")


def check_dimensions(project: Project, problems: Problems) -> None:
    """Every text of a level or track level keyed by a dimension the framework does not declare."""
    fw = project.framework
    assert fw is not None
    known = [d.id for d in fw.dimensions]
    for level in fw.levels:
        _check_keys(level, level.dimensions, known, problems)
    for track in project.tracks:
        for track_level in track.levels:
            _check_keys(track_level, track_level.dimensions, known, problems)
