"""The committed JSON Schemas match the models, and the example files point at them."""

from __future__ import annotations

import json
from pathlib import Path

from generator.render.schema import render_schemas
from tests.helpers import run_cli

ROOT = Path(__file__).parent.parent


def test_committed_schemas_are_current() -> None:
    stale = [name for name, text in render_schemas().items()
             if not (ROOT / "schemas" / name).is_file() or (ROOT / "schemas" / name).read_text() != text]
    assert stale == [], f"schemas out of date: {stale}; run `handbook schema`"


def test_schema_command_writes_every_schema(tmp_path: Path) -> None:
    result = run_cli("schema", "--root", tmp_path)
    assert result.exit_code == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(render_schemas())
    track = json.loads((tmp_path / "schemas/track.schema.json").read_text())
    assert track["additionalProperties"] is False
    assert "milestones" in json.dumps(track)


def test_example_yaml_files_declare_their_schema() -> None:
    files = [ROOT / "handbook.yml", ROOT / "content/framework.yml", ROOT / "portfolios/people.yml",
             *(ROOT / "content/competencies").glob("*.yml"), *(ROOT / "content/tracks").glob("*.yml"),
             *(ROOT / "portfolios").glob("*/profile.yml"), *(ROOT / "portfolios").glob("*/plan.yml")]
    for path in files:
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), f"{path}: {schema} does not exist"
