"""versions.json in mike's format and the root redirect."""

from __future__ import annotations

import json
from pathlib import Path

from generator.render.site.versions import merge_versions, write_versions


def test_merge_keeps_other_versions_newest_first_with_latest_on_the_newest() -> None:
    existing = [{"version": "2026.1", "title": "2026.1", "aliases": ["latest"]},
                {"version": "2025.9", "title": "Autumn", "aliases": []}]
    merged = merge_versions(existing, "2026.10", "2026.10")
    assert merged == [{"version": "2026.10", "title": "2026.10", "aliases": ["latest"]},
                      {"version": "2026.1", "title": "2026.1", "aliases": []},
                      {"version": "2025.9", "title": "Autumn", "aliases": []}]


def test_rebuilding_an_older_version_keeps_latest_on_the_newest() -> None:
    existing = [{"version": "2.0", "title": "2.0", "aliases": ["latest"]}]
    assert merge_versions(existing, "1.0", "1.0")[0] == {"version": "2.0", "title": "2.0", "aliases": ["latest"]}


def test_write_versions_drops_versions_whose_folder_is_gone(tmp_path: Path) -> None:
    (tmp_path / "1.0").mkdir()
    (tmp_path / "versions.json").write_text(json.dumps(
        [{"version": "0.9", "title": "0.9", "aliases": []}, {"version": "1.0", "title": "1.0", "aliases": []}]))
    (tmp_path / "1.1").mkdir()
    write_versions(tmp_path, "1.1", "1.1")
    assert [v["version"] for v in json.loads((tmp_path / "versions.json").read_text())] == ["1.1", "1.0"]
    index = (tmp_path / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=1.1/">' in index and 'href="1.1/"' in index


def test_unreadable_versions_json_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "versions.json").write_text("{not json")
    (tmp_path / "3").mkdir()
    write_versions(tmp_path, "3", "3")
    assert json.loads((tmp_path / "versions.json").read_text()) == [
        {"version": "3", "title": "3", "aliases": ["latest"]}]
