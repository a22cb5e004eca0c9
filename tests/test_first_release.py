"""A repository written for the first release keeps checking, assessing and building as before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "first-release"

STATUSES = {"amara": "ready", "tomas": "on_track", "mei": "not_yet", "jonah": "ready", "farah": "not_yet"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("first") / "repo"
    shutil.copytree(FIXTURE, root)
    result = run_cli("build", "--root", root, "--no-pdf", "--quiet")
    assert result.exit_code == 0, result.output
    return root


def test_checks_without_errors() -> None:
    result = run_cli("check", "--root", FIXTURE, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [p for p in json.loads(result.stdout or "[]") if p["severity"] == "error"] == []


@pytest.fixture(scope="module")
def unverified_counts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture with `verified_feedback_only: false`: the one default this release changed on purpose."""
    root = tmp_path_factory.mktemp("first-policy") / "repo"
    shutil.copytree(FIXTURE, root)
    framework = root / "content/framework.yml"
    framework.write_text(framework.read_text() + "  verified_feedback_only: false\n")
    return root


@pytest.mark.parametrize("person", sorted(STATUSES))
def test_readiness_is_unchanged(person: str, unverified_counts: Path) -> None:
    data = json.loads(run_cli("readiness", person, "--root", unverified_counts, "--format", "json").stdout)
    assert data["status"] == STATUSES[person]


def test_unverified_verdicts_and_waivers_no_longer_count_by_default() -> None:
    """Its feedback was committed by one maintainer, so under the default policy no verdict is verified."""
    statuses = {person: json.loads(run_cli("readiness", person, "--root", FIXTURE, "--format", "json").stdout)
                for person in ("amara", "jonah")}
    assert {p: d["status"] for p, d in statuses.items()} == {"amara": "not_yet", "jonah": "not_yet"}
    jonah = {m["id"]: m["status"] for m in statuses["jonah"]["milestones"]}
    assert jonah["engineering-management/incident-command"] == "in_progress"  # its waiver is not verified


def test_jonah_is_ready_with_a_waiver(unverified_counts: Path) -> None:
    data = json.loads(run_cli("readiness", "jonah", "--root", unverified_counts, "--format", "json").stdout)
    assert "waived" in [m["status"] for m in data["milestones"]]
    assert all(m["status"] in ("met", "waived") for m in data["milestones"])


def test_builds_every_page(built: Path) -> None:
    version = built / "site" / "2026.2"
    for page in ("index.html", "tracks/engineering/index.html", "tracks/engineering/L2-to-L3/index.html",
                 "tracks/engineering-management/index.html", "competencies/code-craft/index.html",
                 "matrix/technical/index.html"):
        assert (version / page).is_file(), page
    # the index, 2 tracks, 6 steps, 2 matrices, 2 self-assessments
    assert len(list((version / "tracks").rglob("index.html"))) == 13
    people = sorted(p.name for p in (built / "build" / "portfolios").iterdir()
                    if p.is_dir() and not p.name.startswith("_"))
    assert people == sorted(STATUSES)



def test_step_pages_no_longer_present_earlier_behaviours_as_dropped(built: Path) -> None:
    step = (built / "site/2026.2/tracks/engineering/L2-to-L3/index.html").read_text(encoding="utf-8")
    assert "No longer listed" not in step
    assert "Writes unit tests for the code they change" not in step
