"""The benchmark synthesizer writes a valid, deterministic company repository."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.synth import Company, main, write_company
from tests.helpers import run_cli

SMALL = Company(people=12, entries=9, tracks=3, seed=7)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_company_passes_check_with_no_problems(tmp_path: Path, check) -> None:  # type: ignore[no-untyped-def]
    root = write_company(tmp_path / "co", SMALL)
    assert check(root) == []
    profiles = sorted((root / "portfolios").glob("*/profile.yml"))
    assert len(profiles) == 12
    assert all(len(list((p.parent / "entries").glob("*.md"))) == 9 for p in profiles)


def test_the_same_seed_writes_the_same_files_and_another_seed_does_not(tmp_path: Path) -> None:
    first = _tree(write_company(tmp_path / "a", SMALL))
    assert first == _tree(write_company(tmp_path / "b", SMALL))
    other = _tree(write_company(tmp_path / "c", Company(people=12, entries=9, tracks=3, seed=8)))
    assert other != first


def test_tracks_share_the_core_set_and_add_their_own(tmp_path: Path) -> None:
    root = write_company(tmp_path / "co", SMALL)
    core_file = yaml.safe_load((root / "content/competencies/core.yml").read_text())
    assert core_file["set"] == "core"
    core = {c["id"] for c in core_file["competencies"]}
    for track_file in sorted((root / "content/tracks").glob("*.yml")):
        track = yaml.safe_load(track_file.read_text())
        assert track["competencies"] == ["core", f"{track_file.stem}-skills"]
        own = yaml.safe_load((root / "content/competencies" / track_file.name).read_text())["competencies"]
        assert {"extends": "communication", "id": f"{track_file.stem}-communication"}.items() <= own[-1].items()
        used = {c for level in track["levels"] for m in level["milestones"] for c in m["competencies"]}
        assert used & core and any(c.startswith(track_file.stem + "-skill-") for c in used), track_file.name


def test_entries_carry_feedback_metrics_and_attachments_that_render(tmp_path: Path) -> None:
    root = write_company(tmp_path / "co", SMALL)
    texts = [p.read_text() for p in (root / "portfolios/person-00001/entries").glob("*.md")]
    metas = [yaml.safe_load(t.split("---\n")[1]) for t in texts]
    assert any(m["kind"] == "feedback" and m["from"] for m in metas)
    assert any(m.get("feedback") for m in metas)
    assert any(m.get("metrics") for m in metas)
    assert any(m.get("competencies") for m in metas) and any(m.get("behaviours") for m in metas)
    assert any("attachments/results.csv" in m.get("artifacts", []) for m in metas)
    assert (root / "portfolios/person-00001/attachments/chart.png").read_bytes().startswith(b"\x89PNG")
    result = run_cli("readiness", "person-00001", "--root", root, "--format", "json")
    assert result.exit_code == 0, result.output


def test_a_big_person_and_the_command_line(tmp_path: Path, check) -> None:  # type: ignore[no-untyped-def]
    main([str(tmp_path / "co"), "--people", "3", "--entries", "2", "--tracks", "2", "--big-person", "300"])
    entries = list((tmp_path / "co/portfolios/big-portfolio/entries").glob("*.md"))
    assert len(entries) == 300
    assert check(tmp_path / "co") == []


def test_an_existing_handbook_is_never_overwritten(tmp_path: Path) -> None:
    write_company(tmp_path / "co", SMALL)
    with pytest.raises(FileExistsError):
        write_company(tmp_path / "co", SMALL)
