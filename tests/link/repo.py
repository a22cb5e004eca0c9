"""Small handbook repositories written from text, for tests of the competency model."""

from __future__ import annotations

import textwrap
from pathlib import Path

FRAMEWORK = """\
name: Test Framework
version: "1.0"
domains:
  - {id: technical, name: Technical}
  - {id: people, name: People}
levels:
  - {id: L1, name: Associate}
  - {id: L2, name: Practitioner}
  - {id: L3, name: Senior}
  - {id: L4, name: Staff}
"""

TRACK = """\
id: {id}
name: {name}
{extra}levels:
  - level: L2
    title: Engineer
  - level: L3
    title: Senior engineer
"""


def write_repo(root: Path, files: dict[str, str], framework_extra: str = "") -> Path:
    """A repository with the test framework plus `files` (path -> YAML text, dedented)."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content/framework.yml").write_text(FRAMEWORK + textwrap.dedent(framework_extra), encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def track(track_id: str, extra: str = "") -> str:
    return TRACK.format(id=track_id, name=track_id.title(), extra=textwrap.dedent(extra))
